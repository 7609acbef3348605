// Hostile presence against a server process: a viewer's awareness state built to inject CSS (a name
// with line breaks, a colour that closes a rule, selectors as node ids) reaches the others checked
// and reduced; a connection announcing 100,000 client ids, or a 7 MiB state, is closed with 4413 and
// leaves the server's memory where it was. Bystanders keep working throughout.
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { connectSynced, rawSocket, sleep, tempDir, waitFor, type RawSocket } from '../server/helpers/testServer';
import { startServerChild, type IpcServerChild } from '../shared/childServer';
import { mib, report, size } from './helpers/size';
import { EMPTY_STEP1, awarenessFrame, isStep2 } from './helpers/wire';

/** A raw socket whose map is loaded (its step 1 was answered). */
async function openSocket(server: IpcServerChild, mapId: string, key: string): Promise<RawSocket> {
  const socket = rawSocket(`${server.wsUrl}/sync/${mapId}?key=${key}`);
  await socket.opened;
  socket.ws.send(EMPTY_STEP1);
  await waitFor(() => socket.messages.some(isStep2), 10_000, 'step 2');
  socket.ws.removeAllListeners('message'); // what it receives from now on is not kept
  socket.messages.length = 0;
  return socket;
}

/** The state the observer holds for `clientId`. */
function stateOf(
  observer: { provider: { awareness: { getStates(): Map<number, unknown> } } },
  clientId: number,
): Record<string, unknown> | undefined {
  return observer.provider.awareness.getStates().get(clientId) as Record<string, unknown> | undefined;
}

function closeOf(socket: RawSocket, timeoutMs = 20_000): Promise<{ code: number; reason: string }> {
  return Promise.race([socket.closed, sleep(timeoutMs).then(() => ({ code: 0, reason: 'still open' }))]);
}

