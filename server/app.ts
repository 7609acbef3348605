// Builds the whole server (HTTP API, static front end, websocket sync, storage) on one port.
// Used by main.ts and, in-process, by the tests.
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import Fastify, { LogController, type FastifyBaseLogger } from 'fastify';
import { installMemberResolver, type MemberResolver } from './accounts/memberOf';
import { Accounts } from './accounts/service';
import { MediaTokens } from './auth/mediaTokens';
import { DEFAULT_CONFIG, type ServerConfig } from './config';
import { openEventBackend } from './events/backend';
import { ObservedEvents } from './events/service';
import { createFeatures, type FeatureTiming, type Features } from './features';
import { installErrorHandler } from './http/errors';
import { guardConnections, httpServerFactory, type ConnectionGuard, type HttpLimits } from './http/connectionGuard';
import { eventRoutes } from './http/events';
import { memberRoutes } from './http/accounts';
import { healthRoutes } from './http/health';
import { inviteRoutes } from './http/invites';
import { bundleRoutes } from './http/bundle';
import { mapRoutes } from './http/maps';
import { mapLifeRoutes } from './maplife/routes';
import { purgeTrash, startTrashPurge } from './maplife/purge';
import { mediaRoutes } from './http/media';
import { allowedHostNames, hostGuard } from './http/hostCheck';
import { originGuard } from './http/origin';
import { securityHeaders } from './http/securityHeaders';
import { anonymousMapGate, sessionRoutes } from './http/session';
import { ssoRoutes } from './http/sessionSso';
import { staticRoutes } from './http/static';
import { MediaLibrary } from './media/library';
import { relayRevocations } from './scale/revocations';
import { SqliteStore } from './storage/sqlite/store';
import type { Store } from './storage/store';
import { StorageHealth } from './storage/writable';
import { CLOSE } from './sync/closeCodes';
import { attachSync } from './sync/connection';
import { BYTES_BEFORE_READY, FRAMES_BEFORE_READY, trustedProxies } from './sync/limits';
import { Rooms } from './sync/rooms';

export interface PercorsoServerOptions extends Partial<ServerConfig> {
  /** Where log lines go (default stdout); tests capture them here. */
  logStream?: { write(line: string): void };
  /** Storage to use instead of SQLite in dataDir (e.g. MemoryStore). It is closed with the server. */
  store?: Store;
  /** Webhook timeout and retry delays, automatic-version period (tests shorten them). */
  timing?: Partial<FeatureTiming>;
}

export interface PercorsoServer {
  port: number;
  /** http://HOST:PORT, with a loopback host when bound to all interfaces. */
  url: string;
  store: Store;
  rooms: Rooms;
  log: FastifyBaseLogger;
  /** Ingest, alerts, versions and key rotation (tests read `features.webhooks.active`). */
  features: Features;
  /** Deletes for good the maps trashed more than TRASH_DAYS before `now` (the hourly purge, on demand). */
  purgeTrash(now?: number): Promise<string[]>;
  /** Open HTTP connections (not sync sockets) and those refused for a cap. */
  httpConnections: ConnectionGuard;
  /** Observed journeys: contact-log events beside the maps (imports, flows, retention). */
  events: ObservedEvents;
  /** Members, sessions and invites of the workspace (the `user` script and tests use it too). */
  accounts: Accounts;
  /** Graceful stop: no new connections, sockets closed with 1001, rooms compacted, store closed. */
  close(): Promise<void>;
}

/** The path of a URL without its query string (which may hold a key) or an invite's token. */
function pathOf(url: string | undefined): string {
  const path = ((url ?? '/').split('?')[0] ?? '/').replace(/^(\/api\/invites\/)[^/]+/, '$1…');
  return path.length > 300 ? `${path.slice(0, 300)}…` : path;
}

