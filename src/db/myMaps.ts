// "My maps": the list on the home page. Thin, named operations over the Dexie table.
import { db, type MyMap, type MapRole } from './db';

export function rememberMap(entry: {
  id: string;
  title: string;
  key: string;
  role: MapRole;
  viewerKey?: string;
}): Promise<string> {
  return db.maps.put({ ...entry, lastOpened: Date.now() });
}

/** Keeps the strongest key this browser has seen: an editor link is never downgraded by a viewer link. */
/**
 * Remembers a map opened with `entry.key`. An editor key already stored is kept over a viewer key
 * unless `replace` (the stored key no longer works, e.g. it was rotated).
 */
export async function rememberOpenedMap(
  entry: {
    id: string;
    title: string;
    key: string;
    role: MapRole;
  },
  { replace = false }: { replace?: boolean } = {},
): Promise<void> {
  await db.transaction('rw', db.maps, async () => {
    const existing = await db.maps.get(entry.id);
    const keepExisting = !replace && existing?.role === 'editor' && entry.role === 'viewer';
    const next = keepExisting && existing ? { ...existing, title: entry.title } : { ...existing, ...entry };
    // the viewer key is known only to the map's creator (or after a rotation): never drop it
    await db.maps.put({ ...next, viewerKey: next.viewerKey ?? existing?.viewerKey, lastOpened: Date.now() });
  });
}

export function getMyMap(id: string): Promise<MyMap | undefined> {
  return db.maps.get(id);
}

export function forgetMap(id: string): Promise<void> {
  return db.maps.delete(id);
}

/** Removes the map from the list and returns the entry as it was, so an undo can put it back unchanged. */
export async function takeMap(id: string): Promise<MyMap | undefined> {
  return db.transaction('rw', db.maps, async () => {
    const entry = await db.maps.get(id);
    await db.maps.delete(id);
    return entry;
  });
}

/** Puts back an entry taken by takeMap (its keys, role and last-opened time as they were). */
export function restoreMyMap(entry: MyMap): Promise<string> {
  return db.maps.put(entry);
}

export function updateTitle(id: string, title: string): Promise<number> {
  return db.maps.update(id, { title });
}

export function listMyMaps(): Promise<MyMap[]> {
  return db.maps.orderBy('lastOpened').reverse().toArray();
}
