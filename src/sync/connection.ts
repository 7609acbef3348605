// One open map: its Y.Doc, the browser's own copy of it (IndexedDB, so the map opens and stays
// editable offline) and the y-websocket connection to our server, with a status the UI shows.
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { IndexeddbPersistence } from 'y-indexeddb';
import { createStore, type StoreApi } from 'zustand/vanilla';
import { handleFlowsSignal } from './flowsSignal';

export type ConnectionStatus = 'connecting' | 'connected' | 'offline' | 'refused';

export interface ConnectionState {
  status: ConnectionStatus;
  /** True once the first full sync with the server completed. */
  synced: boolean;
  /** True once the local copy (IndexedDB) is loaded: the map can be shown even without the server. */
  localReady: boolean;
  /** Counts reconnections after being offline whose sync finished: local edits were merged. */
  mergedAfterOffline: number;
  /** Why the server refused us (close codes 4400–4499), shown instead of retrying forever. */
  refusal: { code: number; reason: string } | null;
}

export function syncUrl(location: Pick<Location, 'protocol' | 'host'>): string {
  return `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}/sync`;
}

/**
 * The key travels as a websocket subprotocol, not in the URL (`?key=`), so a refused or failed socket
 * never prints it in the console: the server reads `percorso.key.KEY` and answers `percorso.v1`.
 */
export function syncProtocols(key: string): string[] {
  // no key: a signed-in member, whom the session cookie of the upgrade identifies
  return key ? ['percorso.v1', `percorso.key.${key}`] : ['percorso.v1'];
}

/** The IndexedDB database that keeps one map's document in this browser. */
export function localDocName(mapId: string): string {
  return `percorso-map:${mapId}`;
}

export class MapConnection {
  readonly doc = new Y.Doc();
  readonly provider: WebsocketProvider;
  readonly local: IndexeddbPersistence;
  readonly state: StoreApi<ConnectionState> = createStore<ConnectionState>(() => ({
    status: 'connecting',
    synced: false,
    localReady: false,
    mergedAfterOffline: 0,
    refusal: null,
  }));
  private wasOffline = false;

  constructor(
    readonly mapId: string,
    key: string,
    url = syncUrl(window.location),
  ) {
    this.local = new IndexeddbPersistence(localDocName(mapId), this.doc);
    void this.local.whenSynced.then(() => this.state.setState({ localReady: true }));
    this.provider = new WebsocketProvider(url, mapId, this.doc, {
      protocols: syncProtocols(key),
      maxBackoffTime: 10_000,
    });
    handleFlowsSignal(this.provider, mapId); // observed journeys: refetch when new events arrive
    this.provider.on('status', ({ status }) => {
      if (this.state.getState().status === 'refused') return;
      if (status === 'disconnected') this.wasOffline = true;
      // a retry after a failure is still offline for the person: the badge would flicker "Connecting…"
      const offline = status === 'disconnected' || (status === 'connecting' && this.wasOffline);
      this.state.setState({ status: offline ? 'offline' : status });
    });
    this.provider.on('sync', (synced: boolean) => {
      if (!synced) return;
      const merged = this.wasOffline;
      this.wasOffline = false;
      this.state.setState((state) => ({
        synced: true,
        mergedAfterOffline: state.mergedAfterOffline + (merged ? 1 : 0),
      }));
    });
    // y-websocket reports 'disconnected' only for a socket that had opened: an attempt that fails
    // (server down, browser offline) closes while 'connecting', and the next retry says 'connecting' again
    this.provider.on('connection-close', () => {
      const { status } = this.state.getState();
      if (status === 'refused' || status === 'connected') return;
      this.wasOffline = true;
      this.state.setState({ status: 'offline' });
    });
    this.provider.on('closed', ({ code, reason }) => {
      this.state.setState({ status: 'refused', refusal: { code, reason } });
    });
    // The browser knows before the socket does (a dead socket takes up to 30 s to notice).
    window.addEventListener('offline', this.goOffline);
    window.addEventListener('online', this.goOnline);
  }

  private readonly goOffline = () => {
    if (this.state.getState().status === 'refused') return;
    this.provider.disconnect();
  };

  private readonly goOnline = () => {
    if (this.state.getState().status === 'refused') return;
    this.provider.connect();
  };

  get awareness() {
    return this.provider.awareness;
  }

  destroy(): void {
    window.removeEventListener('offline', this.goOffline);
    window.removeEventListener('online', this.goOnline);
    this.provider.destroy();
    void this.local.destroy();
    this.doc.destroy();
  }
}
