// Finds the key to open a map with: from a share link's #key=… (then remembered in "my maps"),
// or from this browser's list. Asks the server for the role; offline, trusts the remembered one.
import { useEffect, useState } from 'react';
import type { MapRole } from '../db/db';
import { getMyMap, rememberOpenedMap } from '../db/myMaps';
import { ApiError, fetchMapInfo } from '../sync/api';
import { keyFromHash } from './links';

export type MapAccess =
  | { state: 'loading' }
  | { state: 'ready'; key: string; role: MapRole; title: string; offline: boolean; viewerKey?: string }
  | { state: 'error'; message: string };

const MESSAGES: Record<number, string> = {
  401: 'This map needs a key. Open it from a share link.',
  403: 'This link’s key is not valid for this map. It may have been rotated: ask for a new link.',
  404: 'This map does not exist, or it was deleted.',
};

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
      if (!key) return settle({ state: 'error', message: MESSAGES[401] ?? '' });
      try {
        const info = await fetchMapInfo(mapId, key);
        await rememberOpenedMap({ id: mapId, title: info.title, key, role: info.role });
        const stored = await getMyMap(mapId);
        settle({ state: 'ready', key: stored?.key ?? key, role: stored?.role ?? info.role, title: info.title, offline: false, viewerKey: stored?.viewerKey });
      } catch (error) {
        if (error instanceof ApiError && error.status === 0 && remembered) {
          settle({ state: 'ready', key: remembered.key, role: remembered.role, title: remembered.title, offline: true, viewerKey: remembered.viewerKey });
        } else if (error instanceof ApiError) {
          settle({ state: 'error', message: MESSAGES[error.status] ?? error.message });
        } else {
          settle({ state: 'error', message: 'The map could not be opened.' });
        }
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [mapId, linkKey]);
  return access;
}
