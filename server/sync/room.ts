// One loaded map: its Y.Doc, its Awareness and the connections editing it. Every document update is
// appended to the store before it is relayed; the room compacts in the background and on unload.
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import type { FastifyBaseLogger } from 'fastify';
import type { Actor } from '../auth/actor';
import type { Role } from '../auth/keys';
import type { Relay } from '../scale/types';
import type { Store } from '../storage/store';
import { CLOSE, type CloseReason } from './closeCodes';
import type { CompactionPacer } from './compactionPacer';
import {
  encodeAwareness,
  encodeAwarenessEntries,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeUpdate,
  type AwarenessEntry,
  type UpdateDeleteSet,
} from './protocol';
import { migrateDocument, repairDocument } from './seed';
import { checkUpdate } from './updateCheck';
import { largeRemoval, mayRemoveMuch, shapeOf, type LargeRemoval } from '../versions/removal';
import { repairMayBeNeeded, type Origin } from '../../src/model';

/** A connection as the room sees it. */
export interface RoomMember {
  readonly role: Role;
  /** Who acts through this connection (history names them). */
  readonly actor?: Actor;
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
  /** An editor's update removed a large share of the map; `before` is the document just before it. */
  largeRemoval?(room: Room, before: Uint8Array, removal: LargeRemoval): void;
}

export interface RoomDeps {
  store: Store;
  log: FastifyBaseLogger;
  compactEvery: number;
  /** Spreads the background compactions of all rooms (without it each room compacts at once). */
  compactions?: CompactionPacer;
  hooks?: RoomHooks;
  /** Scale-out: the relay to the other server processes (updates, awareness, compaction lock). */
  relay?: Relay;
  /** Called once when the last member left (or the room broke) so the owner can unload it. */
  onEmpty(room: Room): void;
}

export class MapNotFound extends Error {
  constructor() {
    super('unknown map');
    this.name = 'MapNotFound';
  }
}

/**
 * The stored state of a map is incomplete (a row is missing). Serving it would show an empty or
 * partial map, and its next snapshot would overwrite what is left: the room refuses to open (4500).
 */
export class IncompleteDocument extends Error {
  constructor(detail: string) {
    super(`stored document is incomplete: ${detail}`);
    this.name = 'IncompleteDocument';
  }
}

const LOAD_ORIGIN: Origin = { kind: 'load' };
/** An update another process stored and published: broadcast to this process's clients only. */
const RELAY_ORIGIN: Origin = { kind: 'relay' };
/** The stored document applied again after the relay was away: what it adds is stored already. */
const RESYNC_ORIGIN: Origin = { kind: 'resync' };
/**
 * A relayed or resynced update that also let updates waiting here for a dependency in: those were
 * never stored, so the whole change is stored and published like a local one.
 */
const COMPLETED_ORIGIN: Origin = { kind: 'relay-completed' };
/** Client updates that may wait for a missing dependency at once (Room.boundPending). */
export const PENDING_MAX_UPDATES = 100;
/** Bytes they may hold together. */
export const PENDING_MAX_BYTES = 16 * 1024 * 1024;
/** How long one process may hold a map's compaction lock (a compaction takes milliseconds). */
const COMPACT_LOCK_MS = 30_000;

/**
 * Whether a transaction came from another process (relayed, or caught up from the store). Observers
 * that act once per change (webhook alerts) skip these: the process that received the change acted.
 */
export function isRelayedOrigin(origin: unknown): boolean {
  return origin === RELAY_ORIGIN || origin === RESYNC_ORIGIN;
}
const TITLE_MAX = 200;

type RoomState = 'loading' | 'ready' | 'failed' | 'broken' | 'deleted' | 'closed';

/** A member's update applied by Room.applyForwarding: its transaction, once it changed something. */
interface Forwarding {
  member: RoomMember;
  changed: Y.Transaction | null;
}

