// The workspace's maps for a signed-in member (GET /api/maps): search, order, move to the trash with
// Undo, and the trash itself with Restore. Guests keep the browser-only "My maps" list instead.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Link } from 'wouter';
import { ArchiveRestore, Copy, Map as MapIcon, Trash2 } from 'lucide-react';
import { ApiError } from '../../sync/api';
import {
  duplicateMap,
  listTrash,
  listWorkspaceMaps,
  restoreMap,
  trashMap,
  type TrashedMap,
  type WorkspaceMap,
} from '../../sync/workspaceApi';
import { useT } from '../../i18n';
import { relativeTime } from '../../ui/relativeTime';
import { filterMaps, type MapOrder } from './filterMaps';
import './workspace.css';

type Loaded<T> = { state: 'loading' } | { state: 'error'; message: string } | { state: 'ready'; items: T[] };

function useLoad<T>(load: () => Promise<T[]>, failed: string): [Loaded<T>, () => void] {
  const [loaded, setLoaded] = useState<Loaded<T>>({ state: 'loading' });
  const [round, setRound] = useState(0);
  useEffect(() => {
    let cancelled = false;
    load().then(
      (items) => !cancelled && setLoaded({ state: 'ready', items }),
      (error: unknown) =>
        !cancelled && setLoaded({ state: 'error', message: error instanceof ApiError ? error.message : failed }),
    );
    return () => {
      cancelled = true;
    };
  }, [load, failed, round]);
  return [loaded, useCallback(() => setRound((n) => n + 1), [])];
}

export function WorkspaceMaps() {
  const t = useT();
  const [maps, reloadMaps] = useLoad(listWorkspaceMaps, t('workspace.loadFailed'));
  const [showTrash, setShowTrash] = useState(false);
  const [query, setQuery] = useState('');
  const [order, setOrder] = useState<MapOrder>('updated');
  // the map moved to the trash last, until Undo or the next move
  const [trashed, setTrashed] = useState<{ id: string; title: string } | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const shown = useMemo(
    () => (maps.state === 'ready' ? filterMaps(maps.items, query, order) : []),
    [maps, query, order],
  );

  const run = async (action: () => Promise<void>) => {
    setActionError(null);
    try {
      await action();
    } catch (error) {
      setActionError(error instanceof ApiError ? error.message : t('workspace.actionFailed'));
    }
  };
  const onTrash = (map: WorkspaceMap) =>
    run(async () => {
      await trashMap(map.id);
      setTrashed({ id: map.id, title: map.title });
      reloadMaps();
    });
  const onDuplicate = (map: WorkspaceMap) =>
    run(async () => {
      await duplicateMap(map.id);
      reloadMaps();
    });
  const onRestore = (map: { id: string }) =>
    run(async () => {
      await restoreMap(map.id);
      setTrashed((last) => (last?.id === map.id ? null : last));
      reloadMaps();
    });

  return (
    <section aria-labelledby="maps-heading" className="home-list">
      <div className="workspace-head">
        <h2 id="maps-heading">{t('workspace.heading')}</h2>
        <button
          type="button"
          className="workspace-trash-toggle"
          aria-expanded={showTrash}
          aria-controls="workspace-trash"
          onClick={() => setShowTrash((open) => !open)}
        >
          <Trash2 size={14} aria-hidden /> {t('workspace.trash')}
        </button>
      </div>
      {trashed && (
        <p className="undo-bar" role="status">
          <span className="undo-text">{t('workspace.trashed', { title: trashed.title })}</span>
          <button type="button" onClick={() => void onRestore(trashed)}>
            {t('home.undo')}
          </button>
        </p>
      )}
      {actionError && (
        <p className="form-error" role="alert">
          {actionError}
        </p>
      )}
      <div className="workspace-tools">
        <input
          type="search"
          aria-label={t('workspace.search')}
          placeholder={t('workspace.search')}
          value={query}
          maxLength={200}
          onChange={(event) => setQuery(event.target.value)}
        />
        <label>
          <span>{t('workspace.order')}</span>
          <select value={order} onChange={(event) => setOrder(event.target.value as MapOrder)}>
            <option value="updated">{t('workspace.order.updated')}</option>
            <option value="title">{t('workspace.order.title')}</option>
            <option value="owner">{t('workspace.order.owner')}</option>
          </select>
        </label>
      </div>
      {maps.state === 'loading' ? (
        <p className="muted">{t('home.loading')}</p>
      ) : maps.state === 'error' ? (
        <p className="form-error" role="alert">
          {maps.message}{' '}
          <button type="button" onClick={reloadMaps}>
            {t('workspace.retry')}
          </button>
        </p>
      ) : shown.length === 0 ? (
        <div className="empty-list">
          <MapIcon size={28} aria-hidden />
          <p>{maps.items.length === 0 ? t('workspace.empty') : t('workspace.noMatch')}</p>
        </div>
      ) : (
        <ul className="map-list">
          {shown.map((map) => (
            <li key={map.id}>
              <Link href={`/map/${map.id}`} className="map-link">
                <span className="map-title">{map.title}</span>
                <span className={`role-badge is-${map.role}`}>
                  {t(map.role === 'editor' ? 'role.editor' : 'role.viewer')}
                </span>
                {map.createdBy && <span className="muted workspace-owner">{map.createdBy.name}</span>}
                <span className="muted">
                  {t('workspace.edited', { when: relativeTime(t, Date.parse(map.updatedAt)) })}
                </span>
              </Link>
              {map.role === 'editor' && (
                <button
                  type="button"
                  className="icon-button"
                  aria-label={t('workspace.duplicate', { title: map.title })}
                  title={t('workspace.duplicateHint')}
                  onClick={() => void onDuplicate(map)}
                >
                  <Copy size={16} aria-hidden />
                </button>
              )}
              {map.role === 'editor' && (
                <button
                  type="button"
                  className="icon-button"
                  aria-label={t('workspace.moveToTrash', { title: map.title })}
                  title={t('workspace.moveToTrashHint')}
                  onClick={() => void onTrash(map)}
                >
                  <Trash2 size={16} aria-hidden />
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {showTrash && <TrashList onRestore={onRestore} changed={maps} />}
    </section>
  );
}

function TrashList({
  onRestore,
  changed,
}: {
  onRestore: (map: TrashedMap) => Promise<void>;
  /** the map list as last loaded: the trash reloads whenever it does */
  changed: unknown;
}) {
  const t = useT();
  const [trash, reload] = useLoad(listTrash, t('workspace.loadFailed'));
  useEffect(reload, [changed, reload]);
  return (
    <div id="workspace-trash" className="workspace-trash" role="region" aria-label={t('workspace.trash')}>
      <h3>{t('workspace.trash')}</h3>
      <p className="muted">{t('workspace.trashNote')}</p>
      {trash.state === 'loading' ? (
        <p className="muted">{t('home.loading')}</p>
      ) : trash.state === 'error' ? (
        <p className="form-error" role="alert">
          {trash.message}
        </p>
      ) : trash.items.length === 0 ? (
        <p className="empty-list">{t('workspace.trashEmpty')}</p>
      ) : (
        <ul className="map-list">
          {trash.items.map((map) => (
            <li key={map.id}>
              <span className="map-link">
                <span className="map-title">{map.title}</span>
                <span className="muted">
                  {t('workspace.trashedAt', { when: relativeTime(t, Date.parse(map.trashedAt)) })}
                </span>
              </span>
              <button
                type="button"
                aria-label={t('workspace.restore', { title: map.title })}
                onClick={() => void onRestore(map)}
              >
                <ArchiveRestore size={14} aria-hidden /> {t('workspace.restoreShort')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