export async function createPercorsoServer(options: PercorsoServerOptions = {}): Promise<PercorsoServer> {
  const { logStream, store: givenStore, timing, ...overrides } = options;
  const config: ServerConfig = { ...DEFAULT_CONFIG, ...overrides };

  const proxies = trustedProxies(config.trustedProxies);
  const httpLimits: HttpLimits = {
    headersTimeoutMs: config.httpHeadersTimeoutMs,
    requestTimeoutMs: config.httpRequestTimeoutMs,
    idleTimeoutMs: config.httpIdleTimeoutMs,
    connectionsPerIp: config.maxHttpConnectionsPerIp,
    connections: config.maxHttpConnections,
    proxies,
  };
  const app = Fastify({
    logger: {
      level: config.logLevel,
      ...(logStream ? { stream: logStream } : {}),
      // Never log keys or query strings: requests are reduced to method and path.
      redact: {
        paths: ['req.headers.authorization', 'req.headers.cookie', 'headers.authorization'],
        censor: '[redacted]',
      },
      serializers: {
        req: (req: { method?: string; url?: string }) => ({ method: req.method, path: pathOf(req.url) }),
        res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
      },
    },
    // fastify's own request lines and "Route GET:/x?key=… not found" would print the query: off.
    logController: new LogController({ disableRequestLogging: true }),
    ajv: { customOptions: { coerceTypes: false } },
    bodyLimit: 1024 * 1024,
    serverFactory: httpServerFactory(httpLimits),
  });
  const httpConnections = guardConnections(app.server, httpLimits, app.log.child({ component: 'http' }));

  // scale-out: PostgreSQL (schema migrated here) and the Redis relay; else SQLite in DATA_DIR. Their
  // drivers are loaded only when configured (pg and ioredis cost the embedded server ~20 MiB of RSS).
  const store: Store =
    givenStore ??
    (config.databaseUrl
      ? await (
          await import('./storage/postgres/store')
        ).PostgresStore.connect(config.databaseUrl, { log: app.log.child({ component: 'postgres' }) })
      : new SqliteStore(config.dataDir, {
          onCheckpointerFailure: (reason) =>
            app.log.error({ reason }, 'SQLite checkpoint worker failed; checkpointing on the main thread'),
        }));
  const relay = config.redisUrl
    ? new (await import('./scale/redisRelay')).RedisRelay(config.redisUrl, app.log.child({ component: 'relay' }))
    : undefined;
  const features = createFeatures({
    store,
    log: app.log,
    webhookAllowPrivate: config.webhookAllowPrivate,
    versionLimits: { count: config.maxVersionsPerMap, bytes: config.maxVersionBytesPerMap },
    mail: config.accounts.mail ?? null,
    publicOrigin: config.publicOrigin,
    ...(timing ? { timing } : {}),
  });
  const rooms = new Rooms({
    store,
    log: app.log.child({ component: 'sync' }),
    compactEvery: config.compactEvery,
    hooks: features.roomHooks,
    relay,
  });
  if (relay) relay.attach({ ...rooms.relayTarget(), revokedElsewhere: relayRevocations(features.sockets, relay) });
  // media files live in DATA_DIR/media unless the Store keeps the bytes itself
  // (PostgreSQL: in the database, and DATA_DIR/media is this process's cache of them)
  const media = new MediaLibrary(store, config.dataDir, config.maxUploadBytes, store.mediaFiles?.(config.dataDir));
  const events = new ObservedEvents({
    backend: await openEventBackend(store),
    rooms,
    log: app.log.child({ component: 'events' }),
    retentionDays: config.eventRetentionDays,
  });

  app.addHook('onResponse', async (request, reply) => {
    request.log.info(
      {
        method: request.method,
        path: pathOf(request.url),
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime),
      },
      'request',
    );
  });
  installErrorHandler(app);
  // accounts: who a session cookie names (without accounts, every actor is a guest with a key)
  const accounts = new Accounts(store.accounts, config.accounts.sessionDays);
  const members: MemberResolver = (req) => accounts.resolve(req);
  installMemberResolver(app, members);
  const hostNames = allowedHostNames(config.publicOrigin, config.allowedHosts);
  hostGuard(app, hostNames); // a Host naming another site (DNS rebinding): 421
  securityHeaders(app, config.frameAncestors); // CSP, Referrer-Policy, nosniff
  originGuard(app, config.allowedOrigins); // mutating requests from a foreign browser origin: 403
  const storage = new StorageHealth(store, app.log.child({ component: 'storage' }));
  healthRoutes(app, storage);
  const disconnect = (memberId: string): void => void features.sockets.closeMember(memberId, CLOSE.accessChanged);
  const sessionDeps = {
    accounts,
    publicOrigin: config.publicOrigin,
    proxies,
    sso: config.accounts.oidc !== null,
    disconnect,
  };
  sessionRoutes(app, sessionDeps);
  inviteRoutes(app, sessionDeps);
  if (config.accounts.oidc) {
    const flowSecret = await store.accounts
      .serverSecret('oidc-flow', randomBytes(32).toString('hex'))
      .catch(() => randomBytes(32).toString('hex'));
    // openid-client is loaded only when single sign-on is configured
    const { Oidc } = await import('./accounts/oidc');
    ssoRoutes(app, { ...sessionDeps, oidc: new Oidc(config.accounts.oidc, flowSecret) });
  }
  memberRoutes(app, { accounts, disconnect });
  // once an account exists, creating a map needs a session (unless ALLOW_ANONYMOUS_MAPS=1)
  if (!config.accounts.allowAnonymousMaps) anonymousMapGate(app, accounts);
  const allowCreation = mapRoutes(app, { store, rooms, creation: { perHour: config.mapsPerHourPerIp, proxies } });
  mapLifeRoutes(app, store); // the map list, the trash, restore
  const trashPurge = { store, media, days: config.trashDays, log: app.log.child({ component: 'trash' }) };
  const stopTrashPurge = startTrashPurge(trashPurge);
  // media links carry a short-lived token, never a key; its signing secret is shared through the store
  const candidate = randomBytes(32).toString('hex');
  const tokenSecret = await store.accounts.serverSecret('media-tokens', candidate).catch((err: unknown) => {
    // a store that cannot write yet (read-only, disk full) still serves: this process's own secret
    app.log.warn({ err }, 'could not store the media token secret; tokens work on this process only');
    return candidate;
  });
  const tokens = new MediaTokens(tokenSecret);
  await app.register(mediaRoutes, { store, media, tokens }); // its own scope: it streams bodies instead of parsing them
  await app.register(bundleRoutes, { store, rooms, media, allowCreation }); // its own scope: zip bodies
  await features.routes(app, rooms); // ingest, webhooks, versions, key rotation
  await app.register(eventRoutes, { store, events }); // its own scope: CSV streams, a bigger JSON limit
  await staticRoutes(app, config.distDir);
  const sync = attachSync(app.server, {
    store,
    rooms,
    log: app.log.child({ component: 'sync' }),
    maxFrameBytes: config.maxFrameBytes,
    sockets: features.sockets,
    limits: {
      messagesPerSecond: config.maxMessagesPerSecond,
      messageBurst: config.messageBurst,
      connectionsPerIp: config.maxConnectionsPerIp,
      trustedProxies: config.trustedProxies,
      framesBeforeReady: FRAMES_BEFORE_READY,
      bytesBeforeReady: BYTES_BEFORE_READY,
      presence: config.presenceLimits,
    },
    allowedOrigins: config.allowedOrigins,
    storage,
    allowedHosts: hostNames,
    members,
  });

  try {
    await app.listen({ port: config.port, host: config.host });
  } catch (err) {
    stopTrashPurge();
    await events.close();
    await relay?.close();
    await store.close();
    throw err;
  }
  const port = (app.server.address() as AddressInfo).port;
  const host = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;

  let closing: Promise<void> | null = null;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      sync.stopAccepting();
      stopTrashPurge();
      const httpClosed = app.close();
      await Promise.all([sync.closeSockets(CLOSE.goingAway, 2000), rooms.closeAll(CLOSE.goingAway)]);
      await httpClosed;
      await features.close();
      await events.close();
      await relay?.close();
      await store.close();
    })();
    return closing;
  };

  return {
    port,
    url: `http://${host}:${port}`,
    store,
    rooms,
    log: app.log,
    features,
    purgeTrash: (now?: number) => purgeTrash(trashPurge, now),
    events,
    accounts,
    httpConnections,
    close,
  };
}
