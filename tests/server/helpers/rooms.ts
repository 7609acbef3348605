// Rooms on a memory store, for tests of the room alone (no server, no sockets).
import * as Y from 'yjs';
import type { FastifyBaseLogger } from 'fastify';
import { MemoryStore } from '../../../server/storage/memory/store';

export const silentLog = { error() {}, warn() {}, info() {}, debug() {} } as unknown as FastifyBaseLogger;

/** A memory store holding one map, `m1`, whose snapshot has only its title. */
export async function storeWithMap(title: string): Promise<MemoryStore> {
  const store = new MemoryStore();
  const doc = new Y.Doc();
  doc.getMap('meta').set('title', title);
  await store.docs.createMap({
    id: 'm1',
    title,
    editorKeyHash: 'e',
    viewerKeyHash: 'v',
    createdAt: new Date().toISOString(),
    snapshot: Y.encodeStateAsUpdate(doc),
  });
  return store;
}
