// A new map's record with fresh keys: the one place that makes them, for a new map, a copy and an
// import. Only the keys' hashes are stored; the keys themselves are answered once.
import { hashKey, newKeys, randomToken } from '../auth/keys';
import type { Store } from '../storage/store';

export interface MadeMap {
  id: string;
  editorKey: string;
  viewerKey: string;
}

export async function createMapRecord(store: Store, title: string, snapshot: Uint8Array): Promise<MadeMap> {
  const { editorKey, viewerKey } = newKeys();
  const id = randomToken();
  await store.docs.createMap({
    id,
    title,
    editorKeyHash: hashKey(editorKey),
    viewerKeyHash: hashKey(viewerKey),
    createdAt: new Date().toISOString(),
    snapshot,
  });
  return { id, editorKey, viewerKey };
}
