// Finds the key to open a map with: from a share link's #key=… (then remembered in "my maps"),
// or from this browser's list. Asks the server for the role; offline, trusts the remembered one.
import { useEffect, useState } from 'react';
import type { MapRole } from '../db/db';
import { getMyMap, rememberOpenedMap } from '../db/myMaps';
import { ApiError, fetchMapInfo } from '../sync/api';
import { keyFromHash } from './links';
import { t, type MessageKey } from '../i18n';

export type MapAccess =
  | { state: 'loading' }
  | { state: 'ready'; key: string; role: MapRole; title: string; offline: boolean; viewerKey?: string }
  | { state: 'error'; message: string };

const MESSAGES: Record<number, MessageKey> = { 401: 'map.needKey', 403: 'map.wrongKey', 404: 'map.unknown' };

export function useMapAccess(mapId: string): MapAccess {
  const [access, setAccess] = useState<MapAccess>({ state: 'loading' });
  // Read once: the effect below clears the fragment, and may run twice in development.
  const [linkKey] = useState(() => keyFromHash(window.location.hash));
  useEffect(() => {
    let cancelled = false;
    const settle = (next: MapAccess) => !cancelled && setAccess(next);
    void (async () => {
      if (linkKey) window.history.replaceState(null, '', window.location.pathname); // keep keys out of the address bar
      const remembered = await getMyMap(mapId);
      const key = linkKey ?? remembered?.key;
      if (!key) return settle({ state: 'error', message: t('map.needKey') });
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
