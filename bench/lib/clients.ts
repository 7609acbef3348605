// The one place the benchmarks open a sync client, so they do not branch on the server everywhere:
// a stock y-websocket provider for Percorso and the y-websocket reference, a HocuspocusProvider for
// the Hocuspocus peers (their own protocol: the document name travels inside each message). Both
// run in Node on the `ws` package and resolve once the first sync is done.
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';

/** What a client speaks: the y-websocket protocol or Hocuspocus's. */
export type ClientProtocol = 'y-websocket' | 'hocuspocus';

/** Where clients connect: y-websocket appends the map id to `syncUrl`, Hocuspocus names it in the protocol. */
export interface SyncTarget {
  syncUrl: string;
  protocol: ClientProtocol;
}

/** A map on a server: its id (the room or document name) and, on Percorso, its editor key. */
export interface ClientMap {
  id: string;
  key: string;
}

export interface BenchClient {
  doc: Y.Doc;
  destroy(): void;
}

// every WebsocketProvider adds a process 'exit' listener; a benchmark holds hundreds of them
process.setMaxListeners(0);

/** A client of `map` on `target` (a bare URL is a y-websocket server), resolved once synced. */
export async function connectClient(
  target: SyncTarget | string,
  map: ClientMap,
  timeoutMs = 30_000,
): Promise<BenchClient> {
  const { syncUrl, protocol } = typeof target === 'string' ? { syncUrl: target, protocol: 'y-websocket' } : target;
  return protocol === 'hocuspocus'
    ? connectHocuspocus(syncUrl, map, timeoutMs)
    : connectYWebsocket(syncUrl, map, timeoutMs);
}

function syncTimeout(map: ClientMap, timeoutMs: number): { promise: Promise<never>; cancel(): void } {
  let timer: NodeJS.Timeout | undefined;
  const promise = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`client of ${map.id} did not sync in ${timeoutMs} ms`)), timeoutMs);
  });
  return { promise, cancel: () => clearTimeout(timer) };
}

async function connectYWebsocket(syncUrl: string, map: ClientMap, timeoutMs: number): Promise<BenchClient> {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(syncUrl, map.id, doc, {
    params: map.key ? { key: map.key } : {},
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
  const destroy = () => {
    provider.destroy();
    doc.destroy();
  };
  if (!provider.synced) {
    const timeout = syncTimeout(map, timeoutMs);
    const synced = new Promise<void>((resolve) => {
      const onSync = (isSynced: boolean) => {
        if (!isSynced) return;
        provider.off('sync', onSync);
        resolve();
      };
      provider.on('sync', onSync);
    });
    try {
      await Promise.race([synced, timeout.promise]);
    } catch (err) {
      destroy();
      throw err;
    } finally {
      timeout.cancel();
    }
  }
  return { doc, destroy };
}

async function connectHocuspocus(syncUrl: string, map: ClientMap, timeoutMs: number): Promise<BenchClient> {
  const doc = new Y.Doc();
  // a socket of its own for each client, as each y-websocket client has
  const socket = new HocuspocusProviderWebsocket({ url: syncUrl, WebSocketPolyfill: WebSocket });
  const provider = new HocuspocusProvider({ websocketProvider: socket, name: map.id, document: doc });
  provider.attach(); // a provider given its socket does not attach itself (Hocuspocus 3)
  const destroy = () => {
    provider.destroy();
    socket.destroy();
    doc.destroy();
  };
  if (!provider.isSynced) {
    const timeout = syncTimeout(map, timeoutMs);
    const synced = new Promise<void>((resolve) => {
      const onSynced = ({ state }: { state: boolean }) => {
        if (!state) return;
        provider.off('synced', onSynced);
        resolve();
      };
      provider.on('synced', onSynced);
    });
    try {
      await Promise.race([synced, timeout.promise]);
    } catch (err) {
      destroy();
      throw err;
    } finally {
      timeout.cancel();
    }
  }
  return { doc, destroy };
}