/** Whether a transaction changed the document (the test Yjs runs before it emits 'update'). */
function changedSomething(transaction: Y.Transaction): boolean {
  if (transaction.deleteSet.clients.size > 0) return true;
  for (const [client, clock] of transaction.afterState) if (transaction.beforeState.get(client) !== clock) return true;
  return false;
}

/** An update applied here whose append has not been handled yet (Room.storing). */
interface Appending {
  update: Uint8Array;
  /** The member that sent it (closed if it cannot be stored). */
  from: RoomMember | null;
  /** Whether `from` needs it back (Room.echoToSender). */
  echo: boolean;
  outcome: { seq: number } | { error: unknown } | null;
  /** Called once this entry and every one before it are handled (Room.allHandled). */
  waiters: (() => void)[] | null;
}

export class Room {
  readonly doc = new Y.Doc();
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  readonly members = new Set<RoomMember>();
  /** Resolves when the stored document is applied; rejects (MapNotFound or a load error) otherwise. */
  readonly loaded: Promise<void>;
  private state: RoomState = 'loading';
  /**
   * Updates whose appends are not handled yet, in the order they were applied: each is relayed only
   * once it and every one before it are stored (a queue, not a chain of promises: a chain made five
   * promises and four microtask hops per update, about 3 µs of the relay's time each).
   */
  private readonly storing: Appending[] = [];
  private lastSeq = 0;
  private appendedSinceSnapshot = 0;
  /** A background compaction asked for (it may be waiting in the pacer's queue). */
  private compaction: Promise<void> | null = null;
  /** The background compaction that has started running, if any. */
  private compactionRunning: Promise<void> | null = null;
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
      // listen to other processes first: an update they commit after the read below is relayed
      await this.deps.relay?.subscribe(this.mapId);
      const stored = await this.deps.store.docs.loadDocument(this.mapId);
      if (!stored) throw new MapNotFound();
      // every map is created with a snapshot row: without it, what is left is not the map
      if (!stored.snapshot) throw new IncompleteDocument('the snapshot row is missing');
      this.doc.transact(() => {
        if (stored.snapshot) Y.applyUpdate(this.doc, stored.snapshot);
        for (const update of stored.updates) Y.applyUpdate(this.doc, update.bytes);
      }, LOAD_ORIGIN);
      this.lastSeq = Math.max(stored.uptoSeq, stored.updates.at(-1)?.seq ?? 0);
      this.appendedSinceSnapshot = stored.updates.length;
      if (this.doc.store.pendingStructs || this.doc.store.pendingDs) {
        throw new IncompleteDocument('stored updates depend on changes that are not stored');
      }
    } catch (err) {
      this.state = 'failed';
      this.destroy();
      throw err;
    }
    this.doc.on('update', this.onUpdate);
    this.doc.on('afterTransaction', this.onAfterTransaction);
    this.doc.on('afterTransactionCleanup', this.onTransactionCleanup);
    this.doc.getMap<unknown>('meta').observe(this.onMeta);
    this.awareness.on('update', this.onAwareness);
    // the map may have been deleted while it loaded: then it stays 'deleted' and never opens
    if (this.state === 'loading') this.state = 'ready';
    if (this.state === 'ready') this.migrateStored();
    this.runHook('loaded');
    this.deps.relay?.queryAwareness(this.mapId); // presence of the clients connected elsewhere
  }

  /**
   * A map stored at an older schema version is brought up to date as it loads: one transaction with
   * origin 'migration', stored and relayed like an edit, so the next load finds nothing to do.
   */
  private migrateStored(): void {
    try {
      if (migrateDocument(this.doc))
        this.deps.log.info({ mapId: this.mapId }, 'migrated the stored map to the current schema');
    } catch (err) {
      this.deps.log.error({ mapId: this.mapId, err }, 'migrateJourney failed');
    }
  }

  private runHook(name: 'loaded' | 'stored'): void {
    try {
      this.deps.hooks?.[name]?.(this);
    } catch (err) {
      this.deps.log.error({ mapId: this.mapId, err, hook: name }, 'room hook failed');
    }
  }

  /** Resolves once every update so far is stored and relayed; rejects if one could not be stored. */
  async whenStored(): Promise<void> {
    await this.allHandled();
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
    void this.allHandled().then(() => {
      if (this.state !== 'closed') member.send(encodeSyncStep2(this.doc, stateVector));
    });
  }

  /**
   * Step 2 or an update from an editor (viewers' are dropped by the caller). Throws if Yjs rejects it.
   * `deleteSet`: the update's, as the frame check decoded it (decoded here if not given).
   */
  applyClientUpdate(member: RoomMember, update: Uint8Array, deleteSet?: UpdateDeleteSet): void {
    if (member.role !== 'editor' || this.state !== 'ready') return;
    // a removal of much of the map: keep the document as it is now (rare; most updates delete nothing)
    const before =
      this.deps.hooks?.largeRemoval && mayRemoveMuch(this.doc, deleteSet ?? checkUpdate(update))
        ? { shape: shapeOf(this.doc), state: Y.encodeStateAsUpdate(this.doc) }
        : null;
    // the update may let in changes of others that waited here for a dependency: the sender lacks those
    const waiting = this.doc.store.pendingStructs !== null || this.doc.store.pendingDs !== null;
    if (waiting) {
      this.echoToSender = true;
      try {
        Y.applyUpdate(this.doc, update, member);
      } finally {
        this.echoToSender = false;
      }
    } else this.applyForwarding(member, update);
    this.boundPending();
    const removal = before && largeRemoval(before.shape, shapeOf(this.doc));
    if (before && removal) {
      try {
        this.deps.hooks?.largeRemoval?.(this, before.state, removal);
      } catch (err) {
        this.deps.log.error({ mapId: this.mapId, err, hook: 'largeRemoval' }, 'room hook failed');
      }
    }
  }

  /**
   * Applies a member's update and stores and relays the member's own bytes, not Yjs's encoding of
   * what changed: that encoding (writeUpdateMessageFromTransaction, run while an 'update' listener
   * is on) was about 65 µs of the relay's CPU per edit, and the bytes just applied say the same
   * thing. The room's listener is off for the apply; afterTransactionCleanup, emitted just before
   * Yjs would encode, decides (onTransactionCleanup). The member's bytes are used only if all of them
   * went in: when parts wait for a dependency, or an observer changed the map during the apply, the
   * listener goes back on at once and Yjs encodes as usual; when the apply threw half-way, what
   * changed is encoded from the document (encodedSince).
   */
  private applyForwarding(member: RoomMember, update: Uint8Array): void {
    const forwarding: Forwarding = { member, changed: null };
    this.forwarding = forwarding;
    this.doc.off('update', this.onUpdate);
    let applied = false;
    try {
      Y.applyUpdate(this.doc, update, member);
      applied = true;
    } finally {
      this.forwarding = null;
      this.doc.on('update', this.onUpdate);
      const changed = forwarding.changed;
      if (changed) this.onUpdate(applied ? update : this.encodedSince(changed), member);
    }
  }

  /** The member's update being applied by applyForwarding. */
  private forwarding: Forwarding | null = null;

  private readonly onTransactionCleanup = (transaction: Y.Transaction): void => {
    const forwarding = this.forwarding;
    if (!forwarding || !changedSomething(transaction)) return;
    const store = this.doc.store;
    const whole = store.pendingStructs === null && store.pendingDs === null;
    if (transaction.origin === forwarding.member && !forwarding.changed && whole) {
      forwarding.changed = transaction; // stored and relayed as the member's bytes once the apply returns
      return;
    }
    // An observer's change during the apply (local: it adds nothing pending): the member's change
    // goes first, encoded from the document as the member's bytes would now be out of order.
    if (forwarding.changed) {
      this.onUpdate(this.encodedSince(forwarding.changed), forwarding.member);
      forwarding.changed = null;
    }
    this.doc.on('update', this.onUpdate); // Yjs encodes this transaction, right after this call
  };

  /**
   * Every struct added since `transaction` began and the document's whole delete set: a superset of
   * Yjs's own encoding of the transaction (applying it again changes nothing). Only while nothing is
   * pending: Yjs adds what is pending to this encoding, and that must never be stored. Rare.
   */
  private encodedSince(transaction: Y.Transaction): Uint8Array {
    return Y.encodeStateAsUpdate(this.doc, Y.encodeStateVector(transaction.beforeState));
  }

  /**
   * Whether the update being applied goes back to the member that sent it. It has its own changes,
   * so only when others' were waiting here (the update Yjs emits then holds them too); the stock
   * server echoes every update, one socket write per edit that changes nothing for its sender.
   */
  private echoToSender = false;

  /** Client updates taken since the document last had nothing waiting for a dependency. */
  private pendingUpdates = 0;

  /**
   * Updates whose dependencies never came wait in memory (Yjs keeps them until they can be applied)
   * and are never stored. Past PENDING_MAX_UPDATES or PENDING_MAX_BYTES they are dropped and every
   * editor is resynced: sync step 1 asks each for everything this document lacks, so an honest
   * client sends the missing updates with its answer; a hostile one cannot grow the server's memory.
   */
  private boundPending(): void {
    const store = this.doc.store;
    if (store.pendingStructs === null && store.pendingDs === null) {
      this.pendingUpdates = 0;
      return;
    }
    this.pendingUpdates++;
    const bytes = (store.pendingStructs?.update.byteLength ?? 0) + (store.pendingDs?.byteLength ?? 0);
    if (this.pendingUpdates <= PENDING_MAX_UPDATES && bytes <= PENDING_MAX_BYTES) return;
    this.deps.log.warn(
      { mapId: this.mapId, updates: this.pendingUpdates, bytes },
      'too many updates waiting for missing dependencies; dropped, clients resynced',
    );
    store.pendingStructs = null;
    store.pendingDs = null;
    this.pendingUpdates = 0;
    const step1 = encodeSyncStep1(this.doc);
    for (const member of this.members) if (member.role === 'editor') member.send(step1);
  }

  /**
   * Most editors' updates (moves, labels, notes, metrics) cannot break an invariant: only those that
   * may are followed by the full scan. One listener for the room's life (not one per update: adding
   * and removing a listener per update was a measurable share of the relay's time under fan-out).
   */
  private readonly onAfterTransaction = (transaction: Y.Transaction): void => {
    if (this.repairScheduled || !this.members.has(transaction.origin as RoomMember)) return;
    if (repairMayBeNeeded(this.doc, transaction)) this.scheduleRepair();
  };

  private repairScheduled = false;

  /**
   * One repair scan after the updates of this event-loop turn, not one per update: the scan reads
   * the whole map (60–90 ms at 19,000 nodes), and a burst of added nodes made the server fall behind
   * without bound (found by the SIGKILL soak). The longer a scan, the more updates the next one covers.
   */
  private scheduleRepair(): void {
    if (this.repairScheduled) return;
    this.repairScheduled = true;
    setImmediate(() => this.repairNow());
  }

  private repairNow(): void {
    if (!this.repairScheduled) return;
    this.repairScheduled = false;
    if (this.state !== 'ready') return;
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

  /** An update another process stored and published (scale-out). Never repaired here: its sender's process did. */
  applyRelayedUpdate(update: Uint8Array): void {
    try {
      // while loading, no observer is attached yet: it simply becomes part of the loaded state
      if (this.state === 'loading') Y.applyUpdate(this.doc, update, RELAY_ORIGIN);
      else if (this.state === 'ready') this.applyFromElsewhere([update], RELAY_ORIGIN);
    } catch (err) {
      this.deps.log.error({ mapId: this.mapId, err }, 'could not apply a relayed update');
    }
  }

  /** Awareness of clients connected to another process. */
  applyRelayedAwareness(update: Uint8Array): void {
    if (this.state !== 'ready') return;
    try {
      awarenessProtocol.applyAwarenessUpdate(this.awareness, update, RELAY_ORIGIN);
    } catch (err) {
      this.deps.log.warn({ mapId: this.mapId, err }, 'could not apply relayed awareness');
    }
  }

  /** Another process loaded the map: tell it the presence of this process's clients. */
  answerAwarenessQuery(): void {
    if (this.state !== 'ready') return;
    const states = this.awareness.getStates();
    const ids = new Set<number>();
    for (const member of this.members) for (const id of member.awarenessIds) if (states.has(id)) ids.add(id);
    if (ids.size > 0)
      this.deps.relay?.publishAwareness(this.mapId, awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...ids]));
  }

  /**
   * Reads the stored document again and merges it (Yjs merges idempotently): what other processes
   * stored while the relay was away reaches this room's clients through the normal broadcast.
   * Resolves false if the map no longer exists.
   */
  async resync(): Promise<boolean> {
    await this.loaded.catch(() => undefined); // a load in progress may have read before the relay was back
    if (this.state !== 'ready') return true;
    const stored = await this.deps.store.docs.loadDocument(this.mapId);
    if (!stored) return false;
    if (this.state !== 'ready') return true;
    const updates = stored.updates.map((u) => u.bytes);
    this.applyFromElsewhere(stored.snapshot ? [stored.snapshot, ...updates] : updates, RESYNC_ORIGIN);
    this.lastSeq = Math.max(this.lastSeq, stored.updates.at(-1)?.seq ?? stored.uptoSeq);
    return true;
  }

  private applyFromElsewhere(updates: Uint8Array[], origin: Origin): void {
    const waiting = this.doc.store.pendingStructs !== null || this.doc.store.pendingDs !== null;
    this.doc.transact(
      () => {
        for (const update of updates) Y.applyUpdate(this.doc, update);
      },
      waiting ? COMPLETED_ORIGIN : origin,
    );
  }

  sendAwarenessTo(member: RoomMember): void {
    const clients = [...this.awareness.getStates().keys()];
    member.send(encodeAwareness(this.awareness, clients));
  }

  /** A frame for every member that is not a document change (nothing is stored or relayed). */
  sendToMembers(frame: Uint8Array): void {
    if (this.state === 'ready') this.broadcast(frame);
  }

  /**
   * `frame` to every member but `except`. As a Buffer: ws makes a Buffer of any other bytes it is
   * given, once per recipient.
   */
  private broadcast(frame: Uint8Array, except: RoomMember | null = null): void {
    const bytes = Buffer.from(frame.buffer, frame.byteOffset, frame.byteLength);
    for (const member of this.members) if (member !== except) member.send(bytes);
  }

  private readonly onUpdate = (update: Uint8Array, origin: unknown): void => {
    if (this.state !== 'ready') return;
    if (isRelayedOrigin(origin)) {
      // stored already (by the process that published it, or read from the store): only this
      // process's clients need it; it is neither stored nor published again
      this.broadcast(encodeUpdate(update));
      return;
    }
    let appended: Promise<number>;
    try {
      // Called synchronously, in update order; relayed below only once the store has committed it.
      appended = this.deps.store.docs.appendUpdate(this.mapId, update);
    } catch (err) {
      appended = Promise.reject(err);
    }
    const entry: Appending = {
      update,
      from: this.members.has(origin as RoomMember) ? (origin as RoomMember) : null,
      echo: this.echoToSender,
      outcome: null,
      waiters: null,
    };
    this.storing.push(entry);
    appended.then(
      (seq) => {
        entry.outcome = { seq };
        this.handleAppends();
      },
      (error: unknown) => {
        entry.outcome = { error };
        this.handleAppends();
      },
    );
  };

  /** Relays (or fails) the appends at the head of the queue whose outcome is known, in order. */
  private handleAppends(): void {
    while (this.storing[0]?.outcome) {
      const entry = this.storing.shift() as Appending;
      const outcome = entry.outcome as { seq: number } | { error: unknown };
      try {
        if ('seq' in outcome) this.relayStored(entry.update, outcome.seq, entry.echo ? null : entry.from);
        else this.storeFailed(outcome.error, entry.from);
      } catch (err) {
        this.deps.log.error({ mapId: this.mapId, err }, 'could not relay a stored update');
      }
      if (entry.waiters) for (const resolve of entry.waiters) resolve();
    }
  }

  /** Resolves once every update applied so far has been handled (stored and relayed, or failed). */
  private allHandled(): Promise<void> {
    const last = this.storing.at(-1);
    if (!last) return Promise.resolve();
    return new Promise<void>((resolve) => (last.waiters ??= []).push(resolve));
  }

  /** An update is committed: other processes and this one's members (but `except`) may have it. */
  private relayStored(update: Uint8Array, seq: number, except: RoomMember | null): void {
    this.lastSeq = Math.max(this.lastSeq, seq);
    this.appendedSinceSnapshot++;
    if (this.state !== 'ready') return;
    this.deps.relay?.publishUpdate(this.mapId, update);
    this.broadcast(encodeUpdate(update), except);
    if (this.appendedSinceSnapshot >= this.deps.compactEvery) this.compactSoon();
    this.runHook('stored');
  }

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
    this.deps.store.docs.setTitle(this.mapId, title.trim().slice(0, TITLE_MAX)).catch((err: unknown) => {
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
    if (changed.length === 0) return;
    this.broadcast(encodeAwareness(this.awareness, changed));
    if (origin !== RELAY_ORIGIN)
      this.deps.relay?.publishAwareness(this.mapId, awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed));
  };

  private compactSoon(): void {
    if (this.compaction) return;
    const task = (): Promise<void> => {
      if (this.unloading) return Promise.resolve(); // the unload compacts
      this.compactionRunning = this.compactNow();
      return this.compactionRunning;
    };
    const queued = this.deps.compactions
      ? this.deps.compactions.run(task)
      : new Promise<void>((resolve) => setImmediate(resolve)).then(task);
    this.compaction = queued
      .catch(() => undefined) // compactNow logs its own failures
      .finally(() => {
        this.compaction = null;
        this.compactionRunning = null;
      });
  }

  /** Writes the whole document as the snapshot and drops the updates it contains. Never after a failed load. */
  private async compactNow(): Promise<void> {
    await this.allHandled();
    if (this.state !== 'ready' || this.appendedSinceSnapshot === 0) return;
    const count = this.appendedSinceSnapshot;
    const uptoSeq = this.lastSeq;
    const snapshot = Y.encodeStateAsUpdate(this.doc);
    try {
      const compact = (): Promise<void> => this.deps.store.docs.compact(this.mapId, snapshot, uptoSeq);
      // scale-out: one process at a time (if another holds the lock, its compaction folds the log)
      if (this.deps.relay) await this.deps.relay.exclusive(`compact:${this.mapId}`, COMPACT_LOCK_MS, compact);
      else await compact();
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
      this.repairNow(); // a repair still due is stored with the rest
      await this.allHandled();
      await this.compactionRunning; // one still waiting in the pacer's queue will not run
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
    this.deps.relay?.unsubscribe(this.mapId);
    this.doc.off('update', this.onUpdate);
    this.doc.off('afterTransaction', this.onAfterTransaction);
    this.doc.off('afterTransactionCleanup', this.onTransactionCleanup);
    this.awareness.off('update', this.onAwareness);
    this.awareness.destroy();
    this.doc.destroy();
  }
}
