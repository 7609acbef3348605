// Form fields of the inspector. Text fields keep a draft while focused and commit on Enter or blur,
// so typing is one model command per edit (not per key) and a remote change never moves the caret.
import { memo, useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { Plus, X } from 'lucide-react';
import { useT } from '../i18n';

export function Field({
  label,
  children,
  hint,
}: {
  label: string;
  children: (id: string) => ReactNode;
  hint?: string;
}) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children(id)}
      {hint && <p className="field-hint">{hint}</p>}
    </div>
  );
}

interface TextFieldProps {
  id?: string;
  value: string;
  onCommit: (value: string) => void;
  readOnly?: boolean;
  multiline?: boolean;
  maxLength?: number;
  placeholder?: string;
  type?: 'text' | 'email';
  /** Empty values are allowed (goals, roles); labels pass false. */
  allowEmpty?: boolean;
  /** The field's name when no <label> names it (the items of a list). */
  ariaLabel?: string;
  /** Told when the field gains or loses focus (presence says "… is renaming"). */
  onFocusChange?: (focused: boolean) => void;
  /**
   * Someone else changed the value while this person was typing: the draft is not written over the
   * other's text (which stays) but handed here, to offer it back. Without it, the draft wins.
   */
  onLostRace?: (mine: string) => void;
}

export const TextField = memo(function TextField({
  id,
  value,
  onCommit,
  readOnly,
  multiline,
  maxLength = 2000,
  placeholder,
  type = 'text',
  allowEmpty = true,
  ariaLabel,
  onFocusChange,
  onLostRace,
}: TextFieldProps) {
  const [draft, setDraft] = useState(value);
  const [focused, setFocused] = useState(false);
  /** The value when focus came: a different `value` at commit means someone else changed it. */
  const base = useRef(value);
  useEffect(() => {
    if (!focused) setDraft(value);
  }, [value, focused]);
  const commit = () => {
    const next = draft.trim();
    if (next === value.trim() || (!allowEmpty && !next)) return setDraft(value);
    const changedMeanwhile = value !== base.current;
    // nothing typed: the other person's change stays, the old text is not written back over it
    if (changedMeanwhile && next === base.current.trim()) return setDraft(value);
    if (changedMeanwhile && onLostRace) {
      setDraft(value);
      return onLostRace(next);
    }
    onCommit(next);
  };
  const common = {
    id,
    value: draft,
    readOnly,
    maxLength,
    placeholder,
    'aria-label': ariaLabel,
    onFocus: () => {
      base.current = value;
      setFocused(true);
      onFocusChange?.(true);
    },
    onBlur: () => {
      setFocused(false);
      onFocusChange?.(false);
      if (!readOnly) commit();
    },
    onChange: (event: { target: { value: string } }) => setDraft(event.target.value),
  };
  return multiline ? (
    <textarea {...common} rows={3} onKeyDown={(event) => event.key === 'Escape' && setDraft(value)} />
  ) : (
    <input
      {...common}
      type={type}
      onKeyDown={(event) => {
        if (event.key === 'Enter') (event.target as HTMLInputElement).blur();
        if (event.key === 'Escape') setDraft(value);
      }}
    />
  );
});

/** An editable list of short texts (pain points, opportunities, needs, goals). */
export const ListEditor = memo(function ListEditor({
  items,
  onChange,
  readOnly,
  label,
  addLabel,
  itemLabel,
}: {
  items: readonly string[];
  onChange: (items: string[]) => void;
  readOnly?: boolean;
  /** The list's name (its section heading): it names the list and each item's field. */
  label: string;
  addLabel: string;
  itemLabel: string;
}) {
  const t = useT();
  const [draft, setDraft] = useState('');
  const add = () => {
    const text = draft.trim();
    if (!text) return;
    onChange([...items, text]);
    setDraft('');
  };
  return (
    <div className="list-editor">
      {items.length > 0 && (
        <ul aria-label={label}>
          {items.map((item, index) => (
            <li key={`${index}-${item}`}>
              <TextField
                value={item}
                readOnly={readOnly}
                allowEmpty={false}
                maxLength={500}
                ariaLabel={t('a11y.listItem', { list: label, n: index + 1 })}
                onCommit={(text) => onChange(items.map((old, i) => (i === index ? text : old)))}
              />
              {!readOnly && (
                <button
                  type="button"
                  className="icon-button"
                  aria-label={t('inspector.removeItem', { item })}
                  onClick={() => onChange(items.filter((_, i) => i !== index))}
                >
                  <X size={14} aria-hidden />
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {!readOnly && (
        <div className="list-add">
          <input
            aria-label={itemLabel}
            value={draft}
            maxLength={500}
            placeholder={addLabel}
            onChange={(event) => setDraft(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === 'Enter') {
                event.preventDefault();
                add();
              }
            }}
          />
          <button type="button" className="icon-button" aria-label={addLabel} onClick={add} disabled={!draft.trim()}>
            <Plus size={16} aria-hidden />
          </button>
        </div>
      )}
    </div>
  );
});

export function ColorSwatches({
  value,
  colors,
  onChange,
  readOnly,
  label,
}: {
  value: string;
  colors: readonly string[];
  onChange: (color: string) => void;
  readOnly?: boolean;
  label: string;
}) {
  return (
    <div className="swatches" role="radiogroup" aria-label={label}>
      {colors.map((color) => (
        <button
          key={color}
          type="button"
          role="radio"
          aria-checked={color.toLowerCase() === value.toLowerCase()}
          aria-label={color}
          className="swatch"
          style={{ background: color }}
          disabled={readOnly}
          onClick={() => onChange(color)}
        />
      ))}
    </div>
  );
}
