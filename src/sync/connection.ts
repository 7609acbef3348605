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
  refusal: { code: number; reason: string } | null;
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
      this.state.setState({ status: 'refused', refusal: { code, reason } });
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
