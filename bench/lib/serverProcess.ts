// Starts a sync server (serverChild.ts) in a child process on a loopback port, so its CPU is its
// own and the clients of a benchmark never share its event loop. BENCH_CPU_PROF=1 writes a V8 CPU
// profile of each server to bench/results/profiles/ (open it in Chromium's DevTools).
// BENCH_SERVER_IMPORT=FILE preloads FILE into each server (after tsx): a way to measure a candidate
// fix (a patched prototype, say) against the same benchmark without editing the server.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { BENCH_DIR, RESULTS_DIR, ROOT } from './report';

export type ServerKind = 'percorso-sqlite' | 'percorso-memory' | 'reference';

export const SERVER_LABELS: Record<ServerKind, string> = {
  'percorso-sqlite': 'Percorso (SQLite)',
  'percorso-memory': 'Percorso (in-memory store)',
  reference: 'y-websocket 2 reference',
};

/** CPU time and memory of the server process, read from /proc (so a saturated server is measured too). */
export interface ServerUsage {
  /** User + system CPU time since the process started (ms). */
  cpuMs: number;
  /** Resident set size (bytes). */
  rss: number;
}

/** Event-loop idle and active time since the server started (ms), as the server reports it over IPC. */
export interface EventLoopSample {
  idle: number;
  active: number;
}

let clockTicks = 0;

function readUsage(pid: number): ServerUsage {
  if (clockTicks === 0) {
    try {
      clockTicks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      clockTicks = 100;
    }
  }
  // /proc/PID/stat: the command may hold spaces, so count fields after its closing parenthesis
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15)
  const rssKb = Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
  return { cpuMs: (ticks * 1000) / clockTicks, rss: rssKb * 1024 };
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

function nextMessage<T>(child: ChildProcess, type: string, timeoutMs: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.off('message', onMessage);
      reject(new Error(`server child sent no '${type}' in ${timeoutMs} ms`));
    }, timeoutMs);
    const onMessage = (message: { type: string } & Record<string, unknown>) => {
      if (message.type !== type) return;
      clearTimeout(timer);
      child.off('message', onMessage);
      resolve(message as T);
    };
    child.on('message', onMessage);
  });
}

export async function startServer(kind: ServerKind, options: { distDir?: string } = {}): Promise<ServerHandle> {
  const profile = process.env.BENCH_CPU_PROF === '1' ? ['--cpu-prof', `--cpu-prof-dir=${path.join(RESULTS_DIR, 'profiles')}`] : [];
  const preload = process.env.BENCH_SERVER_IMPORT ? ['--import', path.resolve(process.env.BENCH_SERVER_IMPORT)] : [];
  const child = spawn(process.execPath, [...profile, '--import', 'tsx', ...preload, path.join(BENCH_DIR, 'lib', 'serverChild.ts'), JSON.stringify({ kind, ...options })], {
    cwd: ROOT,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env: { ...process.env, NODE_ENV: 'production' },
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const ready = await Promise.race([
    nextMessage<{ port: number }>(child, 'ready', 30_000),
    exited.then(() => {
      throw new Error(`${kind} server exited before it was ready`);
    }),
  ]);
  const url = `http://127.0.0.1:${ready.port}`;
  let queue: Promise<unknown> = Promise.resolve();
  return {
    kind,
    port: ready.port,
    url,
    syncUrl: `ws://127.0.0.1:${ready.port}/sync`,
    pid: child.pid ?? -1,
    usage: () => readUsage(child.pid ?? -1),
    eventLoop(timeoutMs = 10_000) {
      // one question at a time, so answers match questions
      const answer = queue.then(() => {
        const reply = nextMessage<{ eventLoop: EventLoopSample }>(child, 'eventLoop', timeoutMs);
        child.send({ type: 'eventLoop' });
        return reply;
      });
      queue = answer.catch(() => undefined);
      return answer.then(
        (reply) => reply.eventLoop,
        () => null,
      );
    },
    async createMap(title) {
      if (kind === 'reference') return { id: `bench-${process.pid}-${++mapCounter}`, key: '' };
      const res = await fetch(`${url}/api/maps`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ title }) });
      if (res.status !== 201) throw new Error(`POST /api/maps: ${res.status} ${await res.text()}`);
      const map = (await res.json()) as { id: string; editorKey: string };
      return { id: map.id, key: map.editorKey };
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.send({ type: 'stop' });
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
