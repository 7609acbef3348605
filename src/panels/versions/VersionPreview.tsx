// A version opened read-only, full window, in its own Y.Doc (nothing touches the live map).
import { useEffect, useMemo, useState } from 'react';
import { ReactFlowProvider } from '@xyflow/react';
import * as Y from 'yjs';
import { RotateCcw, X } from 'lucide-react';
import { JourneyCanvas } from '../../canvas/JourneyCanvas';
import { MapContext, useMap, type MapContextValue } from '../../state/session';
import { createJourneyStore, type JourneyStore } from '../../state/journeyStore';
import { ApiError, fetchVersionState, type VersionInfo } from '../../sync/api';
import { useT } from '../../i18n';

export function VersionPreview({
  version,
  onClose,
  onRestore,
}: {
  version: VersionInfo;
  onClose: () => void;
  onRestore?: () => void;
}) {
  const t = useT();
  const live = useMap();
  const [opened, setOpened] = useState<{ doc: Y.Doc; store: JourneyStore } | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    let made: { doc: Y.Doc; store: JourneyStore } | null = null;
    fetchVersionState(live.mapId, live.mapKey, version.id).then(
      (state) => {
        if (cancelled) return;
        const doc = new Y.Doc();
        Y.applyUpdate(doc, state);
        made = { doc, store: createJourneyStore(doc) };
        setOpened(made);
      },
      (caught: unknown) => !cancelled && setError(caught instanceof ApiError ? caught.message : String(caught)),
    );
    return () => {
      cancelled = true;
      made?.store.destroy();
      made?.doc.destroy();
    };
  }, [live.mapId, live.mapKey, version.id]);

  const context = useMemo<MapContextValue | null>(
    () =>
      opened
        ? {
            ...live,
            doc: opened.doc,
            store: opened.store,
            readOnly: true,
            undo: undefined,
            presence: undefined,
            awareness: undefined,
          }
        : null,
    [opened, live],
  );

  return (
    <div
      className="version-preview"
      role="dialog"
      aria-modal="true"
      aria-label={t('versions.previewOf', { name: version.name })}
    >
      <div className="topbar">
        <strong>{t('versions.previewOf', { name: version.name })}</strong>
        <span className="muted small">{new Date(version.createdAt).toLocaleString()}</span>
        <span className="topbar-spacer" />
        {onRestore && (
          <button type="button" className="primary" onClick={onRestore}>
            <RotateCcw size={15} aria-hidden /> {t('versions.restore')}
          </button>
        )}
        <button type="button" onClick={onClose}>
          <X size={16} aria-hidden /> {t('versions.close')}
        </button>
      </div>
      {error && <p className="form-error panel-empty">{error}</p>}
      {context && (
        <MapContext.Provider value={context}>
          <ReactFlowProvider>
            <div className="map-body">
              <JourneyCanvas synced />
            </div>
          </ReactFlowProvider>
        </MapContext.Provider>
      )}
    </div>
  );
}
