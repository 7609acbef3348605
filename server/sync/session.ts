// One socket's sync session: buffers frames until its room is loaded, parses each frame, and hands
// it to the room. A malformed frame closes this socket only (4400); so does a client over its
// message rate or over the frames it may send before its map is loaded (4429, limits.ts).
import type { RawData, WebSocket } from 'ws';
import type { Actor } from '../auth/actor';
import type { Role } from '../auth/keys';
import { CLOSE, type CloseReason } from './closeCodes';
import {
  MESSAGE_AWARENESS,
  MalformedMessage,
  PresenceTooLarge,
  parseClientMessage,
  type AwarenessEntry,
} from './protocol';
import { TooManyPresenceIds, admitPresence } from './presence';
import { MapNotFound, type Room, type RoomMember } from './room';
import type { SyncDeps } from './connection';
import { TokenBucket } from './limits';
import { RoomsClosed } from './rooms';
import type { KeyedSocket } from './sockets';
import { TurnBatch } from './turnBatch';

function toBytes(data: RawData): Uint8Array {
  // Copy into a fresh buffer: ws may hand out views of pooled memory, and updates are kept.
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
  return new Uint8Array(data instanceof ArrayBuffer ? data.slice(0) : data);
}

export class Session implements RoomMember, KeyedSocket {
  readonly awarenessIds = new Set<number>();
  private room: Room | null = null;
  private buffered: Uint8Array[] = [];
  private bufferedBytes = 0;
  private readonly bucket: TokenBucket;
  /** Awareness frames sent to this socket and not yet echoed back (see freeEcho). */
  private echoCredits = 0;
  private closed = false;
  private left = false;

  constructor(
    private readonly ws: WebSocket,
    private readonly mapId: string,
    readonly role: Role,
    private readonly deps: SyncDeps,
    private readonly maxBufferedBytes: number,
    /** Hash of the key this socket authenticated with (a rotation of that key closes it). */
    readonly keyHash: string,
    /** Who acts through this socket: a signed-in member, or a guest with a share key. */
    readonly actor: Actor,
    /** Frames of one turn to this socket leave in one write (turnBatch.ts). */
    private readonly batch?: TurnBatch,
  ) {
    this.bucket = new TokenBucket(deps.limits.messagesPerSecond, deps.limits.messageBurst);
    deps.sockets.add(mapId, this);
    ws.on('message', (data, isBinary) => this.onMessage(data, isBinary));
    ws.on('close', () => this.onClose());
    ws.on('error', (err: Error & { code?: string }) => {
      // e.g. a frame over maxPayload (ws then closes with 1009) or a protocol violation
      this.deps.log.warn({ mapId, code: err.code, reason: err.message }, 'websocket error');
      this.closed = true;
    });
    deps.rooms.join(mapId, this).then(
      (room) => {
        this.room = room;
        if (this.closed) {
          this.leave();
          return;
        }
        const frames = this.buffered;
        this.buffered = [];
        this.bufferedBytes = 0;
        for (const frame of frames) if (!this.closed) this.handle(frame, true);
      },
      (err: unknown) => {
        if (err instanceof MapNotFound) {
          this.close(CLOSE.unknownMap); // deleted between the key check and the load
        } else if (err instanceof RoomsClosed) {
          this.close(CLOSE.goingAway);
        } else {
          this.deps.log.error({ mapId, err }, 'could not load map');
          this.close(CLOSE.loadFailed);
        }
      },
    );
  }

  send(frame: Uint8Array): void {
    if (this.closed || this.ws.readyState !== this.ws.OPEN) return;
    if (this.ws.bufferedAmount > this.maxBufferedBytes) {
      // a client that does not read must not make the server buffer without bound
      this.deps.log.warn({ mapId: this.mapId }, 'client too slow; connection dropped');
      this.closed = true;
      this.ws.terminate();
      return;
    }
    if (frame[0] === MESSAGE_AWARENESS) this.echoCredits++; // the stock client will send it back (freeEcho)
    this.batch?.hold();
    this.ws.send(frame);
  }

  close(reason: CloseReason): void {
    if (this.closed) return;
    this.closed = true;
    this.ws.close(reason.code, reason.reason);
  }

