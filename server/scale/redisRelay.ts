// The relay between server processes on Redis pub/sub: one channel per map (`percorso:map:<id>`),
// subscribed while the map is loaded here. Pub/sub, not streams: PostgreSQL already holds every
// update durably, so the relay only has to be fast; whatever it drops while Redis (or a connection)
// is away is caught up from PostgreSQL when it returns.
//
// A message is one binary frame: [kind][16-byte process id][payload]. A process ignores its own.
// Two connections: pub (publish, locks) and sub (subscriber mode). ioredis reconnects both by itself;
// on every `ready` of sub the channels are subscribed again and every loaded map is resynced from
// the store; on `ready` of pub, maps whose updates could not be published are announced (kind
// resync), so the others reload them.
import { randomBytes } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import { Redis, type RedisOptions } from 'ioredis';
import { RedisLock } from './lock';
import type { Relay, RelayTarget } from './types';

export const CHANNEL_PREFIX = 'percorso:map:';

const KIND = { update: 1, awareness: 2, awarenessQuery: 3, resync: 4, deleted: 5, revoked: 6, clientFrame: 7 } as const;
type Kind = (typeof KIND)[keyof typeof KIND];
const HEADER_BYTES = 17;

export interface RedisRelayOptions {
  /** Longest wait between reconnection attempts (default 2000 ms). */
  maxRetryDelayMs?: number;
}

export class RedisRelay implements Relay {
  /** Random per process: tells our own messages from the others'. */
  readonly processId = randomBytes(16);
  private readonly pub: Redis;
  private readonly sub: Redis;
  private readonly lock: RedisLock;
  /** map id → rooms of this process listening (0 or 1 normally; a reload may overlap an unload). */
  private readonly channels = new Map<string, number>();
  /** Maps with a stored update that could not be published: announced when pub is back. */
  private readonly unpublished = new Set<string>();
  private target: RelayTarget | null = null;
  private readonly ready = { pub: false, sub: false };
  private degraded = false;
  private everReady = false;
  private flushTimer: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(
    url: string,
    private readonly log: FastifyBaseLogger,
    options: RedisRelayOptions = {},
  ) {
    const maxDelay = options.maxRetryDelayMs ?? 2000;
    const common: RedisOptions = {
      // nothing is queued while disconnected: a publish then fails at once and is caught up later
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      // a Redis that hangs without closing the connection must not hold up room loads or compactions
      commandTimeout: 5000,
      autoResubscribe: false, // we resubscribe ourselves, then resync
      retryStrategy: (times) => Math.min(50 * times, maxDelay),
    };
    this.pub = new Redis(url, { ...common, connectionName: 'percorso-pub' });
    this.sub = new Redis(url, { ...common, connectionName: 'percorso-sub' });
    this.lock = new RedisLock(this.pub);
    this.sub.on('messageBuffer', (channel: Buffer, message: Buffer) => this.onMessage(channel, message));
    this.sub.on('ready', () => void this.onReady('sub'));
    this.pub.on('ready', () => void this.onReady('pub'));
    for (const [name, conn] of [
      ['pub', this.pub],
      ['sub', this.sub],
    ] as const) {
      conn.on('close', () => this.onDown(name));
      // ioredis reports every failed reconnection attempt; onDown has logged the outage once
      conn.on('error', (err: Error) => {
        if (!this.everReady && !this.degraded && !this.closed) {
          this.degraded = true; // Redis unreachable from the start: say so once
          this.log.warn(
            { err: err.message },
            'redis relay not reachable yet: edits sync within this process only until it is',
          );
        }
        this.log.debug({ err: err.message, connection: name }, 'redis error');
      });
    }
  }

  /** Both connections are up. */
  get connected(): boolean {
    return this.ready.pub && this.ready.sub;
  }

  attach(target: RelayTarget): void {
    this.target = target;
  }

  async subscribe(mapId: string): Promise<void> {
    const count = this.channels.get(mapId) ?? 0;
    this.channels.set(mapId, count + 1);
    if (count > 0 || !this.ready.sub) return; // not ready: subscribed (and resynced) on `ready`
    try {
      await this.sub.subscribe(CHANNEL_PREFIX + mapId);
    } catch (err) {
      this.log.warn(
        { mapId, err: errorText(err) },
        'could not subscribe to the relay; retrying, then the map is resynced',
      );
      this.retrySubscribe(mapId);
    }
  }

  /** Subscribes again in a moment, then reloads the map (messages sent meanwhile were missed). */
  private retrySubscribe(mapId: string): void {
    setTimeout(() => {
      // not ready: the next `ready` subscribes and resyncs every map anyway
      if (this.closed || !this.channels.has(mapId) || !this.ready.sub) return;
      this.sub.subscribe(CHANNEL_PREFIX + mapId).then(
        () => this.target?.resync(mapId),
        () => this.retrySubscribe(mapId),
      );
    }, 1000).unref();
  }

  unsubscribe(mapId: string): void {
    const count = this.channels.get(mapId) ?? 0;
    if (count > 1) {
      this.channels.set(mapId, count - 1);
      return;
    }
    this.channels.delete(mapId);
    if (this.ready.sub) this.sub.unsubscribe(CHANNEL_PREFIX + mapId).catch(() => undefined);
  }

