// What the rooms need from the relay between server processes (scale-out). Absent in the embedded
// setup; redisRelay.ts implements it on Redis pub/sub. Types only, so server/sync needs no Redis.

/** Messages from other processes, delivered to the rooms of this one (Rooms implements it). */
export interface RelayTarget {
  /** A document update another process stored and published. */
  relayedUpdate(mapId: string, update: Uint8Array): void;
  /** An awareness update (y-protocols encoding) from another process's clients. */
  relayedAwareness(mapId: string, update: Uint8Array): void;
  /** A process that just loaded the map asks for the presence of everyone connected elsewhere. */
  awarenessQueried(mapId: string): void;
  /** Another process could not publish some stored updates of the map: reload it from the store. */
  resync(mapId: string): void;
  /** This process may have missed messages (the relay was away): reload every loaded map from the store. */
  resyncAll(): void;
  /** The map was deleted through another process: close its clients here too. */
  deletedElsewhere(mapId: string): void;
  /** A key of the map was rotated through another process: close the sockets that used the old one. */
  revokedElsewhere(mapId: string, keyHash: string): void;
  /** A frame for every client of the map (e.g. "flows changed"), sent by another process. */
  relayedClientFrame(mapId: string, frame: Uint8Array): void;
}

export interface Relay {
  attach(target: RelayTarget): void;
  /**
   * Listens to the map's channel. Rooms call it BEFORE reading the stored document, so nothing
   * committed after the read is missed. Resolves even when Redis is away (then everything loaded is
   * resynced when it is back).
   */
  subscribe(mapId: string): Promise<void>;
  unsubscribe(mapId: string): void;
  /** Call only once the update is committed to the store. */
  publishUpdate(mapId: string, update: Uint8Array): void;
  publishAwareness(mapId: string, update: Uint8Array): void;
  queryAwareness(mapId: string): void;
  publishDeleted(mapId: string): void;
  publishRevoked(mapId: string, keyHash: string): void;
  /** A frame every process sends as is to the map's clients (not a document change: nothing is stored). */
  publishClientFrame(mapId: string, frame: Uint8Array): void;
  /**
   * Runs `fn` unless another process holds the lock `name` (then resolves false without running it).
   * When Redis is away `fn` runs anyway: the lock only saves duplicate work, the store stays correct.
   */
  exclusive(name: string, ttlMs: number, fn: () => Promise<void>): Promise<boolean>;
  close(): Promise<void>;
}
