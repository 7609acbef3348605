// Websocket sync on /sync/<mapId>, the key as a subprotocol or ?key=KEY: the HTTP upgrade, the Host
// and Origin checks (421, 403), the key check
// and the connections-per-address limit (refusals are a 44xx close right after the upgrade, before
// any document data), frame and buffer limits, a ping heartbeat, and one Session per accepted
// socket. Keys and query strings are never logged.
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { FastifyBaseLogger } from 'fastify';
import type { MemberResolver } from '../accounts/memberOf';
import { guestActor, mapRoleOf, memberActor, type Actor } from '../auth/actor';
import { hashKey, isMapId, resolveRole, type Role } from '../auth/keys';
import { hostAllowed } from '../http/hostCheck';
import { originAllowed } from '../http/origin';
import type { Store } from '../storage/store';
import type { StorageHealth } from '../storage/writable';
import { CLOSE, type CloseReason } from './closeCodes';
import { ConnectionCounter, clientAddress, trustedProxies, type SyncLimits } from './limits';
import type { Rooms } from './rooms';
import { Session } from './session';
import type { SocketRegistry } from './sockets';
import { TurnBatch } from './turnBatch';

export interface SyncDeps {
  store: Store;
  rooms: Rooms;
  log: FastifyBaseLogger;
  maxFrameBytes: number;
  /** Open sockets by map and key hash (key rotation closes them). */
  sockets: SocketRegistry;
  /** Message rate, frames before the map is loaded, connections per address (limits.ts). */
  limits: SyncLimits;
  /** Browser origins allowed besides the server's own (ALLOWED_ORIGINS). */
  allowedOrigins: readonly string[];
  /** While the store cannot write, connections are refused with 4503. */
  storage: StorageHealth;
  /** Host names answered besides IPs and loopback names (http/hostCheck.ts). */
  allowedHosts: readonly string[];
  /** The member an upgrade's session cookie names (none: keys only). */
  members?: MemberResolver | null;
}

/**
 * The key may travel as a websocket subprotocol instead of `?key=`, so it is not in the URL that a
 * browser prints when a socket fails: `Sec-WebSocket-Protocol: percorso.v1, percorso.key.KEY`
 * (keys are base64url, valid protocol tokens). The server answers with `percorso.v1` only.
 */
export const SYNC_PROTOCOL = 'percorso.v1';
export const KEY_PROTOCOL_PREFIX = 'percorso.key.';

function keyFromProtocols(header: string | undefined): string | null {
  if (!header) return null;
  for (const token of header.split(',')) {
    const value = token.trim();
    if (value.startsWith(KEY_PROTOCOL_PREFIX) && value.length > KEY_PROTOCOL_PREFIX.length)
      return value.slice(KEY_PROTOCOL_PREFIX.length);
  }
  return null;
}

function refuseHttp(socket: Duplex, status: number, text: string): void {
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  socket.destroy();
}

interface Admitted {
  role: Role;
  actor: Actor;
  /** The key decided the role (a guest, or a member raised by an editor key): rotating it closes the socket. */
  byKey: boolean;
}

/**
 * The decision on an upgrade: a role and who acts, or the close reason to send right after the
 * upgrade. Same rules as HTTP authorize(): a member acts as themself, a key may only raise their role.
 */
async function authorize(
  deps: SyncDeps,
  req: IncomingMessage,
  mapId: string,
  key: string | null,
): Promise<Admitted | CloseReason> {
  if (!isMapId(mapId)) return CLOSE.unknownMap;
  const map = await deps.store.docs.getMap(mapId);
  if (!map) return CLOSE.unknownMap;
  const member = deps.members ? await deps.members(req) : null;
  const keyRole = key ? resolveRole(key, map) : null;
  let admitted: Admitted;
  if (member) {
    const memberRole = mapRoleOf(member.role);
    const raised = keyRole === 'editor' && memberRole !== 'editor';
    admitted = { role: raised ? 'editor' : memberRole, actor: memberActor(member), byKey: raised };
  } else {
    if (!key) return CLOSE.missingKey;
    if (!keyRole) return CLOSE.wrongKey;
    admitted = { role: keyRole, actor: guestActor(keyRole), byKey: true };
  }
  return (await deps.storage.problem()) ? CLOSE.storageUnavailable : admitted;
}

function isCloseReason(verdict: Admitted | CloseReason): verdict is CloseReason {
  return 'code' in verdict;
}

export interface SyncServer {
  /** Stop accepting upgrades. */
  stopAccepting(): void;
  /** Close every socket with `reason`; those still open after `timeoutMs` are terminated. */
  closeSockets(reason: CloseReason, timeoutMs: number): Promise<void>;
  /** Number of open sockets (for tests and health). */
  readonly socketCount: number;
}

