// One loaded map: its Y.Doc, its Awareness and the connections editing it. Every document update is
// appended to the store before it is relayed; the room compacts in the background and on unload.
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import type { FastifyBaseLogger } from 'fastify';
import type { Role } from '../auth/keys';
import type { Store } from '../storage/store';
import { CLOSE, type CloseReason } from './closeCodes';
import {
  encodeAwareness,
  encodeAwarenessEntries,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeUpdate,
  type AwarenessEntry,
} from './protocol';
import { repairDocument } from './seed';

/** A connection as the room sees it. */
export interface RoomMember {
  readonly role: Role;
  /** Awareness client ids whose state this connection set (removed when it leaves). */
  readonly awarenessIds: Set<number>;
  send(frame: Uint8Array): void;
  close(reason: CloseReason): void;
}

/** What the rest of the server may add to every room (metric alerts, automatic versions). */
export interface RoomHooks {
  /** The stored document is applied and the room opens: observers attach here (the load itself is not seen). */
  loaded?(room: Room): void;
  /** An update of the room was stored and relayed. */
  stored?(room: Room): void;
}

export interface RoomDeps {
  store: Store;
  log: FastifyBaseLogger;
  compactEvery: number;
  hooks?: RoomHooks;
  /** Called once when the last member left (or the room broke) so the owner can unload it. */
  onEmpty(room: Room): void;
}

export class MapNotFound extends Error {
  constructor() {
    super('unknown map');
    this.name = 'MapNotFound';
  }
}

const LOAD_ORIGIN = { kind: 'load' } as const;
const TITLE_MAX = 200;

type RoomState = 'loading' | 'ready' | 'failed' | 'broken' | 'deleted' | 'closed';

export class Room {
  readonly doc = new Y.Doc();
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  readonly members = new Set<RoomMember>();
  /** Resolves when the stored document is applied; rejects (MapNotFound or a load error) otherwise. */
  readonly loaded: Promise<void>;
  private state: RoomState = 'loading';
  /** Settles after every append issued so far has settled (and its broadcast was sent). */
  private appendChain: Promise<void> = Promise.resolve();
  private lastSeq = 0;
  private appendedSinceSnapshot = 0;
  private compaction: Promise<void> | null = null;
  private unloading: Promise<void> | null = null;

  constructor(
    readonly mapId: string,
    private readonly deps: RoomDeps,
  ) {
    this.awareness.setLocalState(null);
    this.loaded = this.load();
    this.loaded.catch(() => undefined); // the joiner handles it; avoid an unhandled rejection
  }

  /** Open for new members: loaded, not broken, not unloading. */
  get isOpen(): boolean {
    return this.state === 'ready' && this.unloading === null;
  }

  private async load(): Promise<void> {
    try {
      const stored = await this.deps.store.loadDocument(this.mapId);
      if (!stored) throw new MapNotFound();
      this.doc.transact(() => {
        if (stored.snapshot) Y.applyUpdate(this.doc, stored.snapshot);
        for (const update of stored.updates) Y.applyUpdate(this.doc, update.bytes);
      }, LOAD_ORIGIN);
      this.lastSeq = stored.updates.at(-1)?.seq ?? stored.uptoSeq;
      this.appendedSinceSnapshot = stored.updates.length;
      if (this.doc.store.pendingStructs || this.doc.store.pendingDs) {
        this.deps.log.warn({ mapId: this.mapId }, 'stored document has updates with missing dependencies');
      }
    } catch (err) {
      this.state = 'failed';
      this.destroy();
      throw err;
    }
    this.doc.on('update', this.onUpdate);
    this.doc.getMap<unknown>('meta').observe(this.onMeta);
    this.awareness.on('update', this.onAwareness);
    // the map may have been deleted while it loaded: then it stays 'deleted' and never opens
    if (this.state === 'loading') this.state = 'ready';
    this.runHook('loaded');
  }

  private runHook(name: keyof RoomHooks): void {
    try {
      this.deps.hooks?.[name]?.(this);
    } catch (err) {
      this.deps.log.error({ mapId: this.mapId, err, hook: name }, 'room hook failed');
    }
  }

  /** Resolves once every update so far is stored and relayed; rejects if one could not be stored. */
  async whenStored(): Promise<void> {
    await this.appendChain;
    if (this.state === 'broken') throw new Error('could not store update');
  }

  /** Adds a member and sends it sync step 1 and the current awareness states. */
  add(member: RoomMember): void {
    this.members.add(member);
    member.send(encodeSyncStep1(this.doc));
    const clients = [...this.awareness.getStates().keys()];
    if (clients.length > 0) member.send(encodeAwareness(this.awareness, clients));
  }

  leave(member: RoomMember): void {
    if (!this.members.delete(member)) return;
    if (member.awarenessIds.size > 0 && this.state !== 'closed') {
      awarenessProtocol.removeAwarenessStates(this.awareness, [...member.awarenessIds], null);
    }
    if (this.members.size === 0) this.deps.onEmpty(this);
  }

  /** Sync step 1 from a member: answer with step 2 once every accepted update is durable. */
  answerSyncStep1(member: RoomMember, stateVector: Uint8Array): void {
    void this.appendChain.then(() => {
      if (this.state !== 'closed') member.send(encodeSyncStep2(this.doc, stateVector));
    });
  }

  /** Step 2 or an update from an editor (viewers' are dropped by the caller). Throws if Yjs rejects it. */
  applyClientUpdate(member: RoomMember, update: Uint8Array): void {
    if (member.role !== 'editor' || this.state !== 'ready') return;
    Y.applyUpdate(this.doc, update, member);
    try {
      repairDocument(this.doc);
    } catch (err) {
      this.deps.log.error({ mapId: this.mapId, err }, 'repairJourney failed');
    }
  }

