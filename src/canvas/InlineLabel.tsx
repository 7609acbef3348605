// A label that becomes a text field on double-click (or F2 on a selected node, via `editing`).
// Enter or leaving the field commits; Escape cancels. The field is `nodrag` so typing never drags.
import { memo, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useT } from '../i18n';

export interface InlineLabelProps {
  value: string;
  onCommit: (next: string) => void;
  readOnly?: boolean;
  className?: string;
  placeholder?: string;
  /** Starts editing from outside (keyboard shortcut); cleared by `onEditingChange(false)`. */
  editing?: boolean;
  onEditingChange?: (editing: boolean) => void;
  ariaLabel?: string;
}

export const InlineLabel = memo(function InlineLabel(props: InlineLabelProps) {
  const {
    value,
    onCommit,
    readOnly,
    className,
    placeholder,
    editing: editingFromOutside,
    onEditingChange,
    ariaLabel,
  } = props;
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(value);
  const input = useRef<HTMLInputElement>(null);
  const t = useT();

  useEffect(() => {
    if (editingFromOutside && !readOnly) {
      setDraft(value);
      setEditing(true);
    }
  }, [editingFromOutside, readOnly, value]);
  useEffect(() => {
    if (editing) input.current?.select();
  }, [editing]);

  const stop = (commit: boolean) => {
    setEditing(false);
    onEditingChange?.(false);
    const next = draft.trim();
    if (commit && next && next !== value) onCommit(next);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    event.stopPropagation(); // Delete/Backspace here edit text, they must not delete the node
    if (event.key === 'Enter') stop(true);
    else if (event.key === 'Escape') stop(false);
  };

  if (editing) {
    return (
      <input
        ref={input}
        className={`inline-label-input nodrag nopan ${className ?? ''}`}
        value={draft}
        maxLength={200}
        aria-label={ariaLabel ?? 'Label'}
        onChange={(event) => setDraft(event.target.value)}
        onKeyDown={onKeyDown}
        onBlur={() => stop(true)}
      />
    );
  }
  return (
    <span
      className={`inline-label ${className ?? ''}`}
      title={readOnly ? value : t('canvas.renameHint', { label: value })}
      onDoubleClick={(event) => {
        if (readOnly) return;
        event.stopPropagation();
        setDraft(value);
        setEditing(true);
        onEditingChange?.(true);
      }}
    >
      {value || placeholder}
    </span>
  );
});
