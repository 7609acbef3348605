// Copies a share link: the editor link (to editors only) and the viewer link when this browser has it.
import { useState } from 'react';
import { Link2 } from 'lucide-react';
import { useUi } from '../state/uiStore';
import { mapLink } from './links';
import { useT } from '../i18n';

export function ShareButton({ mapId, editorKey, viewerKey }: { mapId: string; editorKey?: string; viewerKey?: string }) {
  const [open, setOpen] = useState(false);
  const notify = useUi((state) => state.notify);
  const t = useT();
  if (!editorKey && !viewerKey) return null;
  const copy = async (key: string, what: 'viewer' | 'editor') => {
    const link = mapLink(window.location.origin, mapId, key);
    try {
      await navigator.clipboard.writeText(link);
      notify(t('share.copied', { what: t(what === 'viewer' ? 'role.viewer' : 'role.editor') }), 'info');
    } catch {
      window.prompt(t('share.copyPrompt'), link);
    }
    setOpen(false);
  };
  return (
    <div className="toolbar-menu">
      <button type="button" className="primary" aria-haspopup="menu" aria-expanded={open} onClick={() => setOpen((value) => !value)}>
        <Link2 size={16} aria-hidden /> {t('share.button')}
      </button>
      {open && (
        <div className="menu is-right" role="menu">
          {viewerKey && (
            <button type="button" role="menuitem" onClick={() => void copy(viewerKey, 'viewer')}>
              {t('share.viewer')}
            </button>
          )}
          {editorKey && (
            <button type="button" role="menuitem" onClick={() => void copy(editorKey, 'editor')}>
              {t('share.editor')}
            </button>
          )}
        </div>
      )}
    </div>
  );
}
