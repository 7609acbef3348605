// Typed server configuration, parsed from the environment with clear errors.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { accountsConfigFromEnv, DEFAULT_ACCOUNTS_CONFIG, type AccountsConfig } from './accounts/config';
import { normalizeOrigin } from './http/origin';
import { parseFrameAncestors } from './http/securityHeaders';
import { LOOPBACK_PROXIES, isProxyEntry } from './sync/limits';
import { DEFAULT_PRESENCE_LIMITS, type PresenceLimits } from './sync/presence';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface ServerConfig {
  /** TCP port; 0 picks a free one (the bound port is logged and returned). */
  port: number;
  host: string;
  /** Directory of percorso.db (created if missing). */
  dataDir: string;
  /** Largest websocket frame accepted; bigger frames close that socket with 1009. */
  maxFrameBytes: number;
  logLevel: LogLevel;
  /** The built front end (vite's outDir). */
  distDir: string;
  /** Updates appended to a map before its room writes a snapshot in the background. */
  compactEvery: number;
  /** Largest media upload in bytes; a larger one is refused with 413 before or while it streams. */
  maxUploadBytes: number;
  /** Scale-out: PostgreSQL holds every map (instead of SQLite in dataDir). */
  databaseUrl: string | null;
  /** Scale-out: Redis relays updates and awareness between server processes (needs databaseUrl). */
  redisUrl: string | null;
  /** Sync messages one connection may send per second, sustained (token bucket); 0: no limit. Over it: 4429. */
  maxMessagesPerSecond: number;
  /** Sync messages one connection may send at once above that rate (the bucket's size). */
  messageBurst: number;
  /** Open sync connections per client address; 0: no limit. Over it: 4430. */
  maxConnectionsPerIp: number;
  /** Addresses or CIDR blocks of reverse proxies whose X-Forwarded-For names the client. */
  trustedProxies: string[];
  /** Browser origins allowed besides the server's own (normalised, or '*' for any). */
  allowedOrigins: string[];
  /** Maps one client address may create per hour; 0: no limit. Over it: 429 with Retry-After. */
  mapsPerHourPerIp: number;
  /** A request whose headers have not all arrived after this long is answered 408 and closed. */
  httpHeadersTimeoutMs: number;
  /** A request (body included) not fully received after this long is answered 408 and closed. */
  httpRequestTimeoutMs: number;
  /** An HTTP connection with no byte in either direction for this long is closed (keep-alive idle too). */
  httpIdleTimeoutMs: number;
  /** Open HTTP connections (not yet sync sockets) per peer address; 0: no limit. More are dropped at once. */
  maxHttpConnectionsPerIp: number;
  /** Open HTTP connections (not yet sync sockets) of all addresses; past it new ones are dropped, so file descriptors stay for sync and storage. */
  maxHttpConnections: number;
  /** Webhooks may deliver to private, loopback and link-local addresses (intranet receivers). */
  webhookAllowPrivate: boolean;
  /** Versions kept per map; past it the oldest automatic ones are thinned, then the oldest. */
  maxVersionsPerMap: number;
  /** Bytes of versions kept per map (same thinning). */
  maxVersionBytesPerMap: number;
  /** The origin users open (https://maps.example.com): its host passes the Host check, it passes the Origin check. */
  publicOrigin: string | null;
  /** Host names answered besides IPs, loopback names, this machine's name and PUBLIC_ORIGIN's ('*': any). */
  allowedHosts: string[];
  /** CSP frame-ancestors of the app page: who may embed it. */
  frameAncestors: string;
  /** Presence bounds per connection: client ids, bytes of one state (tests lower them). */
  presenceLimits: PresenceLimits;
  /** Observed-journey events older than this many days are dropped (and refused at import); null keeps them. */
  eventRetentionDays: number | null;
  /** Accounts and sign-in: session length, anonymous map creation, single sign-on. */
  accounts: AccountsConfig;
}

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export const DEFAULT_CONFIG: ServerConfig = {
  port: 5173,
  host: '0.0.0.0',
  dataDir: './data',
  maxFrameBytes: 8 * 1024 * 1024,
  logLevel: 'info',
  distDir: path.join(projectRoot, 'dist'),
  compactEvery: 500,
  maxUploadBytes: 50 * 1024 * 1024,
  databaseUrl: null,
  redisUrl: null,
  maxMessagesPerSecond: 200,
  messageBurst: 500,
  maxConnectionsPerIp: 50,
  trustedProxies: LOOPBACK_PROXIES,
  allowedOrigins: [],
  mapsPerHourPerIp: 60,
  httpHeadersTimeoutMs: 10_000,
  httpRequestTimeoutMs: 120_000,
  httpIdleTimeoutMs: 30_000,
  maxHttpConnectionsPerIp: 100,
  maxHttpConnections: 4096,
  webhookAllowPrivate: false,
  maxVersionsPerMap: 200,
  maxVersionBytesPerMap: 200 * 1024 * 1024,
  publicOrigin: null,
  allowedHosts: [],
  frameAncestors: "'self'",
  presenceLimits: DEFAULT_PRESENCE_LIMITS,
  eventRetentionDays: null,
  accounts: DEFAULT_ACCOUNTS_CONFIG,
};

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid server configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

