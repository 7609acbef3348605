// The other people on the map, from awareness, as a store components can select from; plus whom
// this person follows (UI state).
import type { Awareness } from 'y-protocols/awareness';
import { createStore, type StoreApi } from 'zustand/vanilla';
import { readPeers, type PeerState } from '../sync/presence';

export interface PresenceState {
  peers: PeerState[];
  /** The client followed in follow mode, or null. */
  following: number | null;
}

export type PresenceStore = StoreApi<PresenceState> & { destroy(): void };

export function createPresenceStore(awareness: Awareness): PresenceStore {
  const store = createStore<PresenceState>(() => ({ peers: readPeers(awareness), following: null }));
  const onChange = () =>
    store.setState((state) => {
      const peers = readPeers(awareness);
      const following =
        state.following !== null && peers.some((peer) => peer.clientId === state.following) ? state.following : null;
      return { peers, following };
    });
  awareness.on('change', onChange);
  return Object.assign(store, { destroy: () => awareness.off('change', onChange) });
}
