// After a change that removed much of the map (≥ 20 % of its nodes or its title; the model's
// largeRemoval), by this editor or another, editors see a banner offering to restore the automatic
// version the server stored just before it. Only after the first sync: loading a map is no removal.
import { useEffect, useRef, useState } from 'react';
import type * as Y from 'yjs';
import { RotateCcw, X } from 'lucide-react';
import { REMOVAL_VERSION_PREFIX, largeRemoval, shapeOf, type LargeRemoval } from '../model';
import { listVersions, restoreVersion } from '../sync/api';
import { useUi } from '../state/uiStore';
import { useT } from '../i18n';

/** The server stores the version asynchronously: look for it a few times. */
async function findRemovalVersion(mapId: string, key: string, since: number): Promise<string | null> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const found = (await listVersions(mapId, key)).find(
      (v) => v.auto && v.name.startsWith(REMOVAL_VERSION_PREFIX) && Date.parse(v.createdAt) >= since - 60_000,
    );
    if (found) return found.id;
    await new Promise((resolve) => setTimeout(resolve, 400));
  }
  return null;
}

export function RemovalBanner({
  doc,
  synced,
  mapId,
  editorKey,
}: {
  doc: Y.Doc;
  synced: boolean;
  mapId: string;
  editorKey?: string;
}) {
  const t = useT();
  const notify = useUi((state) => state.notify);
  const [removal, setRemoval] = useState<(LargeRemoval & { at: number }) | null>(null);
  const [busy, setBusy] = useState(false);
  const shape = useRef(shapeOf(doc));

  useEffect(() => {
    if (!synced || !editorKey) return;
    shape.current = shapeOf(doc);
    const onTransaction = () => {
      const next = shapeOf(doc);
      const found = largeRemoval(shape.current, next);
      shape.current = next;
      if (found) setRemoval({ ...found, at: Date.now() });
    };
    doc.on('afterTransaction', onTransaction);
    return () => doc.off('afterTransaction', onTransaction);
  }, [doc, synced, editorKey]);

  if (!removal || !editorKey) return null;
  const restore = async () => {
    setBusy(true);
    try {
      const id = await findRemovalVersion(mapId, editorKey, removal.at);
      if (!id) {
        notify(t('removal.notFound'));
        return;
      }
      await restoreVersion(mapId, editorKey, id);
      setRemoval(null);
      notify(t('removal.restored'), 'info');
    } catch {
      notify(t('removal.failed'));
    } finally {
      setBusy(false);
    }
  };
  const what =
    removal.nodesRemoved > 0 && removal.titleRemoved
      ? t('removal.nodesAndTitle', { count: removal.nodesRemoved, total: removal.nodesBefore })
      : removal.titleRemoved
        ? t('removal.title')
        : t('removal.nodes', { count: removal.nodesRemoved, total: removal.nodesBefore });
  return (
    <div className="banner is-warning removal-banner" role="alert">
      <span>{what}</span>
      <button type="button" className="primary" disabled={busy} onClick={() => void restore()}>
        <RotateCcw size={14} aria-hidden /> {t('removal.restore')}
      </button>
      <button type="button" className="icon-button" aria-label={t('app.dismiss')} onClick={() => setRemoval(null)}>
        <X size={14} aria-hidden />
      </button>
    </div>
  );
}