  publishUpdate(mapId: string, update: Uint8Array): void {
    this.publish(KIND.update, mapId, update);
  }

  publishAwareness(mapId: string, update: Uint8Array): void {
    this.publish(KIND.awareness, mapId, update);
  }

  queryAwareness(mapId: string): void {
    this.publish(KIND.awarenessQuery, mapId, new Uint8Array(0));
  }

  publishDeleted(mapId: string): void {
    this.publish(KIND.deleted, mapId, new Uint8Array(0));
  }

  publishRevoked(mapId: string, keyHash: string): void {
    this.publish(KIND.revoked, mapId, Buffer.from(keyHash, 'utf8'));
  }

  publishClientFrame(mapId: string, frame: Uint8Array): void {
    this.publish(KIND.clientFrame, mapId, frame);
  }

  async exclusive(name: string, ttlMs: number, fn: () => Promise<void>): Promise<boolean> {
    let token: string | null | undefined;
    try {
      token = this.ready.pub ? await this.lock.acquire(name, ttlMs) : undefined;
    } catch {
      token = undefined; // Redis could not answer: run anyway (see Relay.exclusive)
    }
    if (token === null) return false;
    try {
      await fn();
    } finally {
      if (token) await this.lock.release(name, token).catch(() => undefined); // else it expires
    }
    return true;
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.pub.disconnect();
    this.sub.disconnect();
  }

  private publish(kind: Kind, mapId: string, payload: Uint8Array): void {
    const announce = kind === KIND.update || kind === KIND.resync;
    if (!this.ready.pub) {
      if (announce) this.unpublished.add(mapId); // announced on `ready`
      return;
    }
    const frame = Buffer.concat([Buffer.of(kind), this.processId, payload]);
    this.pub.publish(CHANNEL_PREFIX + mapId, frame).catch((err: unknown) => {
      this.log.debug({ mapId, err: errorText(err) }, 'relay publish failed');
      if (!announce) return;
      // the connection may still be up (a Redis that stalled): announce again in a moment
      this.unpublished.add(mapId);
      if (!this.flushTimer) this.flushTimer = setTimeout(() => this.flushUnpublished(), 1000).unref();
    });
  }

  /** Asks the other processes to reload the maps whose updates could not be published. */
  private flushUnpublished(): void {
    this.flushTimer = null;
    if (this.closed || !this.ready.pub) return;
    const mapIds = [...this.unpublished];
    this.unpublished.clear();
    for (const mapId of mapIds) this.publish(KIND.resync, mapId, new Uint8Array(0)); // a failure adds it again
  }

  private onMessage(channel: Buffer, message: Buffer): void {
    if (message.length < HEADER_BYTES || this.processId.equals(message.subarray(1, HEADER_BYTES))) return;
    const name = channel.toString('utf8');
    if (!name.startsWith(CHANNEL_PREFIX) || !this.target) return;
    const mapId = name.slice(CHANNEL_PREFIX.length);
    const payload = new Uint8Array(message.buffer, message.byteOffset + HEADER_BYTES, message.length - HEADER_BYTES);
    try {
      switch (message[0]) {
        case KIND.update:
          this.target.relayedUpdate(mapId, payload);
          break;
        case KIND.awareness:
          this.target.relayedAwareness(mapId, payload);
          break;
        case KIND.awarenessQuery:
          this.target.awarenessQueried(mapId);
          break;
        case KIND.resync:
          this.target.resync(mapId);
          break;
        case KIND.deleted:
          this.target.deletedElsewhere(mapId);
          break;
        case KIND.revoked:
          this.target.revokedElsewhere(mapId, Buffer.from(payload).toString('utf8'));
          break;
        case KIND.clientFrame:
          this.target.relayedClientFrame(mapId, payload);
          break;
      }
    } catch (err) {
      this.log.error({ mapId, err }, 'could not apply a relayed message');
    }
  }

  private onDown(name: 'pub' | 'sub'): void {
    if (!this.ready[name]) return;
    this.ready[name] = false;
    if (this.closed || this.degraded) return;
    this.degraded = true;
    this.log.warn(
      { connection: name },
      'redis relay lost: edits still sync between clients of this process and are stored; other processes catch up when Redis is back',
    );
  }

  private async onReady(name: 'pub' | 'sub'): Promise<void> {
    this.ready[name] = true;
    this.everReady = true;
    if (name === 'sub') {
      const mapIds = [...this.channels.keys()];
      try {
        if (mapIds.length > 0) await this.sub.subscribe(...mapIds.map((id) => CHANNEL_PREFIX + id));
      } catch (err) {
        this.log.warn({ err: errorText(err) }, 'could not resubscribe to the relay');
        return; // the connection dropped again; the next ready retries
      }
      // messages published while we were away (or before the first connection) are lost: read the store
      if (mapIds.length > 0) this.target?.resyncAll();
    } else {
      this.flushUnpublished();
    }
    if (this.connected && this.degraded) {
      this.degraded = false;
      this.log.info({ maps: this.channels.size }, 'redis relay back: loaded maps resynced from the store');
    } else if (this.connected) {
      this.log.info('redis relay connected');
    }
  }
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
