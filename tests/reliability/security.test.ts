// Security: the Origin allowlist (ALLOWED_ORIGINS) on the websocket upgrade and on mutating HTTP
// requests, and a viewer fuzz — a viewer sends every kind of valid message (updates made by random
// commands, sync step 2 with offline edits on reconnect, deletions of everything, awareness that
// impersonates the editor or removes it) and the document never changes, live or stored.
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { removeNodes, readNodes } from '../../src/model';
import { connectSynced, createMap, startTestServer, waitFor, type TestServer } from '../server/helpers/testServer';
import { mulberry32, pick } from '../shared/random';
import { randomCommand, type Peer } from './helpers/commands';
import { docFingerprint } from './helpers/mesh';
import { report, size } from './helpers/size';
import { EMPTY_STEP1, QUERY_AWARENESS, awarenessFrame, isStep2, syncFrame } from './helpers/wire';

function upgrade(url: string, origin?: string): Promise<number | 'open'> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, origin === undefined ? {} : { origin });
    ws.on('error', () => undefined);
    ws.once('open', () => {
      ws.close();
      resolve('open');
    });
    ws.once('unexpected-response', (req, res) => {
      resolve(res.statusCode ?? 0);
      req.destroy();
    });
  });
}

async function post(
  t: TestServer,
  path: string,
  origin: string | null,
  body: unknown = {},
  method = 'POST',
  key?: string,
): Promise<{ status: number; code?: string }> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (origin !== null) headers.origin = origin;
  if (key) headers.authorization = `Bearer ${key}`;
  const res = await fetch(`${t.url}${path}`, {
    method,
    headers,
    ...(method === 'DELETE' ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return {
    status: res.status,
    code: text ? (JSON.parse(text) as { error?: { code: string } }).error?.code : undefined,
  };
}

describe('Origin allowlist', () => {
  it('refuses a foreign browser origin on the websocket upgrade (403) and allows same-origin, listed and no Origin', async () => {
    const t = await startTestServer({ allowedOrigins: ['https://app.example.com'] });
    const map = await createMap(t.url);
    const url = `${t.wsUrl}/sync/${map.id}?key=${map.editorKey}`;
    expect(await upgrade(url, 'https://evil.example')).toBe(403);
    expect(await upgrade(url, 'null')).toBe(403);
    expect(await upgrade(url, `http://127.0.0.1:${t.server.port}`)).toBe('open'); // same origin: the Host it was sent to
    expect(await upgrade(url, 'https://app.example.com')).toBe('open');
    expect(await upgrade(url)).toBe('open'); // no Origin: not a browser
    expect(t.logText()).toMatch(/sync upgrade from a foreign origin refused/);
    expect(t.logText()).not.toContain(map.editorKey);
  });

  it('refuses mutating HTTP requests from a foreign origin with 403 origin_not_allowed; reads are untouched', async () => {
    const t = await startTestServer();
    const map = await createMap(t.url);
    expect(await post(t, '/api/maps', 'https://evil.example', { title: 'x' })).toEqual({
      status: 403,
      code: 'origin_not_allowed',
    });
    expect(await post(t, `/api/maps/${map.id}`, 'https://evil.example', undefined, 'DELETE', map.editorKey)).toEqual({
      status: 403,
      code: 'origin_not_allowed',
    });
    expect(
      await post(
        t,
        `/api/maps/${map.id}/keys/rotate`,
        'https://evil.example',
        { role: 'viewer' },
        'POST',
        map.editorKey,
      ),
    ).toEqual({ status: 403, code: 'origin_not_allowed' });
    const read = await fetch(`${t.url}/api/maps/${map.id}`, {
      headers: { origin: 'https://evil.example', authorization: `Bearer ${map.viewerKey}` },
    });
    expect(read.status).toBe(200);
    expect((await post(t, '/api/maps', `http://127.0.0.1:${t.server.port}`, { title: 'same origin' })).status).toBe(
      201,
    );
    expect((await post(t, '/api/maps', null, { title: 'no origin' })).status).toBe(201);
    expect(
      (await fetch(`${t.url}/api/maps/${map.id}`, { headers: { authorization: `Bearer ${map.viewerKey}` } })).status,
    ).toBe(200); // still there
  });
});

/** A raw viewer socket and a barrier: our step 1's answer comes after everything sent before it was handled. */
async function viewerSocket(
  t: TestServer,
  mapId: string,
  key: string,
): Promise<{ ws: WebSocket; barrier(): Promise<void> }> {
  const ws = new WebSocket(`${t.wsUrl}/sync/${mapId}?key=${key}`);
  ws.on('error', () => undefined);
  let answers = 0;
  ws.on('message', (data: Buffer) => {
    if (isStep2(new Uint8Array(data))) answers++;
  });
  await new Promise((resolve) => ws.once('open', resolve));
  return {
    ws,
    barrier: async () => {
      const before = answers;
      ws.send(EMPTY_STEP1);
      await waitFor(() => answers > before || ws.readyState !== WebSocket.OPEN, 5000, 'barrier');
      if (ws.readyState !== WebSocket.OPEN) throw new Error('the viewer socket was closed');
    },
  };
}

describe('viewer fuzz', () => {
  it('a viewer changes nothing by any message', async () => {
    const rounds = size(300, 3000);
    const t = await startTestServer({ maxMessagesPerSecond: 0 }); // this test is about roles, not rates
    const map = await createMap(t.url);
    const editor = await connectSynced(t.wsUrl, map.id, map.editorKey);
    const rand = mulberry32(Number(process.env.VIEWER_SEED ?? 777));
    let n = 0;
    const editorPeer: Peer = {
      doc: editor.doc,
      rand,
      nextId: () => `e${n++}`,
      userId: 'editor',
      now: () => new Date().toISOString(),
      versions: [],
    };
    for (let i = 0; i < 60; i++) randomCommand(editorPeer);
    const fresh = await connectSynced(t.wsUrl, map.id, map.viewerKey);
    await waitFor(() => docFingerprint(fresh.doc) === docFingerprint(editor.doc), 5000, 'editor content stored');
    fresh.destroy();
    const serverState = (): Promise<string> =>
      t.server.rooms.use(
        map.id,
        (room) => `${Buffer.from(Y.encodeStateVector(room.doc)).toString('hex')}|${docFingerprint(room.doc)}`,
      );
    const expected = await serverState();

    // 1. a stock client with the viewer key runs random commands, goes offline, edits, comes back
    const viewer = await connectSynced(t.wsUrl, map.id, map.viewerKey);
    const viewerPeer: Peer = {
      doc: viewer.doc,
      rand,
      nextId: () => `v${n++}`,
      userId: 'viewer',
      now: () => new Date().toISOString(),
      versions: [],
    };
    for (let i = 0; i < rounds / 3; i++) {
      if (rand() < 0.05) {
        viewer.provider.disconnect();
        for (let k = 0; k < 5; k++) randomCommand(viewerPeer);
        viewer.provider.connect(); // offline edits travel in its sync step 2
        await viewer.synced();
      }
      randomCommand(viewerPeer);
    }

    // 2. a raw viewer socket sends valid messages of every kind
    const raw = await viewerSocket(t, map.id, map.viewerKey);
    const shadow = new Y.Doc(); // a copy of the map, edited to make valid updates against it
    Y.applyUpdate(shadow, Y.encodeStateAsUpdate(editor.doc));
    const shadowPeer: Peer = {
      doc: shadow,
      rand,
      nextId: () => `s${n++}`,
      userId: 'shadow',
      now: () => new Date().toISOString(),
      versions: [],
    };
    const pending: Uint8Array[] = [];
    shadow.on('update', (u: Uint8Array) => pending.push(u));
    const kinds = new Map<string, number>();
    const count = (kind: string): void => void kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
    const editorId = editor.doc.clientID;
    for (let i = 0; i < rounds; i++) {
      const r = rand();
      if (r < 0.35) {
        randomCommand(shadowPeer);
        for (const u of pending.splice(0)) raw.ws.send(syncFrame(rand() < 0.5 ? 2 : 1, u));
        count('update');
      } else if (r < 0.45) {
        removeNodes(
          shadow,
          readNodes(shadow).map((x) => x.id),
        ); // delete everything
        for (const u of pending.splice(0)) raw.ws.send(syncFrame(2, u));
        raw.ws.send(syncFrame(1, Y.encodeStateAsUpdate(shadow)));
        count('delete-all');
      } else if (r < 0.55) {
        raw.ws.send(syncFrame(1, Y.encodeStateAsUpdate(shadow))); // the whole shadow as sync step 2
        count('step2-whole');
      } else if (r < 0.7) {
        const clock = rand() < 0.5 ? 2 ** 31 : 1 + Math.floor(rand() * 1000);
        raw.ws.send(
          awarenessFrame([
            {
              clientId: editorId,
              clock,
              state: rand() < 0.5 ? null : { user: { name: 'I am the editor' }, doc: 'edit' },
            },
          ]),
        );
        count('awareness-impersonation');
      } else if (r < 0.8) {
        raw.ws.send(
          awarenessFrame([
            {
              clientId: pick(rand, [1, 2, 2 ** 32 - 1, shadow.clientID]) ?? 1,
              clock: 1 + i,
              state: { nodes: { injected: true }, meta: { title: 'awareness' } },
            },
          ]),
        );
        count('awareness-state');
      } else if (r < 0.9) {
        raw.ws.send(syncFrame(0, Y.encodeStateVector(shadow)));
        raw.ws.send(QUERY_AWARENESS);
        count('step1-query');
      } else {
        await raw.barrier();
        expect(await serverState()).toBe(expected);
        count('check');
      }
    }
    await raw.barrier();
    viewer.provider.awareness.setLocalStateField('marker', 'done');
    await waitFor(
      () =>
        (editor.provider.awareness.getStates().get(viewer.doc.clientID) as { marker?: string } | undefined)?.marker ===
        'done',
      5000,
      'viewer handled',
    );

    expect(await serverState()).toBe(expected);
    expect(viewer.closes).toEqual([]);
    expect(editor.closes).toEqual([]);
    // nothing reached the editor, nothing was stored: a reload after everyone left is the same
    expect(`${Buffer.from(Y.encodeStateVector(editor.doc)).toString('hex')}|${docFingerprint(editor.doc)}`).toBe(
      expected,
    );
    raw.ws.close();
    viewer.destroy();
    editor.destroy();
    await waitFor(() => t.server.rooms.size === 0, 5000, 'room unloaded');
    expect(await serverState()).toBe(expected);
    report('viewer fuzz', { rounds, viewerCommands: Math.round(rounds / 3), ...Object.fromEntries(kinds) });
    for (const key of [map.editorKey, map.viewerKey]) expect(t.logText()).not.toContain(key);
  });
});
