// The loaded rooms, one per map with connected clients: loaded before the first member joins,
// unloaded (compacted, destroyed) when the last one leaves.
import type { FastifyBaseLogger } from 'fastify';
import type { Relay, RelayTarget } from '../scale/types';
import type { Store } from '../storage/store';
import type { CloseReason } from './closeCodes';
import { CompactionPacer } from './compactionPacer';
import { Room, type RoomHooks, type RoomMember } from './room';

export class RoomsClosed extends Error {
  constructor() {
    super('server is stopping');
    this.name = 'RoomsClosed';
  }
}

export class Rooms {
  private readonly rooms = new Map<string, Room>();
  private readonly unloading = new Map<string, Promise<void>>();
  private closing = false;
  /** One queue for every room's background compactions (compactionPacer.ts). */
  private readonly compactions = new CompactionPacer();

  constructor(
    private readonly deps: {
      store: Store;
      log: FastifyBaseLogger;
      compactEvery: number;
      hooks?: RoomHooks;
      relay?: Relay;
    },
  ) {}

  get size(): number {
    return this.rooms.size;
  }

  /** The map's room (loading it if needed) with `member` added. Rejects if the map cannot be loaded. */
  async join(mapId: string, member: RoomMember): Promise<Room> {
    for (;;) {
      if (this.closing) throw new RoomsClosed();
      const previous = this.unloading.get(mapId);
      if (previous) await previous;
      let room = this.rooms.get(mapId);
      if (!room) {
        room = new Room(mapId, { ...this.deps, compactions: this.compactions, onEmpty: (r) => this.unload(r) });
        this.rooms.set(mapId, room);
        const created = room;
        created.loaded.catch(() => {
          if (this.rooms.get(mapId) === created) this.rooms.delete(mapId);
        });
      }
      await room.loaded;
      if (room.isOpen) {
        room.add(member);
        return room;
      }
      // it broke or started unloading while we waited: wait for that and load afresh
      void this.unload(room);
    }
  }

  /**
   * Runs `fn` on the map's loaded room (loaded as for a connection when no client has it open; the
   * server is one of its members meanwhile) and resolves once what `fn` wrote is stored and relayed,
   * exactly like a client's update. Rejects like `join`, or if a write could not be stored.
   */
  async use<T>(mapId: string, fn: (room: Room) => T | Promise<T>): Promise<T> {
    const member: RoomMember = {
      role: 'editor',
      awarenessIds: new Set(),
      send: () => undefined,
      close: () => undefined,
    };
    const room = await this.join(mapId, member);
    try {
      const result = await fn(room);
      await room.whenStored();
      return result;
    } finally {
      room.leave(member);
    }
  }

  private unload(room: Room, reason?: CloseReason): Promise<void> {
    if (this.rooms.get(room.mapId) === room) this.rooms.delete(room.mapId);
    const done = room
      .unload(reason)
      .catch((err: unknown) => this.deps.log.error({ mapId: room.mapId, err }, 'room unload failed'))
      .finally(() => {
        if (this.unloading.get(room.mapId) === done) this.unloading.delete(room.mapId);
      });
    this.unloading.set(room.mapId, done);
    return done;
  }

  /** The map was deleted: its clients are closed with 4410 and its room is dropped without writing. */
  mapDeleted(mapId: string): void {
    this.deps.relay?.publishDeleted(mapId); // and on every other process that has it loaded
    this.dropDeleted(mapId);
  }

  /**
   * Messages of other processes (scale-out), for the relay (`relay.attach`): updates and awareness
   * go to the map's room if it is loaded here; a resync reads the store again.
   */
  relayTarget(): Omit<RelayTarget, 'revokedElsewhere'> {
    return {
      relayedUpdate: (mapId, update) => this.rooms.get(mapId)?.applyRelayedUpdate(update),
      relayedAwareness: (mapId, update) => this.rooms.get(mapId)?.applyRelayedAwareness(update),
      awarenessQueried: (mapId) => this.rooms.get(mapId)?.answerAwarenessQuery(),
      resync: (mapId) => this.resync(mapId),
      resyncAll: () => {
        for (const mapId of this.rooms.keys()) this.resync(mapId);
      },
      deletedElsewhere: (mapId) => this.dropDeleted(mapId),
      relayedClientFrame: (mapId, frame) => this.rooms.get(mapId)?.sendToMembers(frame),
    };
  }

  /**
   * Sends a frame that is not a document change (e.g. "flows changed") to every client of the map,
   * on this process and, through the relay, on the others. Nothing is stored.
   */
  sendToClients(mapId: string, frame: Uint8Array): void {
    this.rooms.get(mapId)?.sendToMembers(frame);
    this.deps.relay?.publishClientFrame(mapId, frame);
  }

  private resync(mapId: string): void {
    const room = this.rooms.get(mapId);
    if (!room) return;
    room.resync().then(
      (exists) => {
        if (!exists) this.dropDeleted(mapId);
      },
      (err: unknown) => this.deps.log.error({ mapId, err }, 'could not resync a map from the store'),
    );
  }

  private dropDeleted(mapId: string): void {
    const room = this.rooms.get(mapId);
    if (!room) return;
    room.markDeleted();
    void this.unload(room);
  }

  /** Graceful stop: close every client with `reason`, flush and compact every room. */
  async closeAll(reason: CloseReason): Promise<void> {
    this.closing = true;
    for (const room of [...this.rooms.values()]) void this.unload(room, reason);
    await Promise.all([...this.unloading.values()]);
  }
}
