// The text field of the outline: renaming a row or naming a new stage or touchpoint. Enter (or
// leaving the field with text in it) commits, Escape cancels; its keys never reach the map's shortcuts.
import { useEffect, useRef, useState } from 'react';

export function OutlineField({
  initial,
  label,
  onCommit,
  onCancel,
}: {
  initial: string;
  label: string;
  onCommit: (text: string) => void;
  onCancel: () => void;
}) {
  const [draft, setDraft] = useState(initial);
  const input = useRef<HTMLInputElement>(null);
  const done = useRef(false);
  useEffect(() => input.current?.select(), []);
  const finish = (commit: boolean) => {
    if (done.current) return;
    done.current = true;
    const text = draft.trim();
    if (commit && text && text !== initial) onCommit(text);
    else onCancel();
  };
  return (
    <input
      ref={input}
      className="outline-field"
      aria-label={label}
      value={draft}
      maxLength={200}
      autoFocus
      onChange={(event) => setDraft(event.target.value)}
      onKeyDown={(event) => {
        event.stopPropagation();
        if (event.key === 'Enter') {
          event.preventDefault();
          finish(true);
        } else if (event.key === 'Escape') {
          event.preventDefault();
          finish(false);
        }
      }}
      onBlur={() => finish(true)}
    />
  );
}
