// The open sync sockets of each map and the key (its hash) each one authenticated with, so that
// rotating a key closes exactly the sockets that used the old one, at once.
import type { Actor } from '../auth/actor';
import type { CloseReason } from './closeCodes';

export interface KeyedSocket {
  /** SHA-256 hex of the key the socket connected with. */
  readonly keyHash: string;
  /** Who connected (a member is disconnected when their role changes or their sessions end). */
  readonly actor: Actor;
  close(reason: CloseReason): void;
}

/** How long a revoked hash is remembered: covers an upgrade checked just before the rotation. */
const REVOKED_MEMORY_MS = 60_000;

export class SocketRegistry {
  private readonly byMap = new Map<string, Set<KeyedSocket>>();
  private readonly revoked = new Map<string, number>(); // `${mapId}:${hash}` → time revoked

  add(mapId: string, socket: KeyedSocket): void {
    let set = this.byMap.get(mapId);
    if (!set) this.byMap.set(mapId, (set = new Set()));
    set.add(socket);
  }

  remove(mapId: string, socket: KeyedSocket): void {
    const set = this.byMap.get(mapId);
    if (!set?.delete(socket)) return;
    if (set.size === 0) this.byMap.delete(mapId);
  }

  /** Whether `keyHash` was revoked moments ago (its upgrade was checked against the old hash). */
  wasRevoked(mapId: string, keyHash: string): boolean {
    return this.revoked.has(`${mapId}:${keyHash}`);
  }

  /** Closes every socket of a member, on every map; returns how many. */
  closeMember(memberId: string, reason: CloseReason): number {
    let n = 0;
    for (const [mapId, set] of this.byMap)
      for (const socket of set)
        if (socket.actor.kind === 'member' && socket.actor.member.id === memberId) {
          this.remove(mapId, socket);
          socket.close(reason);
          n++;
        }
    return n;
  }

  /** Closes every socket of the map that connected with `keyHash`; returns how many. */
  revoke(mapId: string, keyHash: string, reason: CloseReason): number {
    const now = Date.now();
    for (const [k, at] of this.revoked) if (now - at > REVOKED_MEMORY_MS) this.revoked.delete(k);
    this.revoked.set(`${mapId}:${keyHash}`, now);
    const matching = [...(this.byMap.get(mapId) ?? [])].filter((s) => s.keyHash === keyHash);
    for (const socket of matching) {
      this.remove(mapId, socket);
      socket.close(reason);
    }
    return matching.length;
  }
}
