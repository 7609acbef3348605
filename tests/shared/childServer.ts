// The one harness that runs a server in a child process, for tests and benchmarks, on a loopback
// port. Two entries:
// - `startMainProcess`: the real entry point, server/main.ts, configured by environment (PORT=0);
//   ready when its "percorso listening" log line gives the port. For crash and scale-out tests.
// - `startServerChild`: serverChild.ts over IPC: Percorso (SQLite or in-memory), the reference
//   y-websocket server or a Hocuspocus 3 server (in memory or with its SQLite extension, a file in
//   a temporary directory), which also reports its memory after full GCs and its event loop, and
//   (Percorso) writes maps straight into its store.
// Children run with `node --import tsx`, not the `tsx` binary: the binary runs the script in a
// grandchild, so a SIGKILL sent to it would kill only the wrapper and leave the server running.
// A test calls `killChildren()` after each test (afterEach) so nothing outlives it.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { PercorsoServerOptions } from '../../server/app';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SERVER_CHILD = fileURLToPath(new URL('./serverChild.ts', import.meta.url));

export type ServerChildKind =
  'percorso-sqlite' | 'percorso-memory' | 'reference' | 'hocuspocus-memory' | 'hocuspocus-sqlite';

export interface ServerChildOptions {
  kind: ServerChildKind;
  /** Percorso's settings (default: a temporary DATA_DIR removed at stop, no built app, log level info). */
  server?: Omit<PercorsoServerOptions, 'logStream' | 'store'>;
}

export interface CreatedMap {
  id: string;
  editorKey: string;
  viewerKey: string;
}

export interface ServerMemory {
  heapUsed: number;
  rss: number;
  /** Bytes of ArrayBuffers (Yjs updates waiting in memory are these). */
  arrayBuffers: number;
  rooms: number;
}

/** CPU time and memory of the child, read from /proc (so a saturated server is measured too). */
export interface ProcessUsage {
  /** User + system CPU time since the process started (ms). */
  cpuMs: number;
  /** Resident set size (bytes). */
  rss: number;
}

export interface ChildServer {
  port: number;
  url: string;
  wsUrl: string;
  child: ChildProcess;
  pid: number;
  /** Everything the child printed so far (empty when its output is inherited). */
  output(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  alive(): boolean;
  kill(signal?: NodeJS.Signals): void;
  usage(): ProcessUsage;
}

export interface IpcServerChild extends ChildServer {
  kind: ServerChildKind;
  /** Heap and RSS after full garbage collections (needs `exposeGc`), and the number of loaded rooms. */
  memory(): Promise<ServerMemory>;
  createMaps(count: number): Promise<CreatedMap[]>;
  /** The child's event-loop idle and active time so far (ms); null if it does not answer within `timeoutMs`. */
  eventLoop(timeoutMs?: number): Promise<{ idle: number; active: number } | null>;
  /** Graceful stop (a SIGKILL after `timeoutMs`); resolves with the exit code. */
  stop(timeoutMs?: number): Promise<number | null>;
}

interface SpawnOptions {
  args: string[];
  env?: Record<string, string>;
  /** Print the child's output here (benchmarks) instead of collecting it for output(). */
  inheritOutput?: boolean;
  ipc?: boolean;
}

const children: ChildProcess[] = [];

/** SIGKILLs every child still running (call it after each test). */
export async function killChildren(): Promise<void> {
  await Promise.all(
    children.splice(0).map(async (child) => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
    }),
  );
}

