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
  /**
   * Someone else changed the label while this person was typing: their text is not written over
   * the other's (which stays), it is handed here to offer it back.
   */
  onLostRace?: (mine: string) => void;
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
    onLostRace,
  } = props;
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(value);
  const input = useRef<HTMLInputElement>(null);
  /** The label when editing started: a different `value` at commit means someone else renamed it. */
  const base = useRef(value);
  const t = useT();

  const askedBefore = useRef(false);
  useEffect(() => {
    // only when asked: a remote rename while typing must not reset the draft
    const asked = Boolean(editingFromOutside) && !readOnly;
    if (asked && !askedBefore.current) {
      base.current = value;
      setDraft(value);
      setEditing(true);
    }
    askedBefore.current = asked;
  }, [editingFromOutside, readOnly, value]);
  useEffect(() => {
    if (editing) input.current?.select();
  }, [editing]);

  const stop = (commit: boolean) => {
    setEditing(false);
    onEditingChange?.(false);
    const next = draft.trim();
    if (!commit || !next || next === value) return;
    if (onLostRace && value !== base.current) onLostRace(next);
    else onCommit(next);
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
        base.current = value;
        setDraft(value);
        setEditing(true);
        onEditingChange?.(true);
      }}
    >
      {value || placeholder}
    </span>
  );
});
