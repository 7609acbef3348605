// One map: header (title, role, status, share) over the canvas.
import { useCallback, useEffect, useMemo } from 'react';
import { ReactFlowProvider } from '@xyflow/react';
import { useStore } from 'zustand';
import { ModelError, setJourneyMeta } from '../model';
import { MapContext, type MapContextValue } from '../canvas/mapContext';
import { JourneyCanvas } from '../canvas/JourneyCanvas';
import { InlineLabel } from '../canvas/InlineLabel';
import { updateTitle } from '../db/myMaps';
import { useUi } from '../state/uiStore';
import { Brand } from './Brand';
import { ShareButton } from './ShareButton';
import { StatusBadge } from './StatusBadge';
import { useMapAccess } from './useMapAccess';
import { ensureProfileLoaded, useProfileStore } from './useProfile';
import { PRESENCE_COLORS } from '../db/profile';
import { Sidebar } from '../panels/Sidebar';
import { LanguageSwitch } from './LanguageSwitch';
import { describeRefusal } from './StatusBadge';
import { useT } from '../i18n';
import { useConnectionState, useMapSession, type MapSession } from './useMapSession';

export function MapPage({ mapId }: { mapId: string }) {
  const access = useMapAccess(mapId);
  const session = useMapSession(mapId, access.state === 'ready' ? access.key : null);
  const t = useT();
  if (access.state === 'error') {
    return (
      <main className="page-message" role="alert">
        <h1>{t('map.cannotOpen')}</h1>
        <p>{access.message}</p>
        <a href="/">{t('app.backHome')}</a>
      </main>
    );
  }
  if (access.state === 'loading' || !session) {
    return (
      <main className="page-message" aria-busy="true">
        <p className="muted">{t('map.opening')}</p>
      </main>
    );
  }
  return (
    <OpenMap
      mapId={mapId}
      mapKey={access.key}
      session={session}
      readOnly={access.role !== 'editor'}
      role={access.role}
      editorKey={access.role === 'editor' ? access.key : undefined}
      viewerKey={access.viewerKey}
    />
  );
}

interface OpenMapProps {
  mapId: string;
  mapKey: string;
  session: MapSession;
  readOnly: boolean;
  role: 'editor' | 'viewer';
  editorKey?: string;
  viewerKey?: string;
}

function OpenMap({ mapId, mapKey, session, readOnly, role, editorKey, viewerKey }: OpenMapProps) {
  const { connection, store, undo } = session;
  const connectionState = useConnectionState(connection);
  const meta = useStore(store, (state) => state.meta);
  const notify = useUi((state) => state.notify);
  const t = useT();

  const run = useCallback(
    (action: () => unknown) => {
      try {
        action();
        return true;
      } catch (error) {
        if (error instanceof ModelError) {
          notify(error.message);
          return false;
        }
        throw error;
      }
    },
    [notify],
  );
  const profile = useProfileStore((state) => state.profile);
  useEffect(() => void ensureProfileLoaded(), []);
  const name = profile?.name ?? '';
  const color = profile?.color ?? PRESENCE_COLORS[0];
  const user = useMemo(() => ({ name, color }), [name, color]);
  const context = useMemo<MapContextValue>(
    () => ({ mapId, mapKey, doc: connection.doc, store, awareness: connection.awareness, user, readOnly, run, undo: readOnly ? undefined : undo }),
    [mapId, mapKey, connection, store, user, readOnly, run, undo],
  );

  const merged = connectionState.mergedAfterOffline;
  useEffect(() => {
    if (merged > 0) notify(t('status.merged'), 'info');
  }, [merged, notify, t]);

  useEffect(() => {
    if (meta.title) void updateTitle(mapId, meta.title);
    document.title = `${meta.title || 'Map'} · Percorso`;
  }, [mapId, meta.title]);

  return (
    <MapContext.Provider value={context}>
      <div className="map-page">
        <header className="topbar">
          <Brand />
          <span className="topbar-sep" />
          <InlineLabel
            value={meta.title || t('map.untitled')}
            readOnly={readOnly}
            className="map-heading"
            ariaLabel={t('map.title')}
            onCommit={(title) => run(() => setJourneyMeta(connection.doc, { title }))}
          />
          <span className={`role-badge is-${role}`}>{t(role === 'editor' ? 'role.editor' : 'role.viewer')}</span>
          <span className="topbar-spacer" />
          <StatusBadge state={connectionState} />
          <ShareButton mapId={mapId} editorKey={editorKey} viewerKey={viewerKey} />
          <LanguageSwitch />
        </header>
        {connectionState.status === 'refused' && (
          <div className="banner is-error" role="alert">
            {connectionState.refusal && describeRefusal(t, connectionState.refusal)}
          </div>
        )}
        <div className="map-body">
          <ReactFlowProvider>
            <JourneyCanvas synced={connectionState.synced || connectionState.localReady} />
          </ReactFlowProvider>
          <Sidebar />
        </div>
      </div>
    </MapContext.Provider>
  );
}
