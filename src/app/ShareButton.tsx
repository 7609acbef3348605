// Copies a share link: the editor link (to editors only) and the viewer link when this browser has it.
import { useState } from 'react';
import { Link2 } from 'lucide-react';
import { useUi } from '../state/uiStore';
import { mapLink } from './links';

export function ShareButton({ mapId, editorKey, viewerKey }: { mapId: string; editorKey?: string; viewerKey?: string }) {
  const [open, setOpen] = useState(false);
  const notify = useUi((state) => state.notify);
  if (!editorKey && !viewerKey) return null;
  const copy = async (key: string, what: string) => {
    const link = mapLink(window.location.origin, mapId, key);
    try {
      await navigator.clipboard.writeText(link);
      notify(`${what} link copied.`, 'info');
    } catch {
      window.prompt(`Copy the ${what.toLowerCase()} link:`, link);
    }
    setOpen(false);
  };
  return (
    <div className="toolbar-menu">
      <button type="button" className="primary" aria-haspopup="menu" aria-expanded={open} onClick={() => setOpen((value) => !value)}>
        <Link2 size={16} aria-hidden /> Share
      </button>
      {open && (
        <div className="menu is-right" role="menu">
          {viewerKey && (
            <button type="button" role="menuitem" onClick={() => void copy(viewerKey, 'Viewer')}>
              Copy viewer link (read-only)
            </button>
          )}
          {editorKey && (
            <button type="button" role="menuitem" onClick={() => void copy(editorKey, 'Editor')}>
              Copy editor link (can edit)
            </button>
          )}
        </div>
      )}
    </div>
  );
}
