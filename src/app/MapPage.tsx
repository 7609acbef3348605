// One map: header (title, role, status, share) over the canvas.
import { useCallback, useEffect, useMemo } from 'react';
import { ReactFlowProvider } from '@xyflow/react';
import { useStore } from 'zustand';
import { ModelError, setJourneyMeta } from '../model';
import { MapContext, type MapContextValue } from '../state/session';
import { MapCanvas } from './MapCanvas';
import { InlineLabel } from '../canvas/InlineLabel';
import { updateTitle } from '../db/myMaps';
import { useUi } from '../state/uiStore';
import { Brand } from './Brand';
import { ShareButton } from './ShareButton';
import { StatusBadge } from './StatusBadge';
import { useMapAccess } from './useMapAccess';
import { useLostTextNotices, useMergeNotices } from './useMergeNotices';
import { MapMentions } from './inbox/MapMentions';
import { MemberInbox } from './inbox/MemberInbox';
import { useMemberNames } from './inbox/useMemberNames';
import { revealComment, useRevealNodeFromAddress } from './inbox/revealComment';
import { ensureProfileLoaded, useProfileStore } from './useProfile';
import { PRESENCE_COLORS } from '../db/profile';
import { Sidebar } from '../panels/Sidebar';
import { PresenceAvatars } from './PresenceAvatars';
import { RemovalBanner } from './RemovalBanner';
import { OfflineNotice } from './OfflineNotice';
import { ProfileDialog } from './ProfileDialog';
import { LanguageSwitch } from './LanguageSwitch';
import { AccountMenu } from './account/AccountMenu';
import { useAccount } from './account/useAccount';
import { describeRefusal } from './StatusBadge';
import { useT } from '../i18n';
import { MapSettingsButton } from '../panels/settings/MapSettingsButton';
import { useEnsureMetricDefs } from '../panels/metrics/useEnsureMetricDefs';
import { ExportMenu } from '../export/ExportMenu';
import { PresentButton } from './present/PresentButton';
import { ApplyChosenTemplate } from './templates/useApplyTemplate';
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
        {access.signIn && (
          <p>
            <a href={`/sign-in?next=${encodeURIComponent(`/map/${mapId}`)}`}>{t('account.signIn')}</a>
          </p>
        )}
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
      editorKey={access.role === 'editor' && access.key ? access.key : undefined}
      viewerKey={access.viewerKey}
      openedOffline={access.offline}
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
  /** The server could not be reached when the map was opened: it shows this browser's copy. */
  openedOffline: boolean;
}

function OpenMap({ mapId, mapKey, session, readOnly, role, editorKey, viewerKey, openedOffline }: OpenMapProps) {
  const { connection, store, undo, presence } = session;
  const connectionState = useConnectionState(connection);
  // refused (key rotated, map deleted…): editing stops at once, nothing is made that cannot be saved
  const refused = connectionState.status === 'refused';
  const editingOff = readOnly || refused;
  useEnsureMetricDefs(connection.doc, store, connectionState.synced, editingOff);
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
  // a member is known by the account's name (the server puts it in their presence anyway)
  const member = useAccount((state) => state.me?.member ?? null);
  const name = member?.name ?? profile?.name ?? '';
  const color = profile?.color ?? PRESENCE_COLORS[0];
  const userId = profile?.id ?? '';
  const user = useMemo(() => ({ id: userId, name, color }), [userId, name, color]);
  const memberNames = useMemberNames(member !== null);
  const context = useMemo<MapContextValue>(
    () => ({
      mapId,
      mapKey,
      doc: connection.doc,
      store,
      awareness: connection.awareness,
      presence,
      user,
      readOnly: editingOff,
      run,
      undo: editingOff ? undefined : undo,
      memberNames,
    }),
    [mapId, mapKey, connection, store, presence, user, editingOff, run, undo, memberNames],
  );

  useMergeNotices(connection.doc);
  useRevealNodeFromAddress(store, connectionState.synced);
  useLostTextNotices(context);
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
      {/* the provider spans the header too: the export reads the whole map's bounds from React Flow */}
      <ReactFlowProvider>
        <ApplyChosenTemplate synced={connectionState.synced} />
        <div className="map-page" data-profile={profile ? 'ready' : 'loading'}>
          <header className="topbar">
            <Brand />
            <span className="topbar-sep" />
            <h1 className="map-heading-level">
              <InlineLabel
                value={meta.title || t('map.untitled')}
                readOnly={editingOff}
                className="map-heading"
                ariaLabel={t('map.title')}
                onCommit={(title) => run(() => setJourneyMeta(connection.doc, { title }))}
              />
            </h1>
            <span className={`role-badge is-${refused ? 'viewer' : role}`}>
              {t(refused ? 'role.readOnly' : role === 'editor' ? 'role.editor' : 'role.viewer')}
            </span>
            <span className="topbar-spacer" />
            <PresenceAvatars presence={presence} />
            <StatusBadge state={connectionState} />
            <PresentButton />
            <ExportMenu />
            <MapSettingsButton editorKey={editorKey} />
            <ShareButton mapId={mapId} title={meta.title} editorKey={editorKey} viewerKey={viewerKey} />
            {member ? (
              <MemberInbox goTo={(otherMapId, nodeId) => otherMapId === mapId && revealComment(store, nodeId)} />
            ) : (
              <MapMentions />
            )}
            <AccountMenu />
            <LanguageSwitch />
          </header>
          {refused && (
            <div className="banner is-error" role="alert">
              {connectionState.refusal && describeRefusal(t, connectionState.refusal)} {t('status.refusedReadOnly')}{' '}
              <a href="/">{t('app.backHome')}</a>
            </div>
          )}
          <OfflineNotice status={connectionState.status} openedOffline={openedOffline} />
          <RemovalBanner doc={connection.doc} synced={connectionState.synced} mapId={mapId} editorKey={editorKey} />
          {profile && !profile.chosen && !member && <ProfileDialog />}
          <div className="map-body">
            {/* the canvas is the page's main landmark; the panels beside it are complementary (aside) */}
            <main className="map-main">
              <MapCanvas synced={connectionState.synced} localReady={connectionState.localReady} />
            </main>
            <Sidebar />
          </div>
        </div>
      </ReactFlowProvider>
    </MapContext.Provider>
  );
}
