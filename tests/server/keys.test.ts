// Key rotation: the old key stops at once over HTTP and websockets (4411, no reconnect), the new key
// works, the other role's connections stay. And the stock client's reconnect backoff.
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { api, type ErrorBody } from './helpers/api';
import {
  connectSynced,
  createMap,
  rawSocket,
  sleep,
  startTestServer,
  waitFor,
  type SyncClient,
} from './helpers/testServer';

const rotate = (url: string, mapId: string, key: string, role: unknown) =>
  api<{ viewerKey?: string; editorKey?: string } & ErrorBody>(url, 'POST', `/api/maps/${mapId}/keys/rotate`, key, {
    role,
  });
const getMap = (url: string, mapId: string, key: string) =>
  api<{ role: string } & ErrorBody>(url, 'GET', `/api/maps/${mapId}`, key);

function closedEvent(client: SyncClient): Promise<{ code: number; reason: string }> {
  return new Promise((resolve) => client.provider.on('closed', (e) => resolve(e)));
}

describe('key rotation', () => {
  it('rotates the viewer key: its clients get 4411 and stay away, editors stay connected', async () => {
    const t = await startTestServer();
    const map = await createMap(t.url);
    const editor = await connectSynced(t.wsUrl, map.id, map.editorKey);
    const viewer = await connectSynced(t.wsUrl, map.id, map.viewerKey);
    const viewerClosed = closedEvent(viewer);

    const res = await rotate(t.url, map.id, map.editorKey, 'viewer');
    expect(res.status).toBe(200);
    expect(Object.keys(res.body)).toEqual(['viewerKey']);
    const newViewerKey = res.body.viewerKey ?? '';
    expect(newViewerKey).toMatch(/^[A-Za-z0-9_-]{22}$/);

    expect(await viewerClosed).toEqual({ code: 4411, reason: 'key rotated' });
    expect(viewer.provider.shouldConnect).toBe(false);
    await sleep(500); // the stock client would have retried by now (its backoff is 200 ms here)
    expect(viewer.closes).toEqual([4411]);
    expect(viewer.provider.wsconnected).toBe(false);

    const old = await getMap(t.url, map.id, map.viewerKey);
    expect(old.status).toBe(403);
    expect(old.body.error.code).toBe('wrong_key');
    expect((await getMap(t.url, map.id, newViewerKey)).body.role).toBe('viewer');
    const again = await connectSynced(t.wsUrl, map.id, newViewerKey);

    // the editor never noticed
    expect(editor.closes).toEqual([]);
    editor.doc.getMap('meta').set('goal', 'still here');
    await waitFor(() => again.doc.getMap('meta').get('goal') === 'still here', 5000, 'edit after rotation');
  });

  it('rotates the editor key from a client connected with it: the answer still comes, then that socket goes', async () => {
    const t = await startTestServer();
    const map = await createMap(t.url);
    const editor = await connectSynced(t.wsUrl, map.id, map.editorKey);
    const viewer = await connectSynced(t.wsUrl, map.id, map.viewerKey);
    const editorClosed = closedEvent(editor);

    const res = await rotate(t.url, map.id, map.editorKey, 'editor');
    expect(res.status).toBe(200);
    const newEditorKey = res.body.editorKey ?? '';
    expect(newEditorKey).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect((await editorClosed).code).toBe(4411);

    expect((await getMap(t.url, map.id, map.editorKey)).status).toBe(403);
    expect((await rotate(t.url, map.id, map.editorKey, 'viewer')).status).toBe(403);
    const del = await api(t.url, 'DELETE', `/api/maps/${map.id}`, map.editorKey);
    expect(del.status).toBe(403);
    expect((await getMap(t.url, map.id, newEditorKey)).body.role).toBe('editor');

    // a websocket with the old key is refused; one with the new key edits, and the viewer sees it
    const refused = rawSocket(`${t.wsUrl}/sync/${map.id}?key=${map.editorKey}`);
    expect(await refused.closed).toEqual({ code: 4403, reason: 'wrong key' });
    const fresh = await connectSynced(t.wsUrl, map.id, newEditorKey);
    fresh.doc.getMap('meta').set('goal', 'new key');
    await waitFor(() => viewer.doc.getMap('meta').get('goal') === 'new key', 5000, 'edit with the new key');
    expect(viewer.closes).toEqual([]);
  });

  it('is for the editor key only and needs a role', async () => {
    const t = await startTestServer();
    const map = await createMap(t.url);
    const byViewer = await rotate(t.url, map.id, map.viewerKey, 'viewer');
    expect(byViewer.status).toBe(403);
    expect(byViewer.body.error.code).toBe('editor_key_required');
    for (const role of ['owner', undefined, 42])
      expect((await rotate(t.url, map.id, map.editorKey, role)).status, String(role)).toBe(400);
    expect((await rotate(t.url, 'AAAAAAAAAAAAAAAAAAAAAA', map.editorKey, 'viewer')).status).toBe(404);
    expect((await getMap(t.url, map.id, map.viewerKey)).status).toBe(200); // nothing rotated
  });
});

describe('stock client reconnect backoff', () => {
  it('backs off exponentially from a server that accepts and closes at once', async () => {
    const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
    const attempts: number[] = [];
    wss.on('connection', (ws) => {
      attempts.push(Date.now());
      ws.close(1011, 'internal error');
    });
    const doc = new Y.Doc();
    const provider = new WebsocketProvider(`ws://127.0.0.1:${(wss.address() as AddressInfo).port}`, 'room', doc, {
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      disableBc: true,
    });
    try {
      await sleep(3000);
    } finally {
      provider.destroy();
      for (const ws of wss.clients) ws.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    }
    expect(attempts.length).toBeGreaterThanOrEqual(3);
    expect(attempts.length).toBeLessThan(15);
    const gaps = attempts.slice(1).map((at, i) => at - (attempts[i] ?? at));
    // each wait at least as long as the one before (timer jitter aside), the last clearly longer than the first
    for (let i = 1; i < gaps.length; i++) expect(gaps[i] ?? 0).toBeGreaterThanOrEqual((gaps[i - 1] ?? 0) - 20);
    expect(gaps.at(-1) ?? 0).toBeGreaterThan(2 * (gaps[0] ?? 0));
  });
});