/** A socket that has not answered a ping within this long is dropped (its awareness state with it). */
const HEARTBEAT_MS = 30_000;

/** Handles `upgrade` on the HTTP server: /sync/<mapId> becomes a sync connection, anything else is refused. */
export function attachSync(server: Server, deps: SyncDeps): SyncServer {
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: deps.maxFrameBytes,
    perMessageDeflate: false,
    // a browser that offered protocols fails the socket unless one is chosen: ours, never the key
    handleProtocols: (protocols) => (protocols.has(SYNC_PROTOCOL) ? SYNC_PROTOCOL : false),
  });
  const maxBufferedBytes = Math.max(64 * 1024 * 1024, 4 * deps.maxFrameBytes);
  const connections = new ConnectionCounter(deps.limits.connectionsPerIp);
  const proxies = trustedProxies(deps.limits.trustedProxies);
  let accepting = true;
  const alive = new WeakSet<WebSocket>();
  const heartbeat = setInterval(() => {
    for (const ws of wss.clients) {
      if (!alive.has(ws)) {
        ws.terminate();
        continue;
      }
      alive.delete(ws);
      ws.ping();
    }
  }, HEARTBEAT_MS);
  heartbeat.unref();

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
    if (!hostAllowed(req.headers.host, deps.allowedHosts)) {
      deps.log.warn(
        { host: String(req.headers.host).slice(0, 200) },
        'sync upgrade for a foreign host name refused (DNS rebinding?)',
      );
      refuseHttp(socket, 421, 'Misdirected Request');
      return;
    }
    if (!originAllowed(req.headers.origin, req.headers.host, deps.allowedOrigins)) {
      // a page of another site must not open a map with a key it got hold of (CSWSH): no websocket at all
      deps.log.warn({ origin: String(req.headers.origin).slice(0, 200) }, 'sync upgrade from a foreign origin refused');
      refuseHttp(socket, 403, 'Forbidden');
      return;
    }
    const address = clientAddress(req, proxies);
    const release = connections.acquire(address);
    if (!release) {
      wss.handleUpgrade(req, socket, head, (ws) => {
        ws.on('error', () => undefined);
        ws.close(CLOSE.tooManyConnections.code, CLOSE.tooManyConnections.reason);
      });
      deps.log.warn(
        { address, limit: deps.limits.connectionsPerIp },
        'too many sync connections from one address; refused',
      );
      return;
    }
    socket.once('close', release);
    let mapId: string;
    try {
      mapId = decodeURIComponent(match[1]);
    } catch {
      mapId = '';
    }
    let verdict: Admitted | CloseReason;
    const key = keyFromProtocols(req.headers['sec-websocket-protocol']) ?? url.searchParams.get('key');
    const presentedHash = key ? hashKey(key) : '';
    try {
      verdict = await authorize(deps, req, mapId, key);
    } catch (err) {
      deps.log.error({ err }, 'could not check a sync key');
      verdict = CLOSE.loadFailed;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      alive.add(ws);
      ws.on('pong', () => alive.add(ws));
      if (isCloseReason(verdict)) {
        ws.on('error', () => undefined);
        ws.close(verdict.code, verdict.reason);
        deps.log.warn(
          { mapId: isMapId(mapId) ? mapId : '(not a map id)', code: verdict.code, reason: verdict.reason },
          'sync connection refused',
        );
        return;
      }
      // a member's own role does not hang on a key they also sent: rotating it leaves them connected
      const keyHash = verdict.byKey ? presentedHash : '';
      if (deps.sockets.wasRevoked(mapId, keyHash)) {
        // checked against the old hash just before a rotation committed
        ws.on('error', () => undefined);
        ws.close(CLOSE.keyRotated.code, CLOSE.keyRotated.reason);
        deps.log.warn({ mapId, code: CLOSE.keyRotated.code }, 'sync connection refused');
        return;
      }
      new Session(ws, mapId, verdict.role, deps, maxBufferedBytes, keyHash, verdict.actor, new TurnBatch(socket));
      deps.log.debug({ mapId, role: verdict.role, actor: verdict.actor.kind }, 'sync connection opened');
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
      clearInterval(heartbeat);
    },
    async closeSockets(reason, timeoutMs) {
      const open = [...wss.clients];
      const closed = open.map(
        (ws) =>
          new Promise<void>((resolve) => {
            if (ws.readyState === ws.CLOSED) resolve();
            else ws.once('close', () => resolve());
          }),
      );
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
