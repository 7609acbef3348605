// Issue 17, finding 3: idle and slow HTTP connections. Against a server process: a body sent a byte
// at a time, headers sent a byte at a time and a silent connection are cut off by the request,
// header and idle timeouts; thousands of sockets holding partial headers from one address are held
// only up to the per-address cap, and from many addresses up to the global cap, while health,
// map creation and an open sync client keep working.
import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { setJourneyMeta } from '../../src/model';
import { connectSynced, sleep, waitFor } from '../server/helpers/testServer';
import { startServerChild, type IpcServerChild } from '../shared/childServer';
import { size } from './helpers/size';

/** A raw TCP connection from `localAddress`; resolves once connected (or closed at once by the server). */
function rawSocket(
  port: number,
  localAddress = '127.0.0.1',
): Promise<{ socket: net.Socket; closed: () => boolean; closedAt: () => number; received: () => string }> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: '127.0.0.1', localAddress });
    let closed = false;
    let closedAt = 0;
    let received = '';
    socket.on('data', (chunk) => void (received += chunk.toString()));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      closed = true;
      closedAt = Date.now();
    });
    const done = () => resolve({ socket, closed: () => closed, closedAt: () => closedAt, received: () => received });
    socket.once('connect', done);
    socket.once('close', done);
  });
}

async function health(server: IpcServerChild, localAddress: string): Promise<number> {
  const { socket, received, closed } = await rawSocket(Number(new URL(server.url).port), localAddress);
  socket.write('GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n');
  await waitFor(() => closed(), 5000, 'health answer').catch(() => undefined);
  socket.destroy();
  return Number(/^HTTP\/1\.1 (\d+)/.exec(received())?.[1] ?? 0);
}

describe('HTTP timeouts', () => {
  it('closes a slow body, slow headers and a silent connection', async () => {
    const server = await startServerChild({
      kind: 'percorso-sqlite',
      server: { httpHeadersTimeoutMs: 1500, httpRequestTimeoutMs: 2500, httpIdleTimeoutMs: 2000 },
    });
    const port = Number(new URL(server.url).port);
    const start = Date.now();
    const body = await rawSocket(port);
    body.socket.write(
      'POST /api/maps HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n',
    );
    const headers = await rawSocket(port);
    headers.socket.write('GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n');
    const silent = await rawSocket(port);
    // a byte every 300 ms: never idle, never finished
    const drip = setInterval(() => {
      if (!body.closed()) body.socket.write(' ');
      if (!headers.closed()) headers.socket.write('X');
    }, 300);
    try {
      await waitFor(() => body.closed() && headers.closed() && silent.closed(), 8000, 'slow connections closed');
    } finally {
      clearInterval(drip);
    }
    const held = {
      body: body.closedAt() - start,
      headers: headers.closedAt() - start,
      silent: silent.closedAt() - start,
    };
    console.log(
      `[connections] slow body closed after ${held.body} ms, slow headers ${held.headers} ms, silent ${held.silent} ms`,
    );
    expect(held.body).toBeLessThan(4500);
    expect(held.headers).toBeLessThan(3500);
    expect(held.silent).toBeLessThan(4000);
    expect(body.received()).toMatch(/^HTTP\/1\.1 408/);
    expect(server.alive()).toBe(true);
  });

  it('a sync socket idle for longer than the HTTP idle timeout stays open', async () => {
    const server = await startServerChild({ kind: 'percorso-sqlite', server: { httpIdleTimeoutMs: 500 } });
    const [map] = await server.createMaps(1);
    if (!map) throw new Error('no map');
    const client = await connectSynced(server.wsUrl, map.id, map.editorKey);
    await sleep(1500);
    expect(client.closes).toEqual([]);
    setJourneyMeta(client.doc, { title: 'Still here' });
    await waitFor(() => client.provider.wsconnected, 1000, 'connected');
  });
});

describe('a flood of half-open connections', () => {
  it('holds at most the per-address and global caps; health and sync keep working', async () => {
    const perIp = 64;
    const total = 512;
    // loopback is an ordinary client here (not a trusted proxy), so the per-address cap applies to it
    const server = await startServerChild({
      kind: 'percorso-sqlite',
      server: {
        maxHttpConnectionsPerIp: perIp,
        maxHttpConnections: total,
        trustedProxies: ['192.0.2.1'],
        maxConnectionsPerIp: 0,
      },
    });
    const port = Number(new URL(server.url).port);
    const [map] = await server.createMaps(1);
    if (!map) throw new Error('no map');
    const writer = await connectSynced(server.wsUrl, map.id, map.editorKey);
    const reader = await connectSynced(server.wsUrl, map.id, map.viewerKey);
    const rssBefore = server.usage().rss;

    const flood = size(3000, 3000);
    const sockets: Awaited<ReturnType<typeof rawSocket>>[] = [];
    for (let i = 0; i < flood; i += 100) {
      const batch = await Promise.all(Array.from({ length: Math.min(100, flood - i) }, () => rawSocket(port)));
      for (const s of batch) s.socket.write('GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Partial: ');
      sockets.push(...batch);
    }
    await sleep(500);
    const held = sockets.filter((s) => !s.closed()).length;
    console.log(
      `[connections] one address opened ${flood} half-open connections: ${held} held (cap ${perIp}); RSS ${(rssBefore / 2 ** 20).toFixed(0)} → ${(server.usage().rss / 2 ** 20).toFixed(0)} MiB`,
    );
    expect(held).toBeLessThanOrEqual(perIp);

    // everyone else is served: health and map creation from other addresses, the open sync clients
    expect(await health(server, '127.0.0.2')).toBe(200);
    setJourneyMeta(writer.doc, { title: 'During the flood' });
    await waitFor(
      () => reader.doc.getMap('meta').get('title') === 'During the flood',
      5000,
      'edit relayed during the flood',
    );
    // a new sync client from another address (the flooding one is at its cap until its sockets time out)
    const late = await connectSynced(server.wsUrl, map.id, map.viewerKey, '127.0.0.3');
    expect(late.doc.getMap('meta').get('title')).toBe('During the flood');

    // many addresses: at most the global cap is held, and the open sync clients keep working
    const spread: Awaited<ReturnType<typeof rawSocket>>[] = [];
    for (let a = 10; a < 30; a++) {
      const batch = await Promise.all(Array.from({ length: perIp }, () => rawSocket(port, `127.0.0.${a}`)));
      for (const s of batch) s.socket.write('GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Partial: ');
      spread.push(...batch);
    }
    await sleep(500);
    const heldAll = [...sockets, ...spread].filter((s) => !s.closed()).length;
    console.log(`[connections] 20 more addresses × ${perIp}: ${heldAll} held in all (cap ${total})`);
    expect(heldAll).toBeLessThanOrEqual(total);
    setJourneyMeta(writer.doc, { title: 'Under the global cap' });
    await waitFor(
      () => reader.doc.getMap('meta').get('title') === 'Under the global cap',
      5000,
      'edit relayed at the global cap',
    );
    expect(writer.closes).toEqual([]);

    for (const s of [...sockets, ...spread]) s.socket.destroy();
    await waitFor(() => true);
    await sleep(300);
    expect(await health(server, '127.0.0.1')).toBe(200);
    expect(server.output()).toContain('HTTP connection refused');
    expect(server.alive()).toBe(true);
  });
});