describe('hostile presence', () => {
  it("reduces a viewer's CSS-injecting presence to plain values before anyone sees it", async () => {
    const server = await startServerChild({
      kind: 'percorso-sqlite',
      exposeGc: true,
      server: { dataDir: tempDir(), logLevel: 'warn' },
    });
    const [map] = await server.createMaps(1);
    if (!map) throw new Error('no map');
    const observer = await connectSynced(server.wsUrl, map.id, map.editorKey);
    const viewer = await openSocket(server, map.id, map.viewerKey);
    const hostile = {
      user: {
        name: 'E\nx\t}body{display:none}\r\f\u202e',
        color: 'red}body{display:none}',
        id: 'x'.repeat(500),
        extra: '<img>',
      },
      selection: ['ok-node', 'a"]{}*{display:none}', 42, 'x'.repeat(65)],
      pointer: { x: '1e3', y: 2 },
      viewport: { x: 1, y: 2, zoom: 1 },
      drag: { 'ok-node': [1, 2], 'bad id': [3, 4], other: [1, 'x'] },
      cursor: { anchor: { type: { client: -1, clock: 0 } }, head: {} },
      renaming: '"]{}*{display:none}',
      opaque: { kept: true },
    };
    viewer.ws.send(
      awarenessFrame([
        {
          clientId: 31_337,
          clock: 1,
          state: JSON.parse(JSON.stringify(hostile).replace('"drag":{', '"drag":{"__proto__":[1,2],')),
        },
      ]),
    );
    viewer.ws.send(awarenessFrame([{ clientId: 31_338, clock: 1, state: 'not an object' }]));
    viewer.ws.send(awarenessFrame([{ clientId: 31_339, clock: 1, state: [1, 2, 3] }]));
    viewer.ws.send(
      awarenessFrame([{ clientId: 31_340, clock: 1, state: { user: { name: 'R' }, renaming: 'ok-node' } }]),
    );
    await waitFor(() => stateOf(observer, 31_337) !== undefined, 10_000, 'the hostile state relayed');
    await waitFor(() => stateOf(observer, 31_340) !== undefined, 10_000, 'the renaming state relayed');
    expect(stateOf(observer, 31_340)).toEqual({ user: { name: 'R' }, renaming: 'ok-node' });
    const seen = stateOf(observer, 31_337);
    const { drag, ...rest } = seen ?? {};
    expect(rest).toEqual({
      user: { name: 'E x }body{display:none}' },
      selection: ['ok-node'],
      viewport: { x: 1, y: 2, zoom: 1 },
      opaque: { kept: true },
    });
    expect(JSON.stringify(drag)).toBe('{"__proto__":[1,2],"ok-node":[1,2]}'); // an id, not a prototype
    expect(JSON.stringify(seen)).not.toMatch(/[\n\r\f\t\u202e]/);
    // states that are not objects are dropped, not relayed
    await sleep(200);
    expect(observer.provider.awareness.getStates().has(31_338)).toBe(false);
    expect(observer.provider.awareness.getStates().has(31_339)).toBe(false);
    expect(viewer.ws.readyState).toBe(WebSocket.OPEN); // sanitised, not refused: a client with an odd field keeps working
    expect(await server.stop()).toBe(0);
  });

  it('closes a connection that announces 100,000 client ids or a 7 MiB state with 4413; memory stays bounded', async () => {
    const ids = size(100_000, 100_000);
    const server = await startServerChild({
      kind: 'percorso-sqlite',
      exposeGc: true,
      server: { dataDir: tempDir(), logLevel: 'warn' },
    });
    const [map] = await server.createMaps(1);
    if (!map) throw new Error('no map');
    const observer = await connectSynced(server.wsUrl, map.id, map.editorKey);
    observer.provider.awareness.setLocalStateField('user', { name: 'Observer', color: '#0072b2' });
    const before = await server.memory();
    let peakRss = before.rss;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, server.usage().rss)), 50);

    // 1. one frame announcing 100,000 client ids (3.6 MB, under the frame limit)
    const many = await openSocket(server, map.id, map.viewerKey);
    many.ws.send(
      awarenessFrame(
        Array.from({ length: ids }, (_, i) => ({
          clientId: 1_000_000 + i,
          clock: 1,
          state: { user: { name: `ghost ${i}` } },
        })),
      ),
    );
    expect(await closeOf(many)).toEqual({ code: 4413, reason: 'too many presence client ids' });

    // 2. the same in frames of 10 ids: closed once the connection passes 16
    const drip = await openSocket(server, map.id, map.viewerKey);
    for (let i = 0; i < 100 && drip.ws.readyState === WebSocket.OPEN; i++) {
      drip.ws.send(
        awarenessFrame(
          Array.from({ length: 10 }, (_, k) => ({
            clientId: 2_000_000 + i * 10 + k,
            clock: 1,
            state: { user: { name: 'drip' } },
          })),
        ),
      );
      await sleep(5);
    }
    expect(await closeOf(drip)).toEqual({ code: 4413, reason: 'too many presence client ids' });

    // 3. one 7 MiB state (under the 8 MiB frame limit): closed before it is parsed
    const big = await openSocket(server, map.id, map.viewerKey);
    big.ws.send(
      awarenessFrame([
        { clientId: 3_000_000, clock: 1, state: { user: { name: 'big' }, blob: 'x'.repeat(7 * 1024 * 1024) } },
      ]),
    );
    expect(await closeOf(big)).toEqual({ code: 4413, reason: 'presence state too large' });

    // 4. the most one connection may hold: 16 ids (of 20 KB each here), on 10 connections
    const full: RawSocket[] = [];
    for (let c = 0; c < 10; c++) {
      const socket = await openSocket(server, map.id, map.viewerKey);
      socket.ws.send(
        awarenessFrame(
          Array.from({ length: 16 }, (_, k) => ({
            clientId: 4_000_000 + c * 16 + k,
            clock: 1,
            state: { user: { name: `full ${c}` }, pad: 'y'.repeat(20_000) },
          })),
        ),
      );
      full.push(socket);
    }
    await waitFor(() => observer.provider.awareness.getStates().size >= 1 + 10 * 16, 20_000, 'bounded states relayed');
    clearInterval(sampler);
    const during = await server.memory();
    for (const socket of full) socket.ws.close();
    await waitFor(() => observer.provider.awareness.getStates().size === 1, 20_000, 'states removed on close');
    const after = await server.memory();

    const states = observer.provider.awareness.getStates();
    expect([...states.keys()].some((id) => id >= 1_000_000 && id < 4_000_000)).toBe(false); // nothing of the refused ones
    report('hostile presence', {
      idsAnnounced: ids,
      rssBeforeMiB: mib(before.rss),
      rssPeakMiB: mib(peakRss),
      rssAtBoundsMiB: mib(during.rss),
      heapAtBoundsMiB: mib(during.heapUsed),
      rssAfterMiB: mib(after.rss),
      heapBeforeMiB: mib(before.heapUsed),
      heapAfterMiB: mib(after.heapUsed),
    });
    // the refused attacks left nothing behind; the states at the bounds are freed when their sockets close
    expect(after.heapUsed - before.heapUsed).toBeLessThan(16 * 1024 * 1024);
    expect(during.heapUsed - before.heapUsed).toBeLessThan(96 * 1024 * 1024);
    // the observer was never disturbed
    expect(observer.closes).toEqual([]);
    expect(server.output()).toMatch(/"code":4413,"detail":"100000 presence client ids"/);
    expect(await server.stop()).toBe(0);
  });
});