  /**
   * An awareness update. The latest connection to speak for a client id owns it: a client that
   * reconnected before the server noticed its old socket died must not lose its presence when the
   * old socket is finally dropped.
   */
  applyAwareness(member: RoomMember, entries: AwarenessEntry[]): void {
    if (this.state !== 'ready' || entries.length === 0) return;
    for (const entry of entries) {
      // only an entry that will be applied moves ownership (clients echo others' states unchanged)
      const clock = this.awareness.meta.get(entry.clientId)?.clock ?? -1;
      const wins = clock < entry.clock || (clock === entry.clock && entry.state === null);
      if (!wins) continue;
      for (const other of this.members) if (other !== member) other.awarenessIds.delete(entry.clientId);
      if (entry.state !== null) member.awarenessIds.add(entry.clientId);
    }
    awarenessProtocol.applyAwarenessUpdate(this.awareness, encodeAwarenessEntries(entries), member);
  }

  sendAwarenessTo(member: RoomMember): void {
    const clients = [...this.awareness.getStates().keys()];
    member.send(encodeAwareness(this.awareness, clients));
  }

  private broadcast(frame: Uint8Array): void {
    for (const member of this.members) member.send(frame);
  }

  private readonly onUpdate = (update: Uint8Array, origin: unknown): void => {
    if (this.state !== 'ready') return;
    let appended: Promise<number>;
    try {
      // Called synchronously, in update order: the SQLite store has committed when this returns.
      appended = this.deps.store.appendUpdate(this.mapId, update);
    } catch (err) {
      appended = Promise.reject(err);
    }
    const from = this.members.has(origin as RoomMember) ? (origin as RoomMember) : null;
    this.appendChain = this.appendChain
      .then(() => appended)
      .then(
        (seq) => {
          this.lastSeq = Math.max(this.lastSeq, seq);
          this.appendedSinceSnapshot++;
          if (this.state !== 'ready') return;
          this.broadcast(encodeUpdate(update));
          if (this.appendedSinceSnapshot >= this.deps.compactEvery) this.compactSoon();
          this.runHook('stored');
        },
        (err: unknown) => this.storeFailed(err, from),
      );
  };

  /**
   * An update is in memory but not stored: it must not reach anyone. Close the member that sent it
   * and everyone else (they reconnect, 45xx is transient) so the map reloads from what is stored.
   */
  private storeFailed(err: unknown, from: RoomMember | null): void {
    if (this.state !== 'ready') return;
    this.state = 'broken';
    this.deps.log.error({ mapId: this.mapId, err }, 'could not store update; closing the room');
    from?.close(CLOSE.storeFailed);
    for (const member of this.members) member.close(CLOSE.storeFailed);
    this.deps.onEmpty(this);
  }

  private readonly onMeta = (event: Y.YMapEvent<unknown>): void => {
    if (!event.keysChanged.has('title') || this.state !== 'ready') return;
    const title = this.doc.getMap<unknown>('meta').get('title');
    if (typeof title !== 'string' || title.trim() === '') return;
    this.deps.store.setTitle(this.mapId, title.trim().slice(0, TITLE_MAX)).catch((err: unknown) => {
      this.deps.log.error({ mapId: this.mapId, err }, 'could not store title');
    });
  };

  private readonly onAwareness = (
    change: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    if (this.members.has(origin as RoomMember)) {
      const member = origin as RoomMember;
      for (const id of change.added) member.awarenessIds.add(id);
      for (const id of change.removed) member.awarenessIds.delete(id);
    }
    const changed = [...change.added, ...change.updated, ...change.removed];
    if (changed.length > 0) this.broadcast(encodeAwareness(this.awareness, changed));
  };

  private compactSoon(): void {
    if (this.compaction) return;
    this.compaction = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => this.compactNow())
      .finally(() => {
        this.compaction = null;
      });
  }

  /** Writes the whole document as the snapshot and drops the updates it contains. Never after a failed load. */
  private async compactNow(): Promise<void> {
    await this.appendChain;
    if (this.state !== 'ready' || this.appendedSinceSnapshot === 0) return;
    const count = this.appendedSinceSnapshot;
    const uptoSeq = this.lastSeq;
    const snapshot = Y.encodeStateAsUpdate(this.doc);
    try {
      await this.deps.store.compact(this.mapId, snapshot, uptoSeq);
      this.appendedSinceSnapshot -= count;
    } catch (err) {
      this.deps.log.error({ mapId: this.mapId, err }, 'compaction failed; updates are kept');
    }
  }

  /** The map was deleted: close everyone with 4410 and never write again. */
  markDeleted(): void {
    if (this.state === 'ready' || this.state === 'loading') this.state = 'deleted';
    for (const member of this.members) member.close(CLOSE.mapDeleted);
  }

  /** Closes members with `reason` (if given), flushes appends, compacts if healthy, frees memory. Idempotent. */
  unload(reason?: CloseReason): Promise<void> {
    if (reason) for (const member of this.members) member.close(reason);
    this.unloading ??= (async () => {
      await this.loaded.catch(() => undefined);
      await this.appendChain;
      await this.compaction;
      // a broken, deleted or failed room is never compacted (compactNow checks state 'ready')
      await this.compactNow();
      this.state = 'closed';
      this.destroy();
    })();
    return this.unloading;
  }

  private destroyed = false;

  private destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.doc.off('update', this.onUpdate);
    this.awareness.off('update', this.onAwareness);
    this.awareness.destroy();
    this.doc.destroy();
  }
}
