// "The flows of this map changed": the server sends a y-websocket message of its own type (100) on
// the map's sync connection after new events arrive (or are deleted, or an activity is mapped).
// Payload: one varString, JSON `{ "type": "flows-changed" }`. The stock client ignores the type;
// ours registers a handler and tells whoever listens for that map (the observed overlay refetches).
import * as decoding from 'lib0/decoding';
import type { WebsocketProvider } from 'y-websocket';

export const MESSAGE_FLOWS_CHANGED = 100;

const listeners = new Map<string, Set<() => void>>();

/** Listens on the provider's connection; called once per connection. */
export function handleFlowsSignal(provider: WebsocketProvider, mapId: string): void {
  provider.messageHandlers[MESSAGE_FLOWS_CHANGED] = (_encoder, decoder) => {
    // the payload is read (and checked) but only its kind matters; a malformed one is ignored
    try {
      const message = JSON.parse(decoding.readVarString(decoder)) as { type?: unknown };
      if (message?.type !== 'flows-changed') return;
    } catch {
      return;
    }
    for (const listener of listeners.get(mapId) ?? []) listener();
  };
}

/** Calls `listener` whenever the server says the map's flows changed; returns the unsubscribe. */
export function onFlowsChanged(mapId: string, listener: () => void): () => void {
  const set = listeners.get(mapId) ?? new Set();
  set.add(listener);
  listeners.set(mapId, set);
  return () => {
    set.delete(listener);
    if (set.size === 0) listeners.delete(mapId);
  };
}