function integer(
  env: NodeJS.ProcessEnv,
  name: string,
  fallback: number,
  min: number,
  max: number,
  problems: string[],
): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw.trim());
  if (!Number.isInteger(value) || value < min || value > max) {
    problems.push(`${name} must be an integer from ${min} to ${max} (got "${raw}")`);
    return fallback;
  }
  return value;
}

/** A URL with one of `schemes` (e.g. 'redis:'), or null when unset. */
function serviceUrl(env: NodeJS.ProcessEnv, name: string, schemes: string[], problems: string[]): string | null {
  const raw = env[name]?.trim();
  if (!raw) return null;
  let scheme = '';
  try {
    scheme = new URL(raw).protocol;
  } catch {
    // reported below
  }
  if (!schemes.includes(scheme)) {
    problems.push(`${name} must be a ${schemes.map((s) => `${s}//`).join(' or ')} URL`); // never echo it: it may hold a password
    return null;
  }
  return raw;
}

/** Reads PORT, HOST, DATA_DIR, MAX_FRAME_BYTES, LOG_LEVEL, DIST_DIR, COMPACT_EVERY, MAX_UPLOAD_BYTES, DATABASE_URL, REDIS_URL, MAX_MESSAGES_PER_SECOND, MESSAGE_BURST, MAX_CONNECTIONS_PER_IP, TRUSTED_PROXIES, ALLOWED_ORIGINS, PUBLIC_ORIGIN, ALLOWED_HOSTS, FRAME_ANCESTORS, EVENT_RETENTION_DAYS and the hardening limits (MAX_MAPS_PER_HOUR, HTTP_*_TIMEOUT_MS, MAX_HTTP_CONNECTIONS*, WEBHOOK_ALLOW_PRIVATE, MAX_VERSION*); throws ConfigError listing every problem. */
export function configFromEnv(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const problems: string[] = [];
  const port = integer(env, 'PORT', DEFAULT_CONFIG.port, 0, 65535, problems);
  const maxFrameBytes = integer(
    env,
    'MAX_FRAME_BYTES',
    DEFAULT_CONFIG.maxFrameBytes,
    1024,
    1024 * 1024 * 1024,
    problems,
  );
  const compactEvery = integer(env, 'COMPACT_EVERY', DEFAULT_CONFIG.compactEvery, 1, 1_000_000, problems);
  const maxUploadBytes = integer(env, 'MAX_UPLOAD_BYTES', DEFAULT_CONFIG.maxUploadBytes, 1, 2 ** 40, problems);
  const host = env.HOST?.trim() || DEFAULT_CONFIG.host;
  const dataDir = env.DATA_DIR?.trim() || DEFAULT_CONFIG.dataDir;
  const distDir = env.DIST_DIR?.trim() || DEFAULT_CONFIG.distDir;
  const rawLevel = env.LOG_LEVEL?.trim().toLowerCase() || DEFAULT_CONFIG.logLevel;
  let logLevel: LogLevel = DEFAULT_CONFIG.logLevel;
  if ((LOG_LEVELS as readonly string[]).includes(rawLevel)) logLevel = rawLevel as LogLevel;
  else problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')} (got "${env.LOG_LEVEL}")`);
  const databaseUrl = serviceUrl(env, 'DATABASE_URL', ['postgres:', 'postgresql:'], problems);
  const redisUrl = serviceUrl(env, 'REDIS_URL', ['redis:', 'rediss:'], problems);
  const maxMessagesPerSecond = integer(
    env,
    'MAX_MESSAGES_PER_SECOND',
    DEFAULT_CONFIG.maxMessagesPerSecond,
    0,
    1_000_000,
    problems,
  );
  const messageBurst = integer(env, 'MESSAGE_BURST', DEFAULT_CONFIG.messageBurst, 1, 10_000_000, problems);
  const maxConnectionsPerIp = integer(
    env,
    'MAX_CONNECTIONS_PER_IP',
    DEFAULT_CONFIG.maxConnectionsPerIp,
    0,
    1_000_000,
    problems,
  );
  let trustedProxies = DEFAULT_CONFIG.trustedProxies;
  if (env.TRUSTED_PROXIES?.trim()) {
    trustedProxies = env.TRUSTED_PROXIES.split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    for (const entry of trustedProxies)
      if (!isProxyEntry(entry))
        problems.push(`TRUSTED_PROXIES must be a comma-separated list of IP addresses or CIDR blocks (got "${entry}")`);
  }
  const allowedOrigins: string[] = [];
  for (const entry of (env.ALLOWED_ORIGINS ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const origin = entry === '*' ? '*' : normalizeOrigin(entry);
    if (origin) allowedOrigins.push(origin);
    else
      problems.push(
        `ALLOWED_ORIGINS must be a comma-separated list of origins like https://example.com (or *) (got "${entry}")`,
      );
  }
  const mapsPerHourPerIp = integer(env, 'MAX_MAPS_PER_HOUR', DEFAULT_CONFIG.mapsPerHourPerIp, 0, 1_000_000, problems);
  const httpHeadersTimeoutMs = integer(
    env,
    'HTTP_HEADERS_TIMEOUT_MS',
    DEFAULT_CONFIG.httpHeadersTimeoutMs,
    100,
    3_600_000,
    problems,
  );
  const httpRequestTimeoutMs = integer(
    env,
    'HTTP_REQUEST_TIMEOUT_MS',
    DEFAULT_CONFIG.httpRequestTimeoutMs,
    100,
    86_400_000,
    problems,
  );
  const httpIdleTimeoutMs = integer(
    env,
    'HTTP_IDLE_TIMEOUT_MS',
    DEFAULT_CONFIG.httpIdleTimeoutMs,
    100,
    3_600_000,
    problems,
  );
  const maxHttpConnectionsPerIp = integer(
    env,
    'MAX_HTTP_CONNECTIONS_PER_IP',
    DEFAULT_CONFIG.maxHttpConnectionsPerIp,
    0,
    1_000_000,
    problems,
  );
  const maxHttpConnections = integer(
    env,
    'MAX_HTTP_CONNECTIONS',
    DEFAULT_CONFIG.maxHttpConnections,
    1,
    1_000_000,
    problems,
  );
  const maxVersionsPerMap = integer(
    env,
    'MAX_VERSIONS_PER_MAP',
    DEFAULT_CONFIG.maxVersionsPerMap,
    2,
    1_000_000,
    problems,
  );
  const maxVersionBytesPerMap = integer(
    env,
    'MAX_VERSION_BYTES_PER_MAP',
    DEFAULT_CONFIG.maxVersionBytesPerMap,
    1024,
    2 ** 40,
    problems,
  );
  const allowPrivate = env.WEBHOOK_ALLOW_PRIVATE?.trim() ?? '';
  if (!['', '0', '1'].includes(allowPrivate))
    problems.push(`WEBHOOK_ALLOW_PRIVATE must be 0 or 1 (got "${allowPrivate}")`);
  let publicOrigin: string | null = null;
  if (env.PUBLIC_ORIGIN?.trim()) {
    publicOrigin = normalizeOrigin(env.PUBLIC_ORIGIN.trim());
    if (!publicOrigin)
      problems.push(`PUBLIC_ORIGIN must be an origin like https://maps.example.com (got "${env.PUBLIC_ORIGIN}")`);
    else if (!allowedOrigins.includes(publicOrigin)) allowedOrigins.push(publicOrigin);
  }
  const allowedHosts = (env.ALLOWED_HOSTS ?? '')
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
  for (const entry of allowedHosts) {
    if (entry !== '*' && !/^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$/.test(entry))
      problems.push(`ALLOWED_HOSTS must be a comma-separated list of host names (or *) (got "${entry}")`);
  }
  let frameAncestors = DEFAULT_CONFIG.frameAncestors;
  if (env.FRAME_ANCESTORS?.trim()) {
    const parsed = parseFrameAncestors(env.FRAME_ANCESTORS);
    if (parsed) frameAncestors = parsed;
    else
      problems.push(
        `FRAME_ANCESTORS must be CSP sources separated by spaces: 'none', 'self' or origins like https://intranet.example.com (got "${env.FRAME_ANCESTORS}")`,
      );
  }
  const eventRetentionDays = env.EVENT_RETENTION_DAYS?.trim()
    ? integer(env, 'EVENT_RETENTION_DAYS', 0, 1, 100_000, problems)
    : null;
  if (redisUrl && !env.DATABASE_URL?.trim()) {
    problems.push('REDIS_URL needs DATABASE_URL: processes that relay edits must share one PostgreSQL database');
  }
  const accounts = accountsConfigFromEnv(env, problems);
  if (problems.length > 0) throw new ConfigError(problems);
  return {
    port,
    host,
    dataDir: path.resolve(dataDir),
    maxFrameBytes,
    logLevel,
    distDir: path.resolve(distDir),
    compactEvery,
    maxUploadBytes,
    databaseUrl,
    redisUrl,
    maxMessagesPerSecond,
    messageBurst,
    maxConnectionsPerIp,
    trustedProxies,
    allowedOrigins,
    mapsPerHourPerIp,
    httpHeadersTimeoutMs,
    httpRequestTimeoutMs,
    httpIdleTimeoutMs,
    maxHttpConnectionsPerIp,
    maxHttpConnections,
    webhookAllowPrivate: allowPrivate === '1',
    maxVersionsPerMap,
    maxVersionBytesPerMap,
    publicOrigin,
    allowedHosts,
    frameAncestors,
    presenceLimits: DEFAULT_PRESENCE_LIMITS,
    eventRetentionDays,
    accounts,
  };
}
