// The customer's emotion from −2 to +2 as a face scale. Each face has its number and a name, so the
// colour (a colour-blind-safe diverging palette) never carries the meaning alone.
import { memo } from 'react';
import { Angry, Frown, Laugh, Meh, Smile, type LucideIcon } from 'lucide-react';
import { useT, type MessageKey } from '../i18n';

// `color` draws the curve and tints; `ink` is the same hue dark enough for text and for white text
// on it (at least 4.5:1, WCAG 1.4.3), as the lighter palette colours are not.
export const EMOTIONS: ReadonlyArray<{
  value: number;
  icon: LucideIcon;
  color: string;
  ink: string;
  name: MessageKey;
}> = [
  { value: -2, icon: Angry, color: '#b2182b', ink: '#b2182b', name: 'emotion.-2' },
  { value: -1, icon: Frown, color: '#ef8a62', ink: '#a8471f', name: 'emotion.-1' },
  { value: 0, icon: Meh, color: '#8c8c8c', ink: '#666666', name: 'emotion.0' },
  { value: 1, icon: Smile, color: '#67a9cf', ink: '#2a6b94', name: 'emotion.1' },
  { value: 2, icon: Laugh, color: '#2166ac', ink: '#2166ac', name: 'emotion.2' },
];

export function emotionLook(value: number) {
  return EMOTIONS.find((emotion) => emotion.value === value) ?? EMOTIONS[2]!;
}

export const EmotionScale = memo(function EmotionScale({
  value,
  onChange,
  readOnly,
  compact,
}: {
  value: number;
  onChange: (value: number) => void;
  readOnly?: boolean;
  compact?: boolean;
}) {
  const t = useT();
  return (
    <div
      className={`emotion-scale ${compact ? 'is-compact' : ''} nodrag`}
      role="radiogroup"
      aria-label={t('emotion.label')}
    >
      {EMOTIONS.map(({ value: v, icon: Icon, color, ink, name }) => {
        const label = `${v > 0 ? '+' : ''}${v} ${t(name)}`;
        return (
          <button
            key={v}
            type="button"
            role="radio"
            aria-checked={v === value}
            aria-label={label}
            title={label}
            disabled={readOnly}
            className={`emotion-face ${v === value ? 'is-chosen' : ''}`}
            style={{ ['--emotion-color' as string]: color, ['--emotion-ink' as string]: ink }}
            onClick={(event) => {
              event.stopPropagation();
              onChange(v);
            }}
          >
            <Icon size={compact ? 14 : 20} aria-hidden />
            {!compact && <span className="emotion-number">{v > 0 ? `+${v}` : v}</span>}
          </button>
        );
      })}
    </div>
  );
});
