// Sharing: the viewer link and the editor link with copy buttons, and key rotation (the old link
// stops working at once and people connected with it are disconnected with a clear message).
import { useState } from 'react';
import { Copy, KeyRound, Link2, X } from 'lucide-react';
import { rememberMap } from '../db/myMaps';
import { ApiError, rotateKey } from '../sync/api';
import { useUi } from '../state/uiStore';
import { useT } from '../i18n';
import { mapLink } from './links';

interface ShareProps {
  mapId: string;
  title: string;
  editorKey?: string;
  viewerKey?: string;
}

export function ShareButton(props: ShareProps) {
  const t = useT();
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="primary" onClick={() => setOpen(true)}>
        <Link2 size={16} aria-hidden /> {t('share.button')}
      </button>
      {open && <ShareDialog {...props} onClose={() => setOpen(false)} />}
    </>
  );
}

function ShareDialog({
  mapId,
  title,
  editorKey,
  viewerKey: knownViewerKey,
  onClose,
}: ShareProps & { onClose: () => void }) {
  const t = useT();
  const notify = useUi((state) => state.notify);
  const [viewerKey, setViewerKey] = useState(knownViewerKey);
  const [busy, setBusy] = useState(false);
  const copy = async (link: string) => {
    try {
      await navigator.clipboard.writeText(link);
      notify(t('share.copiedLink'), 'info');
    } catch {
      window.prompt(t('share.copyPrompt'), link);
    }
  };
  const rotate = async (role: 'viewer' | 'editor') => {
    if (!editorKey || !window.confirm(t(role === 'viewer' ? 'share.confirmViewer' : 'share.confirmEditor'))) return;
    setBusy(true);
    try {
      const keys = await rotateKey(mapId, editorKey, role);
      if (keys.viewerKey) {
        setViewerKey(keys.viewerKey);
        await rememberMap({ id: mapId, title, key: editorKey, role: 'editor', viewerKey: keys.viewerKey });
        notify(t('share.rotatedViewer'), 'info');
      }
      if (keys.editorKey) {
        // this browser's own connection used the old key: keep the new one and reopen the map with it
        await rememberMap({ id: mapId, title, key: keys.editorKey, role: 'editor', viewerKey });
        window.location.reload();
      }
    } catch (caught) {
      notify(caught instanceof ApiError ? caught.message : String(caught));
    } finally {
      setBusy(false);
    }
  };
  const row = (label: string, hint: string, key: string | undefined, role: 'viewer' | 'editor') => (
    <div className="share-row">
      <div className="share-row-head">
        <strong>{label}</strong>
        <span className="muted small">{hint}</span>
      </div>
      {key ? (
        <div className="share-link">
          <input
            readOnly
            value={mapLink(window.location.origin, mapId, key)}
            aria-label={label}
            onFocus={(event) => event.target.select()}
          />
          <button type="button" onClick={() => void copy(mapLink(window.location.origin, mapId, key))}>
            <Copy size={14} aria-hidden /> {t('share.copy')}
          </button>
        </div>
      ) : (
        <p className="muted small">{t('share.unknownViewer')}</p>
      )}
      {editorKey && (
        <button type="button" className="link-button" disabled={busy} onClick={() => void rotate(role)}>
          <KeyRound size={12} aria-hidden />{' '}
          {t(role === 'viewer' ? (key ? 'share.rotateViewer' : 'share.newViewer') : 'share.rotateEditor')}
        </button>
      )}
    </div>
  );
  return (
    <div className="dialog-backdrop" onClick={onClose}>
      <div
        className="dialog share-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="share-title"
        onClick={(event) => event.stopPropagation()}
      >
        <header className="dialog-head">
          <h2 id="share-title">{t('share.title')}</h2>
          <button type="button" className="icon-button" aria-label={t('app.dismiss')} onClick={onClose}>
            <X size={16} aria-hidden />
          </button>
        </header>
        <p className="muted">{t('share.lead')}</p>
        {row(t('share.viewerLink'), t('share.viewerHint'), viewerKey, 'viewer')}
        {editorKey && row(t('share.editorLink'), t('share.editorHint'), editorKey, 'editor')}
      </div>
    </div>
  );
}
