// The server's limits (server/sync/limits.ts): message rate per connection (4429), frames before the
// map is loaded (4429), connections per client address (4430). Each breach closes that socket only,
// logs a warning without the key, and leaves the other clients of the map alone; the stock client's
// habit of echoing every awareness change it receives is not counted against it.
import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { ConfigError, configFromEnv } from '../../server/config';
import { MemoryStore } from '../../server/storage/memory/store';
import type { StoredDocument } from '../../server/storage/store';
import {
  BYTES_BEFORE_READY,
  FRAMES_BEFORE_READY,
  LOOPBACK_PROXIES,
  TokenBucket,
  clientAddress,
  trustedProxies,
} from '../../server/sync/limits';
import { connectSynced, createMap, sleep, startTestServer, waitFor } from '../server/helpers/testServer';
import { EMPTY_STEP1, QUERY_AWARENESS, awarenessFrame, syncFrame } from './helpers/wire';

interface Socket {
  ws: WebSocket;
  opened: Promise<void>;
  closed: Promise<{ code: number; reason: string }>;
  isClosed(): boolean;
}

const sockets: WebSocket[] = [];

function socket(url: string, headers: Record<string, string> = {}): Socket {
  const ws = new WebSocket(url, { headers });
  sockets.push(ws);
  ws.on('error', () => undefined);
  let done = false;
  const opened = new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('unexpected-response', (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
  });
  opened.catch(() => undefined);
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.once('close', (code, reason) => {
      done = true;
      resolve({ code, reason: reason.toString() });
    }),
  );
  return { ws, opened, closed, isClosed: () => done };
}

describe('limits: message rate', () => {
  it('closes a socket over the rate with 4429, logs it without the key, and leaves the others alone', async () => {
    const t = await startTestServer({ maxMessagesPerSecond: 50, messageBurst: 100 });
    const map = await createMap(t.url);
    const bystander = await connectSynced(t.wsUrl, map.id, map.editorKey);
    const flood = socket(`${t.wsUrl}/sync/${map.id}?key=${map.viewerKey}`);
    await flood.opened;
    for (let clock = 1; clock <= 400; clock++)
      flood.ws.send(awarenessFrame([{ clientId: 777, clock, state: { n: clock } }]));
    expect(await flood.closed).toEqual({ code: 4429, reason: 'too many messages' });

    bystander.doc.getMap('meta').set('goal', 'after the flood');
    const other = await connectSynced(t.wsUrl, map.id, map.viewerKey);
    await waitFor(() => other.doc.getMap('meta').get('goal') === 'after the flood', 5000, 'edit after the flood');
    expect(bystander.closes).toEqual([]);
    expect(t.logText()).toMatch(/"code":4429.*sync limit exceeded/);
    for (const key of [map.editorKey, map.viewerKey]) expect(t.logText()).not.toContain(key);
  });

  it('lets a client stay at a sustained rate under the limit past its burst', async () => {
    const t = await startTestServer({ maxMessagesPerSecond: 50, messageBurst: 20 });
    const map = await createMap(t.url);
    const steady = socket(`${t.wsUrl}/sync/${map.id}?key=${map.editorKey}`);
    await steady.opened;
    for (let i = 0; i < 90; i++) {
      steady.ws.send(QUERY_AWARENESS); // 30 a second for 3 s: 90 messages, far past the burst of 20
      await sleep(33);
    }
    await sleep(100);
    expect(steady.isClosed()).toBe(false);
  });

  it('does not count the stock client echoing the awareness changes it receives', async () => {
    // 3 talkers at 15 changes/s each (under 20/s); the stock client receives 45/s and sends each back
    const t = await startTestServer({ maxMessagesPerSecond: 20, messageBurst: 20 });
    const map = await createMap(t.url);
    const listener = await connectSynced(t.wsUrl, map.id, map.viewerKey);
    const talkers = [1, 2, 3].map(() => socket(`${t.wsUrl}/sync/${map.id}?key=${map.viewerKey}`));
    await Promise.all(talkers.map((s) => s.opened));
    let echoed = 0;
    listener.provider.awareness.on('update', () => echoed++);
    for (let clock = 1; clock <= 45; clock++) {
      talkers.forEach((s, i) =>
        s.ws.send(awarenessFrame([{ clientId: 5000 + i, clock, state: { pointer: { x: clock, y: i } } }])),
      );
      await sleep(66);
    }
    await sleep(200);
    expect(echoed).toBeGreaterThan(100);
    expect(listener.closes).toEqual([]);
    expect(talkers.filter((s) => s.isClosed())).toEqual([]);
    expect(listener.provider.wsconnected).toBe(true);
  });
});

