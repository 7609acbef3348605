// The HTTP server and the limits on its connections (issue 17, finding 3): header, request and idle
// timeouts, so a client that sends headers or a body a byte at a time is cut off; a cap of open HTTP
// connections per peer address and one for all addresses, so a flood of half-open connections cannot
// take every file descriptor. A connection that becomes a sync socket leaves these counts (sync has
// its own per-address limit): a flood never closes an open sync socket, and the global cap keeps the
// process's descriptors in reserve for them, the database and the media files.
import http from 'node:http';
import type { BlockList, Socket } from 'node:net';
import type { FastifyBaseLogger } from 'fastify';
import { isTrustedPeer } from '../sync/limits';

export interface HttpLimits {
  headersTimeoutMs: number;
  requestTimeoutMs: number;
  idleTimeoutMs: number;
  /** 0: no limit. Peers that are trusted proxies are not limited (everyone behind them shares their address). */
  connectionsPerIp: number;
  connections: number;
  proxies: BlockList;
}

/** Node checks header and request deadlines on an interval (30 s by default): often enough for short limits. */
function checkingInterval(limits: HttpLimits): number {
  return Math.max(50, Math.min(1000, Math.floor(Math.min(limits.headersTimeoutMs, limits.requestTimeoutMs) / 4)));
}

/** A fastify serverFactory: a node HTTP server with the timeouts set. */
export function httpServerFactory(limits: HttpLimits) {
  return (handler: http.RequestListener): http.Server => {
    const server = http.createServer(
      {
        headersTimeout: limits.headersTimeoutMs,
        requestTimeout: limits.requestTimeoutMs,
        keepAliveTimeout: Math.min(5000, limits.idleTimeoutMs),
        connectionsCheckingInterval: checkingInterval(limits),
      },
      handler,
    );
    server.setTimeout(limits.idleTimeoutMs); // no byte either way for this long: the socket is destroyed
    return server;
  };
}

export interface ConnectionGuard {
  /** Open HTTP connections (not sync sockets). */
  readonly open: number;
  /** Connections dropped at once for a cap so far. */
  readonly refused: number;
}

const WARN_EVERY_MS = 10_000;

/** Counts connections on `server` and drops those over the caps before a byte is read. */
export function guardConnections(server: http.Server, limits: HttpLimits, log: FastifyBaseLogger): ConnectionGuard {
  const byAddress = new Map<string, number>();
  const tracked = new Map<Socket, string | null>();
  let refused = 0;
  let lastWarning = 0;

  const release = (socket: Socket): void => {
    if (!tracked.has(socket)) return;
    const address = tracked.get(socket) ?? null;
    tracked.delete(socket);
    if (address === null) return;
    const left = (byAddress.get(address) ?? 1) - 1;
    if (left <= 0) byAddress.delete(address);
    else byAddress.set(address, left);
  };

  const refuse = (socket: Socket, address: string, why: string): void => {
    refused++;
    socket.destroy();
    const now = Date.now();
    if (now - lastWarning < WARN_EVERY_MS) return; // a flood must not flood the log too
    lastWarning = now;
    log.warn({ address, why, open: tracked.size, refused }, 'HTTP connection refused');
  };

  server.on('connection', (socket: Socket) => {
    const peer = socket.remoteAddress ?? '';
    if (tracked.size >= limits.connections) return refuse(socket, peer, 'too many connections');
    const limited = limits.connectionsPerIp > 0 && peer !== '' && !isTrustedPeer(peer, limits.proxies);
    const address = limited ? peer : null;
    if (address !== null) {
      const n = byAddress.get(address) ?? 0;
      if (n >= limits.connectionsPerIp) return refuse(socket, peer, 'too many connections from this address');
      byAddress.set(address, n + 1);
    }
    tracked.set(socket, address);
    socket.once('close', () => release(socket));
  });
  // a sync socket is counted by the sync server from now on
  server.on('upgrade', (_req: http.IncomingMessage, socket: Socket) => release(socket));

  return {
    get open() {
      return tracked.size;
    },
    get refused() {
      return refused;
    },
  };
}
