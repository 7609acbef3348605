// A node's history in the inspector: who changed what, newest first. Folded by default and asked of
// the server only when opened (and again a moment after the node changes while it is open).
import { useCallback, useEffect, useState } from 'react';
import { useStore } from 'zustand';
import { useT } from '../../i18n';
import { useMap } from '../../state/session';
import { fetchHistory, type HistoryChange } from '../../sync/historyApi';
import { relativeTime } from '../../ui/relativeTime';
import { authorName, describeChange } from './describeChange';

const SHOWN = 30;
/** The server writes history once a second: ask a little after that. */
const REFRESH_DELAY_MS = 1500;

type Loaded = { state: 'loading' } | { state: 'failed' } | { state: 'done'; changes: HistoryChange[] };

export function NodeHistory({ nodeId }: { nodeId: string }) {
  const t = useT();
  const { mapId, mapKey, store } = useMap();
  const [open, setOpen] = useState(false);
  const [loaded, setLoaded] = useState<Loaded>({ state: 'loading' });
  const node = useStore(store, (state) => state.modelNodes.get(nodeId));
  const labelOf = (id: string) => store.getState().modelNodes.get(id)?.label;

  const load = useCallback(() => {
    let current = true;
    fetchHistory(mapId, mapKey, { nodeId, limit: SHOWN }).then(
      (reply) => current && setLoaded({ state: 'done', changes: reply.changes }),
      () => current && setLoaded({ state: 'failed' }),
    );
    return () => {
      current = false;
    };
  }, [mapId, mapKey, nodeId]);

  useEffect(() => {
    if (!open) return;
    return load();
  }, [open, load]);
  // the node changed while the history is open: read it again once the server has written it
  useEffect(() => {
    if (!open || !node) return;
    let stop = () => {};
    const timer = setTimeout(() => (stop = load()), REFRESH_DELAY_MS);
    return () => {
      clearTimeout(timer);
      stop();
    };
  }, [open, node, load]);

  return (
    <details
      className="inspector-section node-history"
      onToggle={(event) => setOpen((event.currentTarget as HTMLDetailsElement).open)}
    >
      <summary>
        <h3>{t('history.title')}</h3>
      </summary>
      {open && loaded.state === 'loading' && <p className="muted small">{t('history.loading')}</p>}
      {open && loaded.state === 'failed' && (
        <p className="muted small" role="alert">
          {t('history.failed')}{' '}
          <button type="button" className="link-button" onClick={() => load()}>
            {t('history.retry')}
          </button>
        </p>
      )}
      {open && loaded.state === 'done' && loaded.changes.length === 0 && (
        <p className="muted small">{t('history.empty')}</p>
      )}
      {open && loaded.state === 'done' && loaded.changes.length > 0 && (
        <ol className="history-list" data-testid="node-history">
          {loaded.changes.map((change) => (
            <li key={change.id}>
              <span className="history-what">{describeChange(t, change, labelOf)}</span>
              <span className="history-who muted small">
                {authorName(t, change.author)} · {relativeTime(t, Date.parse(change.at))}
              </span>
            </li>
          ))}
        </ol>
      )}
    </details>
  );
}