/** A store whose loads wait for `release()`: frames sent meanwhile queue in the session. */
class SlowStore extends MemoryStore {
  private gate: Promise<void> = new Promise(() => undefined);
  release: () => void = () => undefined;

  hold(): void {
    this.gate = new Promise((resolve) => (this.release = resolve));
  }

  constructor() {
    super();
    const load = this.docs.loadDocument.bind(this.docs);
    this.docs.loadDocument = async (mapId: string): Promise<StoredDocument | null> => {
      await this.gate;
      return load(mapId);
    };
  }
}

describe('limits: before the map is loaded', () => {
  it(`closes a socket with 4429 past ${FRAMES_BEFORE_READY} frames or ${BYTES_BEFORE_READY / 1024} KiB before ready; a normal client waits and is served`, async () => {
    const store = new SlowStore();
    const t = await startTestServer({ store });
    const map = await createMap(t.url);
    store.hold();
    const url = `${t.wsUrl}/sync/${map.id}?key=${map.editorKey}`;
    const polite = socket(url);
    const chatty = socket(url);
    const big = socket(url);
    await Promise.all([polite.opened, chatty.opened, big.opened]);
    polite.ws.send(EMPTY_STEP1);
    polite.ws.send(awarenessFrame([{ clientId: 42, clock: 1, state: { user: { name: 'polite' } } }]));
    for (let i = 0; i <= FRAMES_BEFORE_READY; i++) chatty.ws.send(QUERY_AWARENESS);
    big.ws.send(syncFrame(2, new Uint8Array(BYTES_BEFORE_READY + 1)));
    expect(await chatty.closed).toEqual({ code: 4429, reason: 'too many messages before ready' });
    expect(await big.closed).toEqual({ code: 4429, reason: 'too many messages before ready' });

    const received: Uint8Array[] = [];
    polite.ws.on('message', (data: Buffer) => received.push(new Uint8Array(data)));
    store.release();
    await waitFor(() => received.some((m) => m[0] === 0 && m[1] === 1), 5000, 'step 2 for the polite client');
    expect(polite.isClosed()).toBe(false);
    expect(t.logText()).toMatch(/too many frames before the map loaded/);
  });
});

