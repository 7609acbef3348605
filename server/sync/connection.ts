// Websocket sync on /sync/<mapId>?key=KEY: the HTTP upgrade, the key check, and one Connection per
// socket that parses frames and hands them to its room. Keys and query strings are never logged.
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import type { FastifyBaseLogger } from 'fastify';
import { isMapId, resolveRole, type Role } from '../auth/keys';
import type { Store } from '../storage/store';
import { CLOSE, type CloseReason } from './closeCodes';
import { MalformedMessage, parseClientMessage } from './protocol';
import type { Room, RoomMember } from './room';
import type { Rooms } from './rooms';

export interface SyncDeps {
  store: Store;
  rooms: Rooms;
  log: FastifyBaseLogger;
  maxFrameBytes: number;
}

/** Frames a client may send while its map loads; more closes it (a loading map takes milliseconds). */
const MAX_BUFFERED_FRAMES = 1000;

function toBytes(data: RawData): Uint8Array {
  // Copy into a fresh buffer: ws may hand out views of pooled memory, and updates are kept.
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
  return new Uint8Array(data instanceof ArrayBuffer ? data.slice(0) : data);
}

class Connection implements RoomMember {
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
  ) {
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
        this.deps.log.error({ mapId, err }, 'could not load map');
        this.close(CLOSE.loadFailed);
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
    this.leave();
  }

  private leave(): void {
    if (this.left || !this.room) return;
    this.left = true;
    this.room.leave(this);
  }
}

function refuseHttp(socket: Duplex, status: number, text: string): void {
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  socket.destroy();
}

/** The decision on an upgrade: a role, or the close reason to send right after the upgrade. */
async function authorize(store: Store, mapId: string, key: string | null): Promise<Role | CloseReason> {
  if (!isMapId(mapId)) return CLOSE.unknownMap;
  const map = await store.getMap(mapId);
  if (!map) return CLOSE.unknownMap;
  if (!key) return CLOSE.missingKey;
  return resolveRole(key, map) ?? CLOSE.wrongKey;
}

export interface SyncServer {
  /** Stop accepting upgrades. */
  stopAccepting(): void;
  /** Close every socket with `reason`; those still open after `timeoutMs` are terminated. */
  closeSockets(reason: CloseReason, timeoutMs: number): Promise<void>;
  /** Number of open sockets (for tests and health). */
  readonly socketCount: number;
}

/** Handles `upgrade` on the HTTP server: /sync/<mapId> becomes a sync connection, anything else is refused. */
export function attachSync(server: Server, deps: SyncDeps): SyncServer {
  const wss = new WebSocketServer({ noServer: true, maxPayload: deps.maxFrameBytes, perMessageDeflate: false });
  const maxBufferedBytes = Math.max(64 * 1024 * 1024, 4 * deps.maxFrameBytes);
  let accepting = true;

  const onUpgrade = async (req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> => {
    socket.on('error', () => undefined); // a client resetting mid-upgrade must not crash the process
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://localhost');
    } catch {
      refuseHttp(socket, 400, 'Bad Request');
      return;
    }
    const match = /^\/sync\/([^/]+)$/.exec(url.pathname);
    if (!match?.[1]) {
      refuseHttp(socket, 404, 'Not Found');
      return;
    }
    if (!accepting) {
      refuseHttp(socket, 503, 'Service Unavailable');
      return;
    }
    let mapId: string;
    try {
      mapId = decodeURIComponent(match[1]);
    } catch {
      mapId = '';
    }
    let verdict: Role | CloseReason;
    try {
      verdict = await authorize(deps.store, mapId, url.searchParams.get('key'));
    } catch (err) {
      deps.log.error({ err }, 'could not check a sync key');
      verdict = CLOSE.loadFailed;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      if (typeof verdict !== 'string') {
        ws.on('error', () => undefined);
        ws.close(verdict.code, verdict.reason);
        deps.log.info({ code: verdict.code }, 'sync connection refused');
        return;
      }
      new Connection(ws, mapId, verdict, deps, maxBufferedBytes);
      deps.log.debug({ mapId, role: verdict }, 'sync connection opened');
    });
  };

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    onUpgrade(req, socket, head).catch((err: unknown) => {
      deps.log.error({ err }, 'upgrade failed');
      socket.destroy();
    });
  });

  return {
    stopAccepting() {
      accepting = false;
    },
    async closeSockets(reason, timeoutMs) {
      const open = [...wss.clients];
      const closed = open.map((ws) => new Promise<void>((resolve) => {
        if (ws.readyState === ws.CLOSED) resolve();
        else ws.once('close', () => resolve());
      }));
      for (const ws of open) if (ws.readyState === ws.OPEN) ws.close(reason.code, reason.reason);
      const timer = setTimeout(() => open.forEach((ws) => ws.terminate()), timeoutMs);
      await Promise.all(closed);
      clearTimeout(timer);
    },
    get socketCount() {
      return wss.clients.size;
    },
  };
}
