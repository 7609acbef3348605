// One factory for server tests: in-process servers on port 0 with a temp DATA_DIR, real y-websocket
// clients and raw ws sockets (servers in child processes: ../../shared/childServer.ts). Everything started here is
// torn down after each test.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { createPercorsoServer, type PercorsoServer, type PercorsoServerOptions } from '../../../server/app';
import { killChildren, type CreatedMap } from '../../shared/childServer';

const cleanups: (() => Promise<void> | void)[] = [];
const tempDirs: string[] = [];

afterEach(async () => {
  const pending = cleanups.splice(0).reverse();
  for (const fn of pending) await fn();
  await killChildren(); // servers in child processes (../../shared/childServer.ts)
});
afterAll(() => {
  for (const dir of tempDirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

export function tempDir(prefix = 'percorso-test-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
}

/**
 * SQL that adds an update row (map_id, bytes) to the SQLite log behind the server's back, the way a
 * row of an older version or a restored backup is there: under a seq above every stored one.
 */
export const INSERT_BEHIND_THE_SERVERS_BACK =
  'INSERT INTO updates (map_id, seq, bytes) VALUES (?, (SELECT COALESCE(MAX(seq), 0) + 1000 FROM update_log), ?)';

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls `check` until it returns true (or throws after `timeoutMs`). */
export async function waitFor(check: () => boolean, timeoutMs = 5000, what = 'condition'): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

export interface TestServer {
  server: PercorsoServer;
  url: string;
  wsUrl: string;
  dataDir: string;
  /** Every log line written so far. */
  logs: string[];
  logText(): string;
  close(): Promise<void>;
}

/**
 * A server on a loopback port. It is closed after the current test, unless `lifetime` is 'file'
 * (started in beforeAll: then the caller closes it in afterAll).
 */
export async function startTestServer(
  options: Omit<PercorsoServerOptions, 'logStream'> = {},
  lifetime: 'test' | 'file' = 'test',
): Promise<TestServer> {
  const logs: string[] = [];
  const dataDir = options.dataDir ?? tempDir();
  const server = await createPercorsoServer({
    port: 0,
    host: '127.0.0.1',
    logLevel: 'info',
    distDir: path.join(dataDir, 'no-dist'),
    ...options,
    dataDir,
    logStream: { write: (line) => void logs.push(line) },
  });
  let closed = false;
  const close = async (): Promise<void> => {
    if (closed) return;
    closed = true;
    await server.close();
  };
  if (lifetime === 'test') cleanups.push(close);
  return {
    server,
    url: server.url,
    wsUrl: server.url.replace(/^http/, 'ws'),
    dataDir,
    logs,
    logText: () => logs.join(''),
    close,
  };
}

export type { CreatedMap } from '../../shared/childServer';

export async function createMap(baseUrl: string, title = 'Buy a bike'): Promise<CreatedMap> {
  const res = await fetch(`${baseUrl}/api/maps`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ title }),
  });
  if (res.status !== 201) throw new Error(`create failed: ${res.status} ${await res.text()}`);
  return (await res.json()) as CreatedMap;
}

export interface SyncClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** Close codes the provider saw, in order. */
  closes: number[];
  synced(): Promise<void>;
  destroy(): void;
}

/** A real y-websocket client in Node (no BroadcastChannel, so clients in one process only meet via the server). */
export function connectClient(
  wsBase: string,
  mapId: string,
  key: string | null,
  doc = new Y.Doc(),
  localAddress?: string,
): SyncClient {
  const provider = new WebsocketProvider(`${wsBase}/sync`, mapId, doc, {
    params: key === null ? {} : { key },
    WebSocketPolyfill: (localAddress === undefined
      ? WebSocket
      : webSocketFrom(localAddress)) as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    maxBackoffTime: 200,
  });
  const closes: number[] = [];
  provider.on('connection-close', (event) => {
    if (event) closes.push(event.code);
  });
  let destroyed = false;
  const destroy = (): void => {
    if (destroyed) return;
    destroyed = true;
    provider.destroy();
  };
  cleanups.push(destroy);
  return {
    doc,
    provider,
    closes,
    synced: () =>
      provider.synced
        ? Promise.resolve()
        : new Promise<void>((resolve, reject) => {
            const timer = setTimeout(() => reject(new Error('client did not sync')), 10_000);
            const onSync = (state: boolean): void => {
              if (!state) return;
              clearTimeout(timer);
              provider.off('sync', onSync);
              resolve();
            };
            provider.on('sync', onSync);
          }),
    destroy,
  };
}

/** A `ws` WebSocket whose connections leave from this local address (e.g. 127.0.0.3: another client). */
function webSocketFrom(localAddress: string): unknown {
  return class extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols, { localAddress });
    }
  };
}

export async function connectSynced(
  wsBase: string,
  mapId: string,
  key: string,
  localAddress?: string,
): Promise<SyncClient> {
  const client = connectClient(wsBase, mapId, key, undefined, localAddress);
  await client.synced();
  return client;
}

export interface RawSocket {
  ws: WebSocket;
  messages: Uint8Array[];
  opened: Promise<void>;
  closed: Promise<{ code: number; reason: string }>;
}

/** A plain `ws` client that records what it receives. */
export function rawSocket(url: string): RawSocket {
  const ws = new WebSocket(url);
  const messages: Uint8Array[] = [];
  ws.on('message', (data: Buffer) => void messages.push(new Uint8Array(data)));
  ws.on('error', () => undefined);
  const opened = new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('unexpected-response', (req, res) => {
      reject(new Error(`upgrade refused: ${res.statusCode}`));
      req.destroy();
    });
    ws.once('error', reject);
  });
  opened.catch(() => undefined);
  const closed = new Promise<{ code: number; reason: string }>((resolve) => {
    ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() }));
  });
  cleanups.push(() => {
    if (ws.readyState !== WebSocket.CLOSED) ws.terminate();
  });
  return { ws, messages, opened, closed };
}
