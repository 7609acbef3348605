// One socket's sync session: buffers frames until its room is loaded, parses each frame, and hands
// it to the room. A malformed frame closes this socket only (4400).
import type { RawData, WebSocket } from 'ws';
import type { Role } from '../auth/keys';
import { CLOSE, type CloseReason } from './closeCodes';
import { MalformedMessage, parseClientMessage } from './protocol';
import { MapNotFound, type Room, type RoomMember } from './room';
import type { SyncDeps } from './connection';
import { RoomsClosed } from './rooms';
import type { KeyedSocket } from './sockets';

/** Frames a client may send while its map loads; more closes it (a loading map takes milliseconds). */
const MAX_BUFFERED_FRAMES = 1000;

function toBytes(data: RawData): Uint8Array {
  // Copy into a fresh buffer: ws may hand out views of pooled memory, and updates are kept.
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
  return new Uint8Array(data instanceof ArrayBuffer ? data.slice(0) : data);
}

export class Session implements RoomMember, KeyedSocket {
  readonly awarenessIds = new Set<number>();
  private room: Room | null = null;
  private buffered: Uint8Array[] = [];
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
  ) {
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
        for (const frame of frames) if (!this.closed) this.handle(frame);
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
      this.buffered.push(frame);
      if (this.buffered.length > MAX_BUFFERED_FRAMES) this.malformed('too many frames before the map loaded');
      return;
    }
    this.handle(frame);
  }

  private handle(frame: Uint8Array): void {
    const room = this.room;
    if (!room) return;
    try {
      const message = parseClientMessage(frame);
      switch (message.type) {
        case 'sync-step1':
          room.answerSyncStep1(this, message.stateVector);
          break;
        case 'sync-step2':
        case 'sync-update':
          // viewers may read, never write: their step 2 and updates are dropped unapplied
          if (this.role === 'editor') room.applyClientUpdate(this, message.update);
          break;
        case 'awareness':
          room.applyAwareness(this, message.entries);
          break;
        case 'query-awareness':
          room.sendAwarenessTo(this);
          break;
      }
    } catch (err) {
      this.malformed(err instanceof MalformedMessage ? err.message : `rejected: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  private malformed(detail: string): void {
    this.deps.log.warn({ mapId: this.mapId, detail: detail.slice(0, 200) }, 'malformed message; closing that connection');
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
