// Starts a sync server (serverChild.ts) in a child process on a loopback port, so its CPU is its
// own and the clients of a benchmark never share its event loop. BENCH_CPU_PROF=1 writes a V8 CPU
// profile of each server to bench/results/profiles/ (open it in Chromium's DevTools).
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { BENCH_DIR, RESULTS_DIR, ROOT } from './report';

export type ServerKind = 'percorso-sqlite' | 'percorso-memory' | 'reference';

export const SERVER_LABELS: Record<ServerKind, string> = {
  'percorso-sqlite': 'Percorso (SQLite)',
  'percorso-memory': 'Percorso (in-memory store)',
  reference: 'y-websocket 2 reference',
};

export interface ServerUsage {
  cpu: NodeJS.CpuUsage;
  rss: number;
  heapUsed: number;
  /** Event-loop idle and active time since the start (ms); see `eventLoopBusy`. */
  eventLoop: { idle: number; active: number };
}

/** Share of the time between two `usage()` answers that the server's event loop was busy (0..1). */
export function eventLoopBusy(before: ServerUsage, after: ServerUsage): number {
  const active = after.eventLoop.active - before.eventLoop.active;
  const idle = after.eventLoop.idle - before.eventLoop.idle;
  return active + idle > 0 ? active / (active + idle) : 0;
}

/** Server CPU time (user + system, ms) between two `usage()` answers. */
export function cpuMsBetween(before: ServerUsage, after: ServerUsage): number {
  return (after.cpu.user + after.cpu.system - before.cpu.user - before.cpu.system) / 1000;
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
  usage(): Promise<ServerUsage>;
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
  const child = spawn(process.execPath, [...profile, '--import', 'tsx', path.join(BENCH_DIR, 'lib', 'serverChild.ts'), JSON.stringify({ kind, ...options })], {
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
    usage() {
      // one question at a time, so answers match questions
      const answer = queue.then(() => {
        const reply = nextMessage<{ usage: ServerUsage }>(child, 'usage', 30_000);
        child.send({ type: 'usage' });
        return reply;
      });
      queue = answer.catch(() => undefined);
      return answer.then((reply) => reply.usage);
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