  private onMessage(data: RawData, isBinary: boolean): void {
    if (this.closed) return;
    if (!isBinary) {
      this.malformed('text frame');
      return;
    }
    const frame = toBytes(data);
    if (!this.room) {
      if (!this.charge()) return; // nothing is an echo before the map is loaded: every frame pays
      this.buffered.push(frame);
      this.bufferedBytes += frame.byteLength;
      const { framesBeforeReady, bytesBeforeReady } = this.deps.limits;
      if (this.buffered.length > framesBeforeReady || this.bufferedBytes > bytesBeforeReady) {
        this.buffered = [];
        this.refuse(CLOSE.tooManyBeforeReady, 'too many frames before the map loaded');
      }
      return;
    }
    this.handle(frame, false);
  }

  /** Takes a token of the message rate; closes the socket with 4429 when none is left. */
  private charge(): boolean {
    if (this.bucket.take()) return true;
    this.refuse(CLOSE.tooManyMessages, 'message rate over the limit');
    return false;
  }

  /**
   * The stock y-websocket client sends every awareness change it receives back to the server,
   * unchanged. Such echoes change nothing, so they are free — as many as awareness frames were sent
   * to this socket. Without this, a busy map (or someone flooding presence) would push every client
   * over the message rate.
   */
  private freeEcho(room: Room, entries: AwarenessEntry[]): boolean {
    if (this.echoCredits <= 0) return false;
    const { meta, states } = room.awareness;
    const stale = entries.every((e) => {
      const clock = meta.get(e.clientId)?.clock;
      return (
        clock !== undefined && (e.clock < clock || (e.clock === clock && (e.state !== null || !states.has(e.clientId))))
      );
    });
    if (!stale) return false;
    this.echoCredits--;
    return true;
  }

  /** `paid`: the frame was charged when it arrived (buffered while the map loaded). */
  private handle(frame: Uint8Array, paid: boolean): void {
    const room = this.room;
    if (!room) return;
    try {
      const message = parseClientMessage(frame, this.deps.limits.presence.stateBytes);
      if (!paid && !(message.type === 'awareness' && this.freeEcho(room, message.entries)) && !this.charge()) return;
      switch (message.type) {
        case 'sync-step1':
          room.answerSyncStep1(this, message.stateVector);
          break;
        case 'sync-step2':
        case 'sync-update':
          // viewers may read, never write: their step 2 and updates are dropped unapplied
          if (this.role === 'editor') room.applyClientUpdate(this, message.update, message.deleteSet);
          break;
        case 'awareness':
          room.applyAwareness(
            this,
            admitPresence(
              message.entries,
              this.awarenessIds,
              room.awareness,
              this.deps.limits.presence,
              this.actor.kind === 'member' ? this.actor.member.name : undefined,
            ),
          );
          break;
        case 'query-awareness':
          room.sendAwarenessTo(this);
          break;
      }
    } catch (err) {
      if (err instanceof PresenceTooLarge)
        return this.refuse(CLOSE.presenceTooLarge, `presence state of ${err.bytes} bytes`);
      if (err instanceof TooManyPresenceIds)
        return this.refuse(CLOSE.tooManyPresenceIds, `${err.ids} presence client ids`);
      this.malformed(
        err instanceof MalformedMessage ? err.message : `rejected: ${err instanceof Error ? err.message : String(err)}`,
      );
    }
  }

  /** A limit was broken: close this socket only, and say so in the log (never the key). */
  private refuse(reason: CloseReason, detail: string): void {
    this.deps.log.warn(
      { mapId: this.mapId, code: reason.code, detail },
      'sync limit exceeded; closing that connection',
    );
    this.close(reason);
  }

  private malformed(detail: string): void {
    this.deps.log.warn(
      { mapId: this.mapId, detail: detail.slice(0, 200) },
      'malformed message; closing that connection',
    );
    this.close(CLOSE.malformed);
  }

  private onClose(): void {
    this.closed = true;
    this.deps.sockets.remove(this.mapId, this);
    this.leave();
  }

  private leave(): void {
    if (this.left || !this.room) return;
    this.left = true;
    this.room.leave(this);
  }
}
