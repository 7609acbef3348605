// The shortcut help: "?" anywhere on the map (outside a text field) lists every shortcut, in the UI's
// language; Escape or the close button closes it.
import { useEffect, useState } from 'react';
import { Modal } from '../ui/Modal';
import { useT, type MessageKey } from '../i18n';
import { SHORTCUTS, isTyping } from './useShortcuts';

export function ShortcutHelp() {
  const [open, setOpen] = useState(false);
  const t = useT();
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== '?' || event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) return;
      event.preventDefault();
      setOpen((shown) => !shown);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  if (!open) return null;
  // keys are either literal ("F") or words to translate ("Double-click")
  const keys = (value: string) => (value.startsWith('shortcut.') ? t(value as MessageKey) : value);
  return (
    <Modal title={t('shortcut.title')} onClose={() => setOpen(false)} testId="shortcut-help">
      <table className="shortcut-table">
        <thead>
          <tr>
            <th scope="col">{t('shortcut.keys')}</th>
            <th scope="col">{t('shortcut.action')}</th>
          </tr>
        </thead>
        <tbody>
          {SHORTCUTS.map((shortcut) => (
            <tr key={shortcut.what}>
              <td>
                <kbd>{keys(shortcut.keys)}</kbd>
              </td>
              <td>{t(shortcut.what)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Modal>
  );
}
