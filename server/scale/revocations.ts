// Key rotation across processes: a rotation through one process must close the sockets that used
// the old key on every process. The socket registry's `revoke` is wrapped so that each revocation is
// also published; a revocation relayed from another process runs the original (not re-published).
import { CLOSE, type CloseReason } from '../sync/closeCodes';
import type { Relay } from './types';

/** The part of the socket registry (sync/sockets.ts) this needs. */
export interface Revoker {
  revoke(mapId: string, keyHash: string, reason: CloseReason): number;
}

/** Publishes every revocation of `sockets`; returns what to run for a revocation relayed from elsewhere. */
export function relayRevocations(sockets: Revoker, relay: Relay): (mapId: string, keyHash: string) => void {
  const local = sockets.revoke.bind(sockets);
  sockets.revoke = (mapId, keyHash, reason) => {
    relay.publishRevoked(mapId, keyHash);
    return local(mapId, keyHash, reason);
  };
  return (mapId, keyHash) => void local(mapId, keyHash, CLOSE.keyRotated);
}