describe('limits: connections per client address', () => {
  it('refuses the connection over MAX_CONNECTIONS_PER_IP with 4430, counted per forwarded address behind a local proxy', async () => {
    const t = await startTestServer({ maxConnectionsPerIp: 3 });
    const map = await createMap(t.url);
    const url = `${t.wsUrl}/sync/${map.id}?key=${map.viewerKey}`;
    const from = (address: string): Socket => socket(url, { 'x-forwarded-for': `198.51.100.200, ${address}` });

    const first = [from('203.0.113.7'), from('203.0.113.7'), from('203.0.113.7')];
    await Promise.all(first.map((s) => s.opened));
    const fourth = from('203.0.113.7');
    expect(await fourth.closed).toEqual({ code: 4430, reason: 'too many connections' });
    const elsewhere = from('203.0.113.8');
    await elsewhere.opened;

    // one leaves: there is room again
    first[0]?.ws.close();
    await first[0]?.closed;
    await sleep(100); // the server releases the slot when its side of the socket closes
    const again = from('203.0.113.7');
    await again.opened;
    await sleep(200);
    expect(again.isClosed()).toBe(false);
    expect(first.slice(1).every((s) => !s.isClosed())).toBe(true);

    // local peers without a forwarded address (tools, benchmarks) are not limited
    const local = Array.from({ length: 8 }, () => socket(url));
    await Promise.all(local.map((s) => s.opened));
    await sleep(200);
    expect(local.filter((s) => s.isClosed())).toEqual([]);
    expect(t.logText()).toMatch(/too many sync connections from one address/);
    for (const key of [map.editorKey, map.viewerKey]) expect(t.logText()).not.toContain(key);
    for (const ws of sockets.splice(0)) ws.terminate();
  });

  it('reads the client address from the peer, and from X-Forwarded-For only behind a trusted proxy', () => {
    const req = (remoteAddress: string, xff?: string): IncomingMessage =>
      ({
        socket: { remoteAddress },
        headers: xff === undefined ? {} : { 'x-forwarded-for': xff },
      }) as unknown as IncomingMessage;
    const local = trustedProxies(LOOPBACK_PROXIES);
    expect(clientAddress(req('198.51.100.2', '203.0.113.1'), local)).toBe('198.51.100.2'); // a remote peer cannot pick its address
    expect(clientAddress(req('127.0.0.1', '10.0.0.1, 203.0.113.9'), local)).toBe('203.0.113.9'); // the address the local proxy appended
    expect(clientAddress(req('::ffff:127.0.0.1', '2001:db8::1'), local)).toBe('2001:db8::1');
    expect(clientAddress(req('::1'), local)).toBeNull(); // a local tool: not limited
    expect(clientAddress(req('127.0.0.1', 'not-an-address'), local)).toBeNull();
    // a load balancer on another host, named in TRUSTED_PROXIES
    const lb = trustedProxies(['10.0.0.0/8', '2001:db8::7']);
    expect(clientAddress(req('10.1.2.3', '203.0.113.4'), lb)).toBe('203.0.113.4');
    expect(clientAddress(req('2001:db8::7', '203.0.113.5'), lb)).toBe('203.0.113.5');
    expect(clientAddress(req('127.0.0.1', '203.0.113.6'), lb)).toBe('127.0.0.1'); // loopback is no longer a proxy
  });
});

describe('limits: token bucket and configuration', () => {
  it('refills at the rate up to the burst', () => {
    let now = 0;
    const bucket = new TokenBucket(10, 5, () => now);
    expect(Array.from({ length: 6 }, () => bucket.take())).toEqual([true, true, true, true, true, false]);
    now += 100; // one token
    expect([bucket.take(), bucket.take()]).toEqual([true, false]);
    now += 10_000; // never more than the burst
    expect(Array.from({ length: 6 }, () => bucket.take()).filter(Boolean)).toHaveLength(5);
    expect(new TokenBucket(0, 1, () => now).take()).toBe(true); // 0: no limit
  });

  it('reads MAX_MESSAGES_PER_SECOND, MESSAGE_BURST, MAX_CONNECTIONS_PER_IP, TRUSTED_PROXIES and ALLOWED_ORIGINS', () => {
    expect(configFromEnv({})).toMatchObject({
      maxMessagesPerSecond: 200,
      messageBurst: 500,
      maxConnectionsPerIp: 50,
      trustedProxies: LOOPBACK_PROXIES,
      allowedOrigins: [],
    });
    expect(configFromEnv({ TRUSTED_PROXIES: '10.0.0.0/8, 192.0.2.1' }).trustedProxies).toEqual([
      '10.0.0.0/8',
      '192.0.2.1',
    ]);
    expect(
      configFromEnv({
        MAX_MESSAGES_PER_SECOND: '0',
        MESSAGE_BURST: '50',
        MAX_CONNECTIONS_PER_IP: '0',
        ALLOWED_ORIGINS: 'https://app.example.com, http://localhost:5173/',
      }),
    ).toMatchObject({
      maxMessagesPerSecond: 0,
      messageBurst: 50,
      maxConnectionsPerIp: 0,
      allowedOrigins: ['https://app.example.com', 'http://localhost:5173'],
    });
    expect(configFromEnv({ ALLOWED_ORIGINS: '*' }).allowedOrigins).toEqual(['*']);
    let error: unknown;
    try {
      configFromEnv({
        MAX_MESSAGES_PER_SECOND: '-1',
        MESSAGE_BURST: '0',
        MAX_CONNECTIONS_PER_IP: 'many',
        ALLOWED_ORIGINS: 'app.example.com,https://x.example/path',
        TRUSTED_PROXIES: '10.0.0.0/33',
      });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toHaveLength(6);
  });
});
