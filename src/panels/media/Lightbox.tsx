// A full-window view of one image; Escape or a click outside closes it.
import { useEffect } from 'react';
import { X } from 'lucide-react';
import type { MediaRef } from '../../model';
import { useMap } from '../../state/session';
import { useT } from '../../i18n';
import { useMediaUrl } from '../../sync/useMediaUrl';

export function Lightbox({ mediaRef, onClose }: { mediaRef: MediaRef; onClose: () => void }) {
  const t = useT();
  const { mapId, mapKey } = useMap();
  const { url } = useMediaUrl(mapId, mapKey, mediaRef.id);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => event.key === 'Escape' && onClose();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);
  return (
    <div className="lightbox" role="dialog" aria-modal="true" aria-label={mediaRef.name} onClick={onClose}>
      <button type="button" className="lightbox-close" aria-label={t('app.dismiss')} onClick={onClose}>
        <X size={20} aria-hidden />
      </button>
      {url && <img src={url} alt={mediaRef.name} onClick={(event) => event.stopPropagation()} />}
      <p className="lightbox-caption">{mediaRef.name}</p>
    </div>
  );
}
