// Starts a sync server in a child process (tests/shared/childServer.ts) on a loopback port, so its CPU is its
// own and the clients of a benchmark never share its event loop. BENCH_CPU_PROF=1 writes a V8 CPU
// profile of each server to bench/results/profiles/ (open it in Chromium's DevTools).
// BENCH_SERVER_IMPORT=FILE preloads FILE into each server: a way to measure a candidate fix (a
// patched prototype, say) against the same benchmark without editing the server. Every server runs
// from one JavaScript bundle of serverChild.ts (dist-bench/), as `npm start` runs Percorso: no tsx.
import path from 'node:path';
import { bundleNode } from '../../scripts/buildServer.mjs';
import { startServerChild, type ProcessUsage, type ServerChildKind } from '../../tests/shared/childServer';
import type { ClientProtocol, SyncTarget } from './clients';
import { RESULTS_DIR } from './report';

export type ServerKind = ServerChildKind;

export const SERVER_LABELS: Record<ServerKind, string> = {
  'percorso-sqlite': 'Percorso (SQLite)',
  'percorso-memory': 'Percorso (in-memory store)',
  reference: 'y-websocket 2 reference',
  'hocuspocus-memory': 'Hocuspocus 3 (in memory)',
  'hocuspocus-sqlite': 'Hocuspocus 3 (SQLite)',
};

/** Every kind, in the order the benchmarks interleave them. */
export const ALL_KINDS: ServerKind[] = [
  'percorso-sqlite',
  'percorso-memory',
  'reference',
  'hocuspocus-memory',
  'hocuspocus-sqlite',
];

/** What the clients of a kind speak. */
export function protocolOf(kind: ServerKind): ClientProtocol {
  return kind.startsWith('hocuspocus') ? 'hocuspocus' : 'y-websocket';
}

/**
 * The kinds a benchmark measures: `BENCH_KINDS` (comma-separated, e.g. `percorso-sqlite,reference`),
 * else `legacy` (an older variable a benchmark still honours), else its defaults.
 */
export function kindsFromEnv(defaults: ServerKind[], legacy?: string): ServerKind[] {
  const asked = (process.env.BENCH_KINDS ?? legacy)
    ?.split(',')
    .map((k) => k.trim())
    .filter(Boolean);
  if (!asked?.length) return defaults;
  const unknown = asked.filter((k) => !ALL_KINDS.includes(k as ServerKind));
  if (unknown.length) throw new Error(`unknown server kind(s) ${unknown.join(', ')}; known: ${ALL_KINDS.join(', ')}`);
  return asked as ServerKind[];
}

/** CPU time and memory of the server process, read from /proc (so a saturated server is measured too). */
export type ServerUsage = ProcessUsage;

/** Event-loop idle and active time since the server started (ms), as the server reports it over IPC. */
export interface EventLoopSample {
  idle: number;
  active: number;
}

/** Share of the time between two samples that the server's event loop was busy (0..1), or null. */
export function eventLoopBusy(before: EventLoopSample | null, after: EventLoopSample | null): number | null {
  if (!before || !after) return null;
  const active = after.active - before.active;
  const idle = after.idle - before.idle;
  return active + idle > 0 ? active / (active + idle) : 0;
}

/** Server CPU time (user + system, ms) between two `usage()` readings. */
export function cpuMsBetween(before: ServerUsage, after: ServerUsage): number {
  return after.cpuMs - before.cpuMs;
}

export interface MapAccess {
  id: string;
  /** The editor key (Percorso); empty for the peers, which have no keys. */
  key: string;
}

export interface ServerHandle extends SyncTarget {
  kind: ServerKind;
  port: number;
  url: string;
  /** Base for y-websocket clients (`${wsBase}/sync`, the map id appended), the server's URL for Hocuspocus. */
  syncUrl: string;
  pid: number;
  usage(): ServerUsage;
  /** The server's own event-loop figures; null if it does not answer within `timeoutMs` (it is saturated). */
  eventLoop(timeoutMs?: number): Promise<EventLoopSample | null>;
  createMap(title: string): Promise<MapAccess>;
  stop(): Promise<void>;
}

let mapCounter = 0;

export async function startServer(kind: ServerKind, options: { distDir?: string } = {}): Promise<ServerHandle> {
  const profile =
    process.env.BENCH_CPU_PROF === '1' ? ['--cpu-prof', `--cpu-prof-dir=${path.join(RESULTS_DIR, 'profiles')}`] : [];
  const preload = process.env.BENCH_SERVER_IMPORT ? ['--import', path.resolve(process.env.BENCH_SERVER_IMPORT)] : [];
  const child = await startServerChild({
    kind,
    bundle: await bundleNode('tests/shared/serverChild.ts', 'dist-bench', 'serverChild', [
      'server',
      'src',
      'tests/shared',
    ]),
    server: { logLevel: 'warn', ...(options.distDir ? { distDir: options.distDir } : {}) },
    nodeArgs: [...profile, ...preload, ...(process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? [])],
    env: { NODE_ENV: 'production' },
    inheritOutput: true,
  });
  let queue: Promise<unknown> = Promise.resolve();
  return {
    kind,
    port: child.port,
    url: child.url,
    syncUrl: protocolOf(kind) === 'hocuspocus' ? child.wsUrl : `${child.wsUrl}/sync`,
    protocol: protocolOf(kind),
    pid: child.pid,
    usage: () => child.usage(),
    eventLoop(timeoutMs = 10_000) {
      // one question at a time (a saturated server answers late, and the next must not wait behind it)
      const answer = queue.then(() => child.eventLoop(timeoutMs));
      queue = answer.catch(() => undefined);
      return answer;
    },
    async createMap(title) {
      // the peers have no map API: a client names its document, which exists from then on
      if (!kind.startsWith('percorso')) return { id: `bench-${process.pid}-${++mapCounter}`, key: '' };
      const res = await fetch(`${child.url}/api/maps`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ title }),
      });
      if (res.status !== 201) throw new Error(`POST /api/maps: ${res.status} ${await res.text()}`);
      const map = (await res.json()) as { id: string; editorKey: string };
      return { id: map.id, key: map.editorKey };
    },
    async stop() {
      await child.stop(20_000);
    },
  };
}
