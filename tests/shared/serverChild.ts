// A sync server in a child process, started by childServer.ts for the reliability tests and the
// benchmarks: Percorso (SQLite or in-memory store), the reference y-websocket 2 server
// (`bin/utils.cjs` setupWSConnection on a `ws` server, persistence off) or a Hocuspocus 3 server
// (hocuspocusChild.ts: in memory or with its SQLite extension). Run as
// `node [--expose-gc] --import tsx serverChild.ts '<ServerChildOptions JSON>'` with an IPC channel.
// Percorso logs to stdout. Messages (every request carries an id, echoed in its answer):
//   → { type: 'ready', port }                                      once listening
//   ← memory     → { memory: { heapUsed, rss, rooms } }            after full GCs (needs --expose-gc)
//   ← createMaps { count } → { maps: [{ id, editorKey, viewerKey }] } written straight into the store
//   ← eventLoop  → { eventLoop: { idle, active } }                  the event loop's figures so far
//   ← stop       → { stopped: true }, then the process exits 0
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { WebSocketServer, type WebSocket } from 'ws';
import type { PercorsoServerOptions } from '../../server/app';
import type { CreatedMap, ServerChildOptions, ServerMemory } from './childServer';

type Request = { id: number } & (
  { type: 'memory' } | { type: 'createMaps'; count: number } | { type: 'eventLoop' } | { type: 'stop' }
);

export interface Started {
  port: number;
  /** Rooms (documents) loaded now (0 for the reference, which does not say). */
  rooms(): number;
  createMaps(count: number): Promise<CreatedMap[]>;
  close(): Promise<void>;
}

const options = JSON.parse(process.argv[2] ?? '{}') as ServerChildOptions;
const send = (message: unknown): void => void process.send?.(message);

async function startPercorso(): Promise<Started> {
  // imported here, not at the top: the reference server must load only its own (CommonJS) copy of yjs
  const { createPercorsoServer } = await import('../../server/app');
  const { MemoryStore } = await import('../../server/storage/memory/store');
  const { hashKey, newKeys, randomToken } = await import('../../server/auth/keys');
  const { seedDocument } = await import('../../server/sync/seed');
  const ownDataDir = options.server?.dataDir ? null : fs.mkdtempSync(path.join(os.tmpdir(), 'percorso-child-server-'));
  const server = await createPercorsoServer({
    port: 0,
    host: '127.0.0.1',
    logLevel: 'info',
    ...(ownDataDir ? { dataDir: ownDataDir, distDir: path.join(ownDataDir, 'no-dist') } : {}),
    ...(options.server as Omit<PercorsoServerOptions, 'logStream' | 'store'>),
    ...(options.kind === 'percorso-memory' ? { store: new MemoryStore() } : {}),
    logStream: process.stdout,
  });
  return {
    port: server.port,
    rooms: () => server.rooms.size,
    async createMaps(count) {
      const seed = seedDocument('Memory map');
      const maps: CreatedMap[] = [];
      for (let i = 0; i < count; i++) {
        const keys = newKeys();
        const id = randomToken();
        await server.store.docs.createMap({
          id,
          title: 'Memory map',
          editorKeyHash: hashKey(keys.editorKey),
          viewerKeyHash: hashKey(keys.viewerKey),
          createdAt: new Date().toISOString(),
          snapshot: seed,
        });
        maps.push({ id, ...keys });
      }
      return maps;
    },
    close: async () => {
      await server.close();
      if (ownDataDir) fs.rmSync(ownDataDir, { recursive: true, force: true });
    },
  };
}

async function startReference(): Promise<Started> {
  const require = createRequire(import.meta.url);
  delete process.env.YPERSISTENCE; // in-memory documents, as the reference server runs by default
  const utils = require('y-websocket-reference/bin/utils') as {
    setupWSConnection(conn: WebSocket, req: http.IncomingMessage): void;
  };
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end('y-websocket reference server');
  });
  const wss = new WebSocketServer({ server });
  wss.on('connection', (conn, req) => utils.setupWSConnection(conn, req));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    rooms: () => 0,
    createMaps: () => Promise.reject(new Error('the reference server has no store')),
    close: async () => {
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function fullGc(): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with --expose-gc');
  for (let i = 0; i < 4; i++) {
    gc();
    await new Promise((resolve) => setImmediate(resolve));
  }
}

async function start(): Promise<Started> {
  if (options.kind === 'reference') return startReference();
  if (options.kind === 'hocuspocus-memory' || options.kind === 'hocuspocus-sqlite') {
    // imported here: only this kind loads Hocuspocus (and its native sqlite3)
    const { startHocuspocus } = await import('./hocuspocusChild');
    return startHocuspocus(options.kind === 'hocuspocus-sqlite');
  }
  return startPercorso();
}

const started = await start();

process.on('message', (message: Request) => {
  void (async () => {
    const { id } = message;
    if (message.type === 'memory') {
      await fullGc();
      const { heapUsed, rss, arrayBuffers } = process.memoryUsage();
      const memory: ServerMemory = { heapUsed, rss, arrayBuffers, rooms: started.rooms() };
      send({ id, memory });
    } else if (message.type === 'createMaps') {
      send({ id, maps: await started.createMaps(message.count) });
    } else if (message.type === 'eventLoop') {
      const { idle, active } = performance.eventLoopUtilization();
      send({ id, eventLoop: { idle, active } });
    } else if (message.type === 'stop') {
      await started.close().finally(() => {
        send({ id, stopped: true });
        process.disconnect?.();
        process.exit(0);
      });
    }
  })();
});
send({ type: 'ready', port: started.port });
