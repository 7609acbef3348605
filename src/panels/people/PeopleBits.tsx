// Small pieces shared by the owners and personas panels: the "add by name" form and the inline
// removal confirmation.
import { useState, type ReactNode } from 'react';
import { Plus } from 'lucide-react';
import { useT } from '../../i18n';

export function AddByName({
  label,
  button,
  onAdd,
}: {
  label: string;
  button: string;
  onAdd: (name: string) => boolean;
}) {
  const [name, setName] = useState('');
  return (
    <form
      className="people-add"
      onSubmit={(event) => {
        event.preventDefault();
        const trimmed = name.trim();
        if (trimmed && onAdd(trimmed)) setName('');
      }}
    >
      <input
        aria-label={label}
        placeholder={label}
        value={name}
        maxLength={200}
        onChange={(event) => setName(event.target.value)}
      />
      <button type="submit" className="primary" disabled={!name.trim()}>
        <Plus size={15} aria-hidden /> {button}
      </button>
    </form>
  );
}

/** "Remove X? (what happens)" with Remove and Cancel (Cancel has the focus, so Enter is safe). */
export function ConfirmRemove({
  question,
  detail,
  onConfirm,
  onCancel,
}: {
  question: string;
  detail?: ReactNode;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const t = useT();
  return (
    <div className="people-confirm" role="alertdialog" aria-label={question}>
      <p>
        <strong>{question}</strong> {detail}
      </p>
      <div className="people-confirm-actions">
        <button type="button" className="danger-button" onClick={onConfirm}>
          {t('owners.removeConfirm')}
        </button>
        <button type="button" autoFocus onClick={onCancel}>
          {t('owners.cancel')}
        </button>
      </div>
    </div>
  );
}
