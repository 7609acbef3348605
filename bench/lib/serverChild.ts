// A sync server in its own process, for the benchmarks: Percorso (SQLite or in-memory store) or the
// reference y-websocket 2 server (`bin/utils.cjs` setupWSConnection on a `ws` server, persistence
// off). Started by serverProcess.ts with an IPC channel: it sends { type: 'ready', port }, answers
// { type: 'eventLoop' } with its event-loop figures (its CPU time and RSS are read from /proc) and
// closes on { type: 'stop' }.
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { WebSocketServer, type WebSocket } from 'ws';
import type { EventLoopSample, ServerKind } from './serverProcess';

interface Options {
  kind: ServerKind;
  distDir?: string;
}

const options = JSON.parse(process.argv[2] ?? '{}') as Options;
const send = (message: unknown) => process.send?.(message);

async function startPercorso(): Promise<{ port: number; close(): Promise<void> }> {
  // imported here, not at the top: the reference server must load only its own (CommonJS) copy of yjs
  const { createPercorsoServer } = await import('../../server/app');
  const { MemoryStore } = await import('../../server/storage/memory/store');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'percorso-bench-server-'));
  const server = await createPercorsoServer({
    port: 0,
    host: '127.0.0.1',
    dataDir,
    logLevel: 'warn',
    distDir: options.distDir ?? path.join(dataDir, 'no-dist'),
    ...(options.kind === 'percorso-memory' ? { store: new MemoryStore() } : {}),
  });
  return {
    port: server.port,
    close: async () => {
      await server.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function startReference(): Promise<{ port: number; close(): Promise<void> }> {
  const require = createRequire(import.meta.url);
  delete process.env.YPERSISTENCE; // in-memory documents, as the reference server runs by default
  const utils = require('y-websocket-reference/bin/utils') as { setupWSConnection(conn: WebSocket, req: http.IncomingMessage): void };
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end('y-websocket reference server');
  });
  const wss = new WebSocketServer({ server });
  wss.on('connection', (conn, req) => utils.setupWSConnection(conn, req));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: async () => {
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

const started = options.kind === 'reference' ? await startReference() : await startPercorso();
process.on('message', (message: { type: string }) => {
  if (message.type === 'eventLoop') {
    const { idle, active } = performance.eventLoopUtilization();
    const eventLoop: EventLoopSample = { idle, active };
    send({ type: 'eventLoop', eventLoop });
  } else if (message.type === 'stop') {
    void started.close().finally(() => {
      send({ type: 'stopped' });
      process.disconnect?.();
      process.exit(0);
    });
  }
});
send({ type: 'ready', port: started.port });