/** Spawns `node --import tsx …args`, then waits until `ready` finds the port in a message or a log line. */
async function spawnChild(
  options: SpawnOptions,
  ready: { fromLine?(line: string): number | null; fromMessage?(message: unknown): number | null },
): Promise<ChildServer> {
  const output = options.inheritOutput ? 'inherit' : 'pipe';
  const child = spawn(process.execPath, options.args, {
    cwd: ROOT,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', output, output, ...(options.ipc ? (['ipc'] as const) : [])],
  });
  children.push(child);
  let out = '';
  child.stdout?.on('data', (chunk: Buffer) => void (out += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => void (out += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server child did not start:\n${out}`)), 30_000);
    const found = (port: number | null | undefined): void => {
      if (!port) return;
      clearTimeout(timer);
      resolve(port);
    };
    if (ready.fromMessage) child.on('message', (message) => found(ready.fromMessage?.(message)));
    // whole lines only: a chunk may end inside one
    if (ready.fromLine)
      child.stdout?.on('data', () =>
        out
          .split('\n')
          .slice(0, -1)
          .forEach((line) => found(ready.fromLine?.(line))),
      );
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`server child exited before it was ready:\n${out}`));
    });
  });
  const url = `http://127.0.0.1:${port}`;
  return {
    port,
    url,
    wsUrl: url.replace(/^http/, 'ws'),
    child,
    pid: child.pid ?? -1,
    output: () => out,
    exited,
    alive: () => child.exitCode === null && child.signalCode === null,
    kill: (signal = 'SIGKILL') => void child.kill(signal),
    usage: () => readUsage(child.pid ?? -1),
  };
}

/**
 * server/main.ts in a child with PORT=0, HOST=127.0.0.1, LOG_LEVEL=info and this DATA_DIR (env may
 * override); `bundle`: run this bundle of it (scripts/buildServer.mjs, what `npm start` runs) instead.
 */
export function startMainProcess(options: {
  dataDir: string;
  env?: Record<string, string>;
  bundle?: string;
}): Promise<ChildServer> {
  return spawnChild(
    {
      args: options.bundle ? [options.bundle] : ['--import', 'tsx', 'server/main.ts'],
      env: { PORT: '0', HOST: '127.0.0.1', DATA_DIR: options.dataDir, LOG_LEVEL: 'info', ...options.env },
    },
    {
      fromLine: (line) => (line.includes('percorso listening') ? (JSON.parse(line) as { port: number }).port : null),
    },
  );
}

export interface ServerChildSpawn extends ServerChildOptions {
  /** Run with --expose-gc (for memory()). */
  exposeGc?: boolean;
  /** More node flags before the script (a CPU profile, a preloaded module). */
  nodeArgs?: string[];
  env?: Record<string, string>;
  inheritOutput?: boolean;
  /**
   * Run this bundle of serverChild.ts (plain JavaScript, see scripts/buildServer.mjs) instead of the
   * TypeScript through tsx: the benchmarks measure every server as production runs it, without
   * tsx's loader thread (about 30 MiB of RSS) in any of them.
   */
  bundle?: string;
}

/** serverChild.ts in a child with an IPC channel. */
export async function startServerChild(options: ServerChildSpawn): Promise<IpcServerChild> {
  const { exposeGc, nodeArgs = [], env, inheritOutput, bundle, ...childOptions } = options;
  const base = await spawnChild(
    {
      args: [
        ...(exposeGc ? ['--expose-gc'] : []),
        ...(bundle ? [] : ['--import', 'tsx']),
        ...nodeArgs,
        bundle ?? SERVER_CHILD,
        JSON.stringify(childOptions),
      ],
      ...(env ? { env } : {}),
      ...(inheritOutput ? { inheritOutput } : {}),
      ipc: true,
    },
    {
      fromMessage: (message) => {
        const m = message as { type?: string; port?: number };
        return m.type === 'ready' ? (m.port ?? null) : null;
      },
    },
  );
  const { child } = base;
  let nextId = 1;
  const waiting = new Map<number, (answer: unknown) => void>();
  child.on('message', (message: { id?: number }) => {
    if (message.id === undefined) return;
    waiting.get(message.id)?.(message);
    waiting.delete(message.id);
  });
  const ask = <T>(message: Record<string, unknown>, timeoutMs = 120_000): Promise<T> => {
    const id = nextId++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        waiting.delete(id);
        reject(new Error(`no answer to ${String(message.type)} in ${timeoutMs} ms`));
      }, timeoutMs);
      waiting.set(id, (answer) => {
        clearTimeout(timer);
        resolve(answer as T);
      });
      child.send({ ...message, id });
    });
  };
  return {
    ...base,
    kind: options.kind,
    memory: async () => (await ask<{ memory: ServerMemory }>({ type: 'memory' })).memory,
    createMaps: async (count) => (await ask<{ maps: CreatedMap[] }>({ type: 'createMaps', count })).maps,
    eventLoop: (timeoutMs = 10_000) =>
      ask<{ eventLoop: { idle: number; active: number } }>({ type: 'eventLoop' }, timeoutMs).then(
        (answer) => answer.eventLoop,
        () => null,
      ),
    stop: async (timeoutMs = 20_000) => {
      if (!base.alive()) return (await base.exited).code;
      child.send({ type: 'stop', id: nextId++ });
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      const { code } = await base.exited;
      clearTimeout(timer);
      return code;
    },
  };
}

let clockTicks = 0;

function readUsage(pid: number): ProcessUsage {
  if (clockTicks === 0) {
    try {
      clockTicks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      clockTicks = 100;
    }
  }
  try {
    // /proc/PID/stat: the command may hold spaces, so count fields after its closing parenthesis
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15)
    const rssKb = Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
    return { cpuMs: (ticks * 1000) / clockTicks, rss: rssKb * 1024 };
  } catch {
    return { cpuMs: 0, rss: 0 }; // the process is gone
  }
}
