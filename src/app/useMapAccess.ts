// Finds the key to open a map with: from a share link's #key=… (then remembered in "my maps"),
// or from this browser's list; without one, a signed-in member opens it with the session cookie
// (key ''). Asks the server for the role; offline, trusts the remembered one.
import { useEffect, useState } from 'react';
import type { MapRole } from '../db/db';
import { getMyMap, rememberOpenedMap } from '../db/myMaps';
import { ApiError, fetchMapInfo } from '../sync/api';
import { keyFromHash } from './links';
import { t, type MessageKey } from '../i18n';
import { useAccount } from './account/useAccount';

export type MapAccess =
  | { state: 'loading' }
  | { state: 'ready'; key: string; role: MapRole; title: string; offline: boolean; viewerKey?: string }
  | { state: 'error'; message: string; signIn?: boolean };

const MESSAGES: Record<number, MessageKey> = { 401: 'map.needKey', 403: 'map.wrongKey', 404: 'map.unknown' };

export function useMapAccess(mapId: string): MapAccess {
  const [access, setAccess] = useState<MapAccess>({ state: 'loading' });
  // Read once: the effect below clears the fragment, and may run twice in development.
  const [linkKey] = useState(() => keyFromHash(window.location.hash));
  useEffect(() => {
    let cancelled = false;
    const settle = (next: MapAccess) => !cancelled && setAccess(next);
    /** No key in the link or this browser: the session cookie may open it (members need no key). */
    const openAsMember = async () => {
      await useAccount.getState().load();
      const me = useAccount.getState().me;
      const signIn = Boolean(me && !me.member && !me.setupNeeded);
      if (!me?.member) return settle({ state: 'error', message: t('map.needKey'), signIn });
      try {
        const info = await fetchMapInfo(mapId, '');
        settle({ state: 'ready', key: '', role: info.role, title: info.title, offline: false });
      } catch (error) {
        const key = error instanceof ApiError ? MESSAGES[error.status] : undefined;
        settle({ state: 'error', message: key ? t(key) : t('map.openFailed') });
      }
    };
    void (async () => {
      if (linkKey) window.history.replaceState(null, '', window.location.pathname); // keep keys out of the address bar
      const remembered = await getMyMap(mapId);
      const key = linkKey ?? remembered?.key;
      if (!key) return openAsMember();
      try {
        const info = await fetchMapInfo(mapId, key);
        await rememberOpenedMap({ id: mapId, title: info.title, key, role: info.role });
        const stored = await getMyMap(mapId);
        settle({
          state: 'ready',
          key: stored?.key ?? key,
          role: stored?.role ?? info.role,
          title: info.title,
          offline: false,
          viewerKey: stored?.viewerKey,
        });
      } catch (error) {
        if (error instanceof ApiError && error.status === 0 && remembered) {
          settle({
            state: 'ready',
            key: remembered.key,
            role: remembered.role,
            title: remembered.title,
            offline: true,
            viewerKey: remembered.viewerKey,
          });
        } else if (error instanceof ApiError) {
          const key = MESSAGES[error.status];
          settle({ state: 'error', message: key ? t(key) : error.message });
        } else {
          settle({ state: 'error', message: t('map.openFailed') });
        }
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [mapId, linkKey]);
  return access;
}
