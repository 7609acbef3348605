// Real redis-server and PostgreSQL for the scale-out tests: each started on a free loopback port
// with its own temporary data directory, and stopped (directory removed) by `stop()`. PostgreSQL
// refuses to run as root, so as root its commands run as the `postgres` user (runuser).
// `node scripts/ensure-services.mjs` installs both (npm test runs it first).
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
// @ts-expect-error -- a plain .mjs script without types; both functions return string | null
import { postgresBinDir, redisServerPath } from '../../../scripts/ensure-services.mjs';

const findPgBin = postgresBinDir as () => string | null;
const findRedis = redisServerPath as () => string | null;

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function until(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const start = Date.now();
  while (!(await check())) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await sleep(25);
  }
}

/** Whether something accepts TCP connections on 127.0.0.1:port. */
function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

export interface RedisService {
  url: string;
  port: number;
  /** Stops the server (SIGKILL: as if it crashed); `start()` brings it back on the same port. */
  kill(): Promise<void>;
  /** Freezes the server (SIGSTOP): connections stay open but nothing is answered; `resume()` thaws it. */
  pause(): void;
  resume(): void;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export async function startRedis(): Promise<RedisService> {
  const binary = findRedis();
  if (!binary) throw new Error('redis-server is missing: run `node scripts/ensure-services.mjs` (as root) first');
  const port = await freePort();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'percorso-redis-'));
  let child: ChildProcess | null = null;
  let exited: Promise<void> = Promise.resolve();

  const start = async (): Promise<void> => {
    const proc = spawn(
      binary,
      [
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--save',
        '',
        '--appendonly',
        'no',
        '--dir',
        dir,
        '--logfile',
        '',
      ],
      { stdio: 'ignore' },
    );
    child = proc;
    exited = new Promise((resolve) => proc.once('exit', () => resolve()));
    await until(() => listening(port), 10_000, 'redis-server');
  };
  const kill = async (): Promise<void> => {
    if (child && child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await exited;
    }
    child = null;
  };
  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    kill,
    start,
    pause: () => void child?.kill('SIGSTOP'),
    resume: () => void child?.kill('SIGCONT'),
    async stop() {
      child?.kill('SIGCONT');
      await kill();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface PostgresService {
  port: number;
  /** A URL of the maintenance database `postgres`. */
  adminUrl: string;
  /** Creates an empty database and returns its URL. */
  createDatabase(prefix?: string): Promise<string>;
  /** Stops the server, cutting every connection; `start()` brings it back on the same port and data. */
  kill(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** The server's log so far (for a failing test's message). */
  log(): string;
}

/** Runs a PostgreSQL binary, as the `postgres` user when we are root. */
function pgCommand(binDir: string, name: string, args: string[]): [string, string[]] {
  const binary = path.join(binDir, name);
  if (process.getuid?.() === 0) return ['runuser', ['-u', 'postgres', '--', binary, ...args]];
  return [binary, args];
}

let databaseCounter = 0;

export async function startPostgres(): Promise<PostgresService> {
  const binDir = findPgBin();
  if (!binDir) throw new Error('PostgreSQL is missing: run `node scripts/ensure-services.mjs` (as root) first');
  const port = await freePort();
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'percorso-pg-'));
  const dataDir = path.join(root, 'data');
  if (process.getuid?.() === 0) execFileSync('chown', ['postgres:', root]);
  const run = (name: string, args: string[]): void => {
    const [command, argv] = pgCommand(binDir, name, args);
    execFileSync(command, argv, { stdio: 'pipe', cwd: root });
  };
  run('initdb', ['-D', dataDir, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8', '--locale=C']);
  // The server's socket goes to its own directory; only TCP on loopback is used. fsync stays on:
  // commits are as durable as in production (the latency figures include it).
  const options = `-p ${port} -k ${root} -c listen_addresses=127.0.0.1 -c max_connections=200 -c shared_buffers=32MB`;
  const start = async (): Promise<void> => {
    run('pg_ctl', ['start', '-w', '-t', '30', '-D', dataDir, '-l', path.join(root, 'log'), '-o', options]);
    await until(() => listening(port), 10_000, 'postgres');
  };
  // fast: every connection is cut at once, as in a crash, but the restart needs no crash recovery
  const kill = async (): Promise<void> => {
    try {
      run('pg_ctl', ['stop', '-D', dataDir, '-m', 'fast', '-w', '-t', '20']);
    } catch {
      // already stopped
    }
  };
  await start();
  const adminUrl = `postgres://postgres@127.0.0.1:${port}/postgres`;
  return {
    port,
    adminUrl,
    async createDatabase(prefix = 'percorso') {
      const name = `${prefix}_${process.pid}_${++databaseCounter}`;
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${name}`);
      } finally {
        await client.end();
      }
      return `postgres://postgres@127.0.0.1:${port}/${name}`;
    },
    kill,
    start,
    log: () => {
      try {
        return fs.readFileSync(path.join(root, 'log'), 'utf8');
      } catch {
        return '';
      }
    },
    async stop() {
      await kill();
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}

export interface Balancer {
  url: string;
  wsUrl: string;
  /** Connections made to each backend so far, by index. */
  counts: number[];
  /** While held, new connections are dropped at once (clients keep retrying). */
  hold(on: boolean): void;
  close(): Promise<void>;
}

/**
 * A tiny TCP load balancer (no sticky sessions): each new connection goes to the next backend in
 * turn; one that refuses (a dead process) is skipped. What nginx does in front of a real deployment.
 */
export async function startBalancer(backends: number[]): Promise<Balancer> {
  let next = 0;
  let holding = false;
  const counts = backends.map(() => 0);
  const sockets = new Set<net.Socket>();
  const track = (socket: net.Socket): void => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
  };
  const server = net.createServer((client) => {
    track(client);
    if (holding) {
      client.destroy();
      return;
    }
    client.pause();
    const start = next++;
    const attempt = (tries: number): void => {
      if (tries >= backends.length || client.destroyed) {
        client.destroy();
        return;
      }
      const index = (start + tries) % backends.length;
      const upstream = net.connect(backends[index]!, '127.0.0.1');
      track(upstream);
      let connected = false;
      upstream.once('error', () => {
        if (!connected) attempt(tries + 1);
      });
      upstream.once('connect', () => {
        connected = true;
        counts[index]!++;
        upstream.on('error', () => client.destroy());
        client.on('error', () => upstream.destroy());
        upstream.on('close', () => client.destroy());
        client.on('close', () => upstream.destroy());
        client.pipe(upstream);
        upstream.pipe(client);
        client.resume();
      });
    };
    attempt(0);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${port}`,
    counts,
    hold(on) {
      holding = on;
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
