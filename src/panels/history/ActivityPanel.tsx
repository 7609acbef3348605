// The map's activity: every recorded change, newest first, with who made it and when; a change of
// a node still on the map shows it on the canvas when clicked. Older changes load on demand.
import { memo, useCallback, useEffect, useState } from 'react';
import { useStore } from 'zustand';
import { RefreshCw } from 'lucide-react';
import { useT } from '../../i18n';
import { useMap } from '../../state/session';
import { showOnCanvas } from '../../state/showOnCanvas';
import { relativeTime } from '../../ui/relativeTime';
import { fetchHistory, type HistoryChange } from '../../sync/historyApi';
import { authorName, describeChange } from './describeChange';

const PAGE = 50;
const REFRESH_DELAY_MS = 1500;

type Loaded =
  { state: 'loading' } | { state: 'failed' } | { state: 'done'; changes: HistoryChange[]; next: number | null };

export const ActivityPanel = memo(function ActivityPanel() {
  const t = useT();
  const { mapId, mapKey, store, awareness } = useMap();
  const modelNodes = useStore(store, (state) => state.modelNodes); // changes when the map does
  const [loaded, setLoaded] = useState<Loaded>({ state: 'loading' });
  const labelOf = (id: string) => store.getState().modelNodes.get(id)?.label;

  const load = useCallback(() => {
    let current = true;
    fetchHistory(mapId, mapKey, { limit: PAGE }).then(
      (reply) => current && setLoaded({ state: 'done', changes: reply.changes, next: reply.next }),
      () => current && setLoaded({ state: 'failed' }),
    );
    return () => {
      current = false;
    };
  }, [mapId, mapKey]);
  // first load at once, later ones a moment after the map changed (the server writes once a second)
  const [first, setFirst] = useState(true);
  useEffect(() => {
    if (!awareness) return;
    if (first) {
      setFirst(false);
      return load();
    }
    let stop = () => {};
    const timer = setTimeout(() => (stop = load()), REFRESH_DELAY_MS);
    return () => {
      clearTimeout(timer);
      stop();
    };
  }, [awareness, modelNodes, load, first]);

  const loadOlder = async () => {
    if (loaded.state !== 'done' || loaded.next === null) return;
    try {
      const older = await fetchHistory(mapId, mapKey, { limit: PAGE, before: loaded.next });
      setLoaded({ state: 'done', changes: [...loaded.changes, ...older.changes], next: older.next });
    } catch {
      setLoaded({ state: 'failed' });
    }
  };

  return (
    <aside className="panel" aria-label={t('activity.title')} data-testid="activity-panel">
      <header className="panel-header">
        <h2>{t('activity.title')}</h2>
        {awareness && (
          <button type="button" className="icon-button" aria-label={t('activity.refresh')} onClick={() => load()}>
            <RefreshCw size={15} aria-hidden />
          </button>
        )}
      </header>
      {!awareness && <p className="muted panel-empty">{t('history.offline')}</p>}
      {awareness && loaded.state === 'loading' && <p className="muted panel-empty">{t('history.loading')}</p>}
      {awareness && loaded.state === 'failed' && (
        <p className="muted panel-empty" role="alert">
          {t('history.failed')}{' '}
          <button type="button" className="link-button" onClick={() => load()}>
            {t('history.retry')}
          </button>
        </p>
      )}
      {awareness && loaded.state === 'done' && loaded.changes.length === 0 && (
        <p className="muted panel-empty">{t('history.empty')}</p>
      )}
      {awareness && loaded.state === 'done' && loaded.changes.length > 0 && (
        <>
          <ol className="activity-list" data-testid="activity-list">
            {loaded.changes.map((change) => {
              const label = labelOf(change.nodeId);
              return (
                <li key={change.id}>
                  <button
                    type="button"
                    className="activity-entry"
                    disabled={label === undefined}
                    onClick={() => showOnCanvas(store, [change.nodeId])}
                  >
                    <span className="activity-node">{label ?? t('activity.gone')}</span>
                    <span className="history-what">{describeChange(t, change, labelOf)}</span>
                    <span className="history-who muted small">
                      {authorName(t, change.author)} · {relativeTime(t, Date.parse(change.at))}
                    </span>
                  </button>
                </li>
              );
            })}
          </ol>
          {loaded.next !== null && (
            <button type="button" className="link-button activity-more" onClick={() => void loadOlder()}>
              {t('activity.older')}
            </button>
          )}
        </>
      )}
    </aside>
  );
});
