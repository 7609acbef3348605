// The emotion on a card: one face with its number (cheap to draw on a map of hundreds of cards);
// clicking it opens the −2…+2 face scale to choose from.
import { memo, useState } from 'react';
import { EmotionScale, emotionLook } from '../../ui/EmotionScale';
import { useT } from '../../i18n';

export const CardEmotion = memo(function CardEmotion({
  value,
  readOnly,
  onChange,
}: {
  value: number;
  readOnly: boolean;
  onChange: (value: number) => void;
}) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const look = emotionLook(value);
  const Icon = look.icon;
  const label = `${t('emotion.label')}: ${value > 0 ? '+' : ''}${value} ${t(look.name)}`;
  return (
    <span className="card-emotion nodrag">
      <button
        type="button"
        className="card-emotion-face"
        style={{ ['--emotion-color' as string]: look.color, ['--emotion-ink' as string]: look.ink }}
        aria-label={label}
        title={label}
        aria-expanded={readOnly ? undefined : open}
        disabled={readOnly}
        data-testid="card-emotion"
        data-value={value}
        onClick={(event) => {
          event.stopPropagation();
          setOpen((isOpen) => !isOpen);
        }}
      >
        <Icon size={15} aria-hidden />
        <span>{value > 0 ? `+${value}` : value}</span>
      </button>
      {open && !readOnly && (
        <span className="card-emotion-popover">
          <EmotionScale
            compact
            value={value}
            onChange={(next) => {
              setOpen(false);
              onChange(next);
            }}
          />
        </span>
      )}
    </span>
  );
});
