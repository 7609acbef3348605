// Starts serverChild.ts (a Percorso server in its own process, with --expose-gc and IPC) and talks
// to it: memory after full GCs, maps written straight into its store, a graceful stop. Killed after
// each test if still running.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach } from 'vitest';
import type { PercorsoServerOptions } from '../../../server/app';
import type { CreatedMap } from '../../server/helpers/testServer';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const running: ChildProcess[] = [];

afterEach(async () => {
  for (const child of running.splice(0)) {
    if (child.exitCode !== null || child.signalCode !== null) continue;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }
});

export interface ServerMemory {
  heapUsed: number;
  rss: number;
  /** Bytes of ArrayBuffers (Yjs updates waiting in memory are these). */
  arrayBuffers: number;
  rooms: number;
}

export interface ChildServer {
  url: string;
  wsUrl: string;
  child: ChildProcess;
  /** Everything the server logged so far. */
  output(): string;
  /** Heap and RSS after full garbage collections, and the number of loaded rooms. */
  memory(): Promise<ServerMemory>;
  /** RSS now, read without a GC (a sample during load). */
  rssNow(): number;
  createMaps(count: number): Promise<CreatedMap[]>;
  /** Graceful stop; resolves with the exit code. */
  stop(): Promise<number | null>;
  /** Whether the process is still running. */
  alive(): boolean;
}

export async function startChildServer(options: Omit<PercorsoServerOptions, 'logStream' | 'store'>): Promise<ChildServer> {
  const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', 'tests/reliability/helpers/serverChild.ts', JSON.stringify(options)], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  running.push(child);
  let out = '';
  child.stdout?.on('data', (chunk: Buffer) => void (out += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => void (out += chunk.toString()));
  let nextId = 1;
  const waiting = new Map<number, (message: unknown) => void>();
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server child did not start:\n${out}`)), 30_000);
    child.on('message', (message: { type: string; id?: number; port?: number }) => {
      if (message.type === 'ready' && message.port) {
        clearTimeout(timer);
        resolve(message.port);
      } else if (message.id !== undefined) {
        waiting.get(message.id)?.(message);
        waiting.delete(message.id);
      }
    });
    child.once('exit', () => {
      clearTimeout(timer);
      reject(new Error(`server child exited:\n${out}`));
    });
  });
  const ask = <T>(message: Record<string, unknown>): Promise<T> => {
    const id = nextId++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no answer to ${String(message.type)}`)), 120_000);
      waiting.set(id, (answer) => {
        clearTimeout(timer);
        resolve(answer as T);
      });
      child.send({ ...message, id });
    });
  };
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    wsUrl: url.replace(/^http/, 'ws'),
    child,
    output: () => out,
    memory: async () => (await ask<{ memory: ServerMemory }>({ type: 'memory' })).memory,
    rssNow: () => {
      try {
        return Number(/VmRSS:\s+(\d+)/.exec(readStatus(child.pid ?? 0))?.[1] ?? 0) * 1024;
      } catch {
        return 0;
      }
    },
    createMaps: async (count) => (await ask<{ maps: CreatedMap[] }>({ type: 'createMaps', count })).maps,
    stop: async () => {
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      child.send({ type: 'stop' });
      return exited;
    },
    alive: () => child.exitCode === null && child.signalCode === null,
  };
}

function readStatus(pid: number): string {
  return fs.readFileSync(`/proc/${pid}/status`, 'utf8');
}
