// Storing a version: the whole document as one Yjs update (what a client applies to a fresh Y.Doc
// to preview it read-only).
import * as Y from 'yjs';
import { randomToken } from '../auth/keys';
import type { Store, VersionInfo } from '../storage/store';
import { MapNotFound } from '../sync/room';

export const VERSION_NAME_MAX = 200;

/** A version as the API shows it. */
export function publicVersion(v: VersionInfo): { id: string; name: string; createdAt: string; auto: boolean } {
  return { id: v.id, name: v.name, createdAt: v.createdAt, auto: v.auto };
}

/** Snapshots `doc` now (synchronously) and stores it; rejects with MapNotFound if the map is gone. */
export async function saveVersion(store: Store, mapId: string, doc: Y.Doc, name: string, auto: boolean): Promise<VersionInfo> {
  const version = {
    id: randomToken(),
    mapId,
    name: name.slice(0, VERSION_NAME_MAX),
    createdAt: new Date().toISOString(),
    auto,
    snapshot: Y.encodeStateAsUpdate(doc),
  };
  if (!(await store.features.addVersion(version))) throw new MapNotFound();
  const { snapshot: _bytes, ...info } = version;
  return info;
}
