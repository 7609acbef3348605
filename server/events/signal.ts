// "The flows of this map changed": one frame on the map's existing sync connections, so open
// clients refetch GET /flows. A y-websocket message of its own type (100), after the protocol's
// sync (0), awareness (1), auth (2) and query-awareness (3): the stock client has no handler for
// it and ignores it (it logs "Unable to compute message" and carries on syncing); Percorso's client
// registers `provider.messageHandlers[100]`. Payload: one varString, JSON `{ "type": "flows-changed" }`.
import * as encoding from 'lib0/encoding';

export const MESSAGE_FLOWS_CHANGED = 100;

export function encodeFlowsChanged(): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_FLOWS_CHANGED);
  encoding.writeVarString(encoder, JSON.stringify({ type: 'flows-changed' }));
  return encoding.toUint8Array(encoder);
}
