// Starts a sync server in a child process (tests/shared/childServer.ts) on a loopback port, so its CPU is its
// own and the clients of a benchmark never share its event loop. BENCH_CPU_PROF=1 writes a V8 CPU
// profile of each server to bench/results/profiles/ (open it in Chromium's DevTools).
// BENCH_SERVER_IMPORT=FILE preloads FILE into each server (after tsx): a way to measure a candidate
// fix (a patched prototype, say) against the same benchmark without editing the server.
import path from 'node:path';
import { startServerChild, type ProcessUsage, type ServerChildKind } from '../../tests/shared/childServer';
import { RESULTS_DIR } from './report';

export type ServerKind = ServerChildKind;

export const SERVER_LABELS: Record<ServerKind, string> = {
  'percorso-sqlite': 'Percorso (SQLite)',
  'percorso-memory': 'Percorso (in-memory store)',
  reference: 'y-websocket 2 reference',
};

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
  /** The editor key (Percorso); empty for the reference server, which has no keys. */
  key: string;
}

export interface ServerHandle {
  kind: ServerKind;
  port: number;
  url: string;
  /** Base for y-websocket clients: `${wsBase}/sync` + map id. */
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
    server: { logLevel: 'warn', ...(options.distDir ? { distDir: options.distDir } : {}) },
    nodeArgs: [...profile, ...preload],
    env: { NODE_ENV: 'production' },
    inheritOutput: true,
  });
  let queue: Promise<unknown> = Promise.resolve();
  return {
    kind,
    port: child.port,
    url: child.url,
    syncUrl: `${child.wsUrl}/sync`,
    pid: child.pid,
    usage: () => child.usage(),
    eventLoop(timeoutMs = 10_000) {
      // one question at a time (a saturated server answers late, and the next must not wait behind it)
      const answer = queue.then(() => child.eventLoop(timeoutMs));
      queue = answer.catch(() => undefined);
      return answer;
    },
    async createMap(title) {
      if (kind === 'reference') return { id: `bench-${process.pid}-${++mapCounter}`, key: '' };
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
