// The inspector's media: a gallery (images open in a lightbox, audio and video play inline,
// documents open in a new tab), uploads with progress and cancel, a file dialog, drop and paste.
import { memo, useRef, useState, type DragEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { FileText, Paperclip, Trash2, X } from 'lucide-react';
import { detachMedia, type MediaRef } from '../../model';
import { useMap } from '../../state/session';
import { filesOf, startUploads, useUploads } from '../../state/uploads';
import { useT } from '../../i18n';
import { useMediaLink } from '../../sync/useMediaLink';
import { useMediaUrl } from '../../sync/useMediaUrl';
import { Lightbox } from './Lightbox';

export const ACCEPTED_FILES =
  'image/png,image/jpeg,image/gif,image/webp,audio/*,video/mp4,video/webm,application/pdf,.docx,.xlsx,.pptx,.txt,.csv';

export const MediaSection = memo(function MediaSection({
  nodeId,
  media,
}: {
  nodeId: string;
  media: readonly MediaRef[];
}) {
  const t = useT();
  const { doc, mapId, mapKey, readOnly, run } = useMap();
  const uploads = useUploads(useShallow((state) => state.uploads.filter((upload) => upload.nodeId === nodeId)));
  const picker = useRef<HTMLInputElement>(null);
  const [dragOver, setDragOver] = useState(false);
  const [open, setOpen] = useState<MediaRef | null>(null);

  const upload = (files: File[]) => files.length && startUploads(files, { doc, mapId, mapKey, nodeId });
  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragOver(false);
    if (!readOnly) upload(filesOf(event.dataTransfer));
  };

  return (
    <div
      className={`media-section ${dragOver ? 'is-drag-over' : ''}`}
      onDragOver={(event) => {
        if (readOnly) return;
        event.preventDefault();
        setDragOver(true);
      }}
      onDragLeave={() => setDragOver(false)}
      onDrop={onDrop}
    >
      {media.length === 0 && uploads.length === 0 && (
        <p className="muted small">{readOnly ? t('media.none') : t('media.empty')}</p>
      )}
      <ul className="media-gallery">
        {media.map((ref) => (
          <li key={ref.id}>
            <MediaTile mediaRef={ref} onOpen={() => setOpen(ref)} />
            {!readOnly && (
              <button
                type="button"
                className="icon-button media-remove"
                aria-label={t('media.remove', { name: ref.name })}
                onClick={() => run(() => detachMedia(doc, nodeId, ref.id))}
              >
                <Trash2 size={14} aria-hidden />
              </button>
            )}
          </li>
        ))}
      </ul>
      {uploads.map((item) => (
        <div key={item.id} className="upload-row" role="status">
          <span className="upload-name">{item.name}</span>
          <progress max={1} value={item.progress} aria-label={t('media.uploading', { name: item.name })} />
          <button
            type="button"
            className="icon-button"
            aria-label={t('media.cancel', { name: item.name })}
            onClick={item.cancel}
          >
            <X size={14} aria-hidden />
          </button>
        </div>
      ))}
      {!readOnly && (
        <>
          <button type="button" onClick={() => picker.current?.click()}>
            <Paperclip size={15} aria-hidden /> {t('media.attach')}
          </button>
          <input
            ref={picker}
            type="file"
            multiple
            hidden
            accept={ACCEPTED_FILES}
            data-testid="media-input"
            onChange={(event) => {
              upload([...(event.target.files ?? [])]);
              event.target.value = '';
            }}
          />
        </>
      )}
      {open && <Lightbox mediaRef={open} onClose={() => setOpen(null)} />}
    </div>
  );
});

const MediaTile = memo(function MediaTile({ mediaRef, onOpen }: { mediaRef: MediaRef; onOpen: () => void }) {
  const { mapId, mapKey } = useMap();
  const image = useMediaUrl(mapId, mapKey, mediaRef.kind === 'image' ? mediaRef.id : null);
  if (mediaRef.kind === 'image') {
    return (
      <button type="button" className="media-tile" onClick={onOpen} title={mediaRef.name}>
        {image.url ? (
          <img src={image.url} alt={mediaRef.name} />
        ) : (
          <span className="media-placeholder">{mediaRef.name}</span>
        )}
      </button>
    );
  }
  if (mediaRef.kind === 'audio' || mediaRef.kind === 'video') return <MediaPlayer mediaRef={mediaRef} />;
  return <MediaDocument mediaRef={mediaRef} />;
});

/** Audio and video stream from a short-lived link; a link that expired is replaced when the player fails on it. */
function MediaPlayer({ mediaRef }: { mediaRef: MediaRef }) {
  const { mapId, mapKey } = useMap();
  const link = useMediaLink(mapId, mapKey, mediaRef.id, { renew: false });
  const Player = mediaRef.kind === 'audio' ? 'audio' : 'video';
  return (
    <figure className="media-player">
      <figcaption>{mediaRef.name}</figcaption>
      {link.url ? (
        <Player controls preload="metadata" src={link.url} onError={link.refresh} />
      ) : (
        <span className="media-placeholder">{mediaRef.name}</span>
      )}
    </figure>
  );
}

/** A document opens in a new tab from a link renewed before it expires. */
function MediaDocument({ mediaRef }: { mediaRef: MediaRef }) {
  const { mapId, mapKey } = useMap();
  const link = useMediaLink(mapId, mapKey, mediaRef.id, { renew: true });
  return (
    <a
      className="media-document"
      href={link.url ?? undefined}
      aria-disabled={link.url ? undefined : true}
      target="_blank"
      rel="noopener noreferrer"
      title={mediaRef.name}
    >
      <FileText size={18} aria-hidden /> <span>{mediaRef.name}</span>
    </a>
  );
}
