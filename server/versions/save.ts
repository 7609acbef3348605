// Storing a version: the whole document as one Yjs update (what a client applies to a fresh Y.Doc
// to preview it read-only). Versions are bounded per map (count and bytes): past either bound the
// oldest automatic versions go first, then the oldest named ones; the one just stored always stays.
import * as Y from 'yjs';
import { randomToken } from '../auth/keys';
import type { Store, VersionInfo, VersionSize } from '../storage/store';
import { MapNotFound } from '../sync/room';

export const VERSION_NAME_MAX = 200;

export interface VersionLimits {
  /** Versions kept per map (MAX_VERSIONS_PER_MAP). */
  count: number;
  /** Bytes of their snapshots together (MAX_VERSION_BYTES_PER_MAP). */
  bytes: number;
}

/** A version as the API shows it. */
export function publicVersion(v: VersionInfo): { id: string; name: string; createdAt: string; auto: boolean } {
  return { id: v.id, name: v.name, createdAt: v.createdAt, auto: v.auto };
}

/** The versions to delete so the map is within `limits`: oldest automatic first, then oldest named; never `keepId`. */
export function versionsToThin(sizes: readonly VersionSize[], limits: VersionLimits, keepId: string): string[] {
  let count = sizes.length;
  let bytes = sizes.reduce((n, v) => n + v.bytes, 0);
  const candidates = [
    ...sizes.filter((v) => v.auto && v.id !== keepId),
    ...sizes.filter((v) => !v.auto && v.id !== keepId),
  ];
  const drop: string[] = [];
  for (const v of candidates) {
    if (count <= limits.count && bytes <= limits.bytes) break;
    drop.push(v.id);
    count--;
    bytes -= v.bytes;
  }
  return drop;
}

/**
 * Stores `state` (a document, snapshotted now, synchronously; or a snapshot already taken) as a
 * version, then thins the map's versions to `limits`. Rejects with MapNotFound if the map is gone.
 */
export async function saveVersion(
  store: Store,
  mapId: string,
  state: Y.Doc | Uint8Array,
  name: string,
  auto: boolean,
  limits: VersionLimits,
): Promise<VersionInfo> {
  const version = {
    id: randomToken(),
    mapId,
    name: name.slice(0, VERSION_NAME_MAX),
    createdAt: new Date().toISOString(),
    auto,
    snapshot: state instanceof Uint8Array ? state : Y.encodeStateAsUpdate(state),
  };
  if (!(await store.features.addVersion(version))) throw new MapNotFound();
  const drop = versionsToThin(await store.features.listVersionSizes(mapId), limits, version.id);
  if (drop.length > 0) await store.features.deleteVersions(mapId, drop);
  const { snapshot: _bytes, ...info } = version;
  return info;
}
