// One open map: its Y.Doc and the y-websocket connection to our server, with a status the UI shows.
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { createStore, type StoreApi } from 'zustand/vanilla';

export type ConnectionStatus = 'connecting' | 'connected' | 'offline' | 'refused';

export interface ConnectionState {
  status: ConnectionStatus;
  /** True once the first full sync with the server completed. */
  synced: boolean;
  /** Why the server refused us (close codes 4400–4499), shown instead of retrying forever. */
  refusal: string | null;
}

const REFUSALS: Record<number, string> = {
  4401: 'This link has no key. Ask the map owner for a share link.',
  4403: 'This key is not valid for this map (it may have been rotated). Ask for a new link.',
  4404: 'This map does not exist, or it was deleted.',
  4410: 'This map was deleted.',
};

export function describeRefusal(code: number, reason: string): string {
  return REFUSALS[code] ?? (reason || `The server refused the connection (code ${code}).`);
}

export function syncUrl(location: Pick<Location, 'protocol' | 'host'>): string {
  return `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}/sync`;
}

export class MapConnection {
  readonly doc = new Y.Doc();
  readonly provider: WebsocketProvider;
  readonly state: StoreApi<ConnectionState> = createStore<ConnectionState>(() => ({
    status: 'connecting',
    synced: false,
    refusal: null,
  }));

  constructor(
    readonly mapId: string,
    key: string,
    url = syncUrl(window.location),
  ) {
    this.provider = new WebsocketProvider(url, mapId, this.doc, { params: { key }, maxBackoffTime: 10_000 });
    this.provider.on('status', ({ status }) => {
      if (this.state.getState().status === 'refused') return;
      this.state.setState({ status: status === 'disconnected' ? 'offline' : status });
    });
    this.provider.on('sync', (synced: boolean) => {
      if (synced) this.state.setState({ synced: true });
    });
    this.provider.on('closed', ({ code, reason }) => {
      this.state.setState({ status: 'refused', refusal: describeRefusal(code, reason) });
    });
  }

  get awareness() {
    return this.provider.awareness;
  }

  destroy(): void {
    this.provider.destroy();
    this.doc.destroy();
  }
}
