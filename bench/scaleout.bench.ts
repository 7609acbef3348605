// Scale-out latency: how long an edit takes from one stock y-websocket client to another when both
// are on one server process, and when they are on two processes relayed through Redis (both on one
// PostgreSQL), with the embedded SQLite server as the reference. Real redis-server and PostgreSQL
// (started on free loopback ports, as in the tests; `node scripts/ensure-services.mjs` installs
// them), servers as child processes. Edits are sent one at a time (the next once the previous
// arrived; the three cases take turns), so the figures are latency, not queueing. Prints a table and writes
// bench/results/scaleout.json. Run: npx tsx bench/scaleout.bench.ts
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { startPostgres, startRedis } from '../tests/server/helpers/services';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const EDITS = Number(process.env.BENCH_EDITS ?? 100);
const WARMUP = 20;

interface Server {
  url: string;
  child: ChildProcess;
}

async function spawnServer(env: Record<string, string>): Promise<Server> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'percorso-bench-'));
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  // LOG_LEVEL=warn hides the "listening" line: ask the OS which port the child bound instead
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.once('exit', () => reject(new Error(`server exited:\n${out}`)));
    const started = Date.now();
    const poll = setInterval(() => {
      const found = listeningPort(child.pid ?? -1);
      if (found) {
        clearInterval(poll);
        resolve(found);
      } else if (Date.now() - started > 60_000) {
        clearInterval(poll);
        reject(new Error('server did not start'));
      }
    }, 100);
  });
  return { url: `http://127.0.0.1:${port}`, child };
}

/** The TCP port a process listens on, from /proc (Linux). */
function listeningPort(pid: number): number | null {
  let inodes: Set<string>;
  try {
    inodes = new Set(
      fs.readdirSync(`/proc/${pid}/fd`).flatMap((fd) => {
        const link = fs.readlinkSync(`/proc/${pid}/fd/${fd}`);
        const m = /^socket:\[(\d+)\]$/.exec(link);
        return m?.[1] ? [m[1]] : [];
      }),
    );
  } catch {
    return null;
  }
  for (const line of fs.readFileSync('/proc/net/tcp', 'utf8').split('\n').slice(1)) {
    const cols = line.trim().split(/\s+/);
    if (cols[3] === '0A' && cols[9] && inodes.has(cols[9])) return parseInt(cols[1]!.split(':')[1]!, 16);
  }
  return null;
}

async function createMap(url: string): Promise<{ id: string; editorKey: string }> {
  const res = await fetch(`${url}/api/maps`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ title: 'Bench' }),
  });
  return (await res.json()) as { id: string; editorKey: string };
}

function connect(url: string, mapId: string, key: string): Promise<WebsocketProvider> {
  const provider = new WebsocketProvider(`${url.replace(/^http/, 'ws')}/sync`, mapId, new Y.Doc(), {
    params: { key },
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
  return new Promise((resolve) => provider.once('sync', () => resolve(provider)));
}

function stats(values: number[]): { p50: number; p90: number; p99: number; mean: number } {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
  const r = (n: number) => Math.round(n * 100) / 100;
  return {
    p50: r(at(0.5)),
    p90: r(at(0.9)),
    p99: r(at(0.99)),
    mean: r(values.reduce((s, v) => s + v, 0) / values.length),
  };
}

interface Pair {
  writer: WebsocketProvider;
  reader: WebsocketProvider;
  ms: number[];
  pending: { key: string; at: number; done: () => void } | null;
}

/** Writer on `writerUrl`, reader on `readerUrl`, on a new map; the reader records each edit's latency. */
async function pair(writerUrl: string, readerUrl: string): Promise<Pair> {
  const map = await createMap(writerUrl);
  const p: Pair = {
    writer: await connect(writerUrl, map.id, map.editorKey),
    reader: await connect(readerUrl, map.id, map.editorKey),
    ms: [],
    pending: null,
  };
  p.reader.doc.getMap('meta').observe((event) => {
    if (p.pending && event.keysChanged.has(p.pending.key)) {
      p.ms.push(performance.now() - p.pending.at);
      p.pending.done();
    }
  });
  return p;
}

/** One edit, resolved when the reader has it. */
function edit(p: Pair, i: number): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('edit lost')), 10_000);
    p.pending = { key: `k${i}`, at: performance.now(), done: () => (clearTimeout(timer), resolve()) };
    p.writer.doc.getMap('meta').set(`k${i}`, i);
  });
}

async function main(): Promise<void> {
  const [postgres, redis] = await Promise.all([startPostgres(), startRedis()]);
  const servers: Server[] = [];
  try {
    const databaseUrl = await postgres.createDatabase('bench');
    const scaled = { DATABASE_URL: databaseUrl, REDIS_URL: redis.url };
    const [embedded, a, b] = await Promise.all([spawnServer({}), spawnServer(scaled), spawnServer(scaled)]).catch(
      (err: unknown) => {
        console.error(`postgres log:\n${postgres.log()}`);
        throw err;
      },
    );
    servers.push(embedded, a, b);
    await new Promise((r) => setTimeout(r, 500)); // relays connected

    const cases = [
      { name: 'embedded (SQLite), one process', pair: await pair(embedded.url, embedded.url) },
      { name: 'PostgreSQL + Redis, both clients on one process', pair: await pair(a.url, a.url) },
      { name: 'PostgreSQL + Redis, clients on two processes', pair: await pair(a.url, b.url) },
    ];
    // the cases take turns, one edit each, so a slow moment of the machine hits them alike
    for (let i = 0; i < WARMUP + EDITS; i++) {
      for (const c of cases) {
        await edit(c.pair, i);
        await new Promise((r) => setTimeout(r, 5));
      }
    }
    const results = cases.map((c) => {
      c.pair.writer.destroy();
      c.pair.reader.destroy();
      const ms = c.pair.ms.slice(WARMUP);
      return { case: c.name, edits: ms.length, latencyMs: stats(ms) };
    });
    console.log(`edit latency, client to client, ${EDITS} edits each (one at a time):`);
    for (const r of results) {
      console.log(
        `  ${r.case.padEnd(50)} p50 ${r.latencyMs.p50} ms   p90 ${r.latencyMs.p90} ms   p99 ${r.latencyMs.p99} ms`,
      );
    }
    const out = {
      bench: 'scaleout',
      date: new Date().toISOString(),
      node: process.version,
      platform: `${os.platform()} ${os.arch()}, ${os.cpus().length} CPUs`,
      note: 'loopback; PostgreSQL with fsync on (synchronous_commit on), Redis pub/sub; each server a child process',
      results,
    };
    fs.mkdirSync(path.join(ROOT, 'bench/results'), { recursive: true });
    fs.writeFileSync(path.join(ROOT, 'bench/results/scaleout.json'), `${JSON.stringify(out, null, 2)}\n`);
  } finally {
    // the servers stop (and compact) before the engines they write to
    await Promise.all(
      servers.map(
        (s) => new Promise<void>((resolve) => (s.child.once('exit', () => resolve()), s.child.kill('SIGTERM'))),
      ),
    );
    await Promise.all([postgres.stop(), redis.stop()]);
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
