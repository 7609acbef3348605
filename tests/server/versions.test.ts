// Versions: named snapshots, their bytes opened in a separate Y.Doc, restore through the room (seen
// by connected clients, undoable), roles, and automatic versions.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { setJourneyMeta } from '../../src/model';
import { addTouchpoints, api, type ErrorBody } from './helpers/api';
import {
  connectSynced,
  createMap,
  sleep,
  startTestServer,
  waitFor,
  type CreatedMap,
  type TestServer,
} from './helpers/testServer';

interface Version {
  id: string;
  name: string;
  createdAt: string;
  auto: boolean;
}

const path = (map: CreatedMap, rest = '') => `/api/maps/${map.id}/versions${rest}`;
const save = (t: TestServer, map: CreatedMap, name: string, key = map.editorKey) =>
  api<Version & ErrorBody>(t.url, 'POST', path(map), key, { name });
const list = async (t: TestServer, map: CreatedMap, key = map.viewerKey) =>
  (await api<{ versions: Version[] }>(t.url, 'GET', path(map), key)).body.versions;
const restore = (t: TestServer, map: CreatedMap, id: string, key = map.editorKey) =>
  api<{ restored: Version; backup: Version } & ErrorBody>(t.url, 'POST', path(map, `/${id}/restore`), key);

async function bytesOf(t: TestServer, map: CreatedMap, id: string, key = map.viewerKey): Promise<Response> {
  return fetch(`${t.url}${path(map, `/${id}`)}`, { headers: { authorization: `Bearer ${key}` } });
}

/** Names newest first, the daily automatic ones written as 'daily'. */
const names = async (t: TestServer, map: CreatedMap) =>
  (await list(t, map)).map((v) => (v.auto && /^\d{4}-\d{2}-\d{2}$/.test(v.name) ? 'daily' : v.name));
const title = (doc: Y.Doc) => doc.getMap('meta').get('title');
const labels = (doc: Y.Doc) => [...doc.getMap('nodes').keys()].sort();

describe('versions', () => {
  it('saves, lists newest first and serves the bytes to open in a Y.Doc', async () => {
    const t = await startTestServer();
    const map = await createMap(t.url, 'First title');
    const first = await save(t, map, '  Kick-off  ');
    expect(first.status).toBe(201);
    expect(first.body).toEqual({
      id: expect.any(String),
      name: 'Kick-off',
      createdAt: expect.any(String),
      auto: false,
    });
    await addTouchpoints(t, map.id, ['t1']);
    const second = await save(t, map, 'With a touchpoint');
    // the first change of a map without an automatic version makes one
    expect(await names(t, map)).toEqual(['With a touchpoint', 'daily', 'Kick-off']);

    const res = await bytesOf(t, map, first.body.id);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/octet-stream');
    const preview = new Y.Doc();
    Y.applyUpdate(preview, new Uint8Array(await res.arrayBuffer()));
    expect(title(preview)).toBe('First title');
    expect(preview.getMap('nodes').size).toBe(0);
    const later = new Y.Doc();
    Y.applyUpdate(later, new Uint8Array(await (await bytesOf(t, map, second.body.id)).arrayBuffer()));
    expect(labels(later)).toEqual(['stage', 't1']);
  });

  it('checks roles, names and ids', async () => {
    const t = await startTestServer();
    const map = await createMap(t.url);
    const v = await save(t, map, 'v1');
    const byViewer = await save(t, map, 'nope', map.viewerKey);
    expect(byViewer.status).toBe(403);
    expect(byViewer.body.error.code).toBe('editor_key_required');
    expect((await restore(t, map, v.body.id, map.viewerKey)).status).toBe(403);
    for (const name of ['', '   ', 'x'.repeat(201)]) expect((await save(t, map, name)).status, name).toBe(400);
    expect((await api(t.url, 'POST', path(map), map.editorKey, { name: 42 })).status).toBe(400);
    for (const id of ['AAAAAAAAAAAAAAAAAAAAAA', 'not-an-id']) {
      expect((await bytesOf(t, map, id)).status, id).toBe(404);
      const r = await restore(t, map, id);
      expect(r.status, id).toBe(404);
      expect(r.body.error.code).toBe('not_found');
    }
    // another map's version is not this map's
    const other = await createMap(t.url);
    expect((await bytesOf(t, other, v.body.id, other.viewerKey)).status).toBe(404);
    expect((await api(t.url, 'GET', path(map), null)).status).toBe(401);
  });

  it('restores through the room: a client sees it, and restoring the backup undoes it', async () => {
    const t = await startTestServer();
    const map = await createMap(t.url, 'Original');
    const v1 = await save(t, map, 'v1');
    const a = await connectSynced(t.wsUrl, map.id, map.editorKey);
    const b = await connectSynced(t.wsUrl, map.id, map.viewerKey);
    setJourneyMeta(a.doc, { title: 'Changed' });
    await addTouchpoints(t, map.id, ['t1']);
    await waitFor(() => title(b.doc) === 'Changed' && b.doc.getMap('nodes').has('t1'), 5000, 'edits on b');

    const res = await restore(t, map, v1.body.id);
    expect(res.status).toBe(200);
    expect(res.body.restored).toEqual(v1.body);
    expect(res.body.backup).toMatchObject({ name: 'Before restoring v1', auto: true });
    await waitFor(() => title(b.doc) === 'Original' && b.doc.getMap('nodes').size === 0, 5000, 'restore on b');
    await waitFor(() => title(a.doc) === 'Original', 5000, 'restore on a');
    expect(await names(t, map)).toEqual(['Before restoring v1', 'daily', 'v1']);

    // the restore was a change on top: undo it by restoring the backup
    const undo = await restore(t, map, res.body.backup.id);
    expect(undo.status).toBe(200);
    await waitFor(() => title(b.doc) === 'Changed' && b.doc.getMap('nodes').has('t1'), 5000, 'undo on b');

    // and it is stored: a fresh client after the room unloaded sees the same
    a.destroy();
    b.destroy();
    await waitFor(() => t.server.rooms.size === 0, 5000, 'room unloaded');
    const c = await connectSynced(t.wsUrl, map.id, map.viewerKey);
    expect(title(c.doc)).toBe('Changed');
    expect(labels(c.doc)).toEqual(['stage', 't1']);
  });

  it('with { apply: false } only keeps the backup: the caller applies the version (the app, as an undo step)', async () => {
    const t = await startTestServer();
    const map = await createMap(t.url, 'Original');
    const v1 = await save(t, map, 'v1');
    const a = await connectSynced(t.wsUrl, map.id, map.editorKey);
    setJourneyMeta(a.doc, { title: 'Changed' });
    const b = await connectSynced(t.wsUrl, map.id, map.viewerKey);
    await waitFor(() => title(b.doc) === 'Changed', 5000, 'the edit on the server');
    const res = await api<{ restored: Version; backup: Version }>(
      t.url,
      'POST',
      path(map, `/${v1.body.id}/restore`),
      map.editorKey,
      { apply: false },
    );
    expect(res.status).toBe(200);
    expect(res.body.backup).toMatchObject({ name: 'Before restoring v1', auto: true });
    const backup = new Y.Doc();
    Y.applyUpdate(backup, new Uint8Array(await (await bytesOf(t, map, res.body.backup.id)).arrayBuffer()));
    expect(title(backup)).toBe('Changed');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(title(a.doc)).toBe('Changed'); // not applied by the server
    const bad = await api<ErrorBody>(t.url, 'POST', path(map, `/${v1.body.id}/restore`), map.editorKey, {
      apply: 'no',
    });
    expect(bad.status).toBe(400);
    a.destroy();
    b.destroy();
  });

  it('keeps one automatic version per period for a map that changes', async () => {
    const t = await startTestServer({ timing: { autoVersionPeriodMs: 400 } });
    const map = await createMap(t.url);
    const untouched = await createMap(t.url);
    const a = await connectSynced(t.wsUrl, map.id, map.editorKey);
    await connectSynced(t.wsUrl, untouched.id, untouched.editorKey);
    expect(await list(t, map)).toEqual([]);

    setJourneyMeta(a.doc, { goal: 'one' });
    const autos = async () => (await list(t, map)).filter((v) => v.auto);
    const start = Date.now();
    while ((await autos()).length === 0 && Date.now() - start < 5000) await sleep(20);
    const [first] = await autos();
    expect(first?.name).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const preview = new Y.Doc();
    Y.applyUpdate(preview, new Uint8Array(await (await bytesOf(t, map, first?.id ?? '')).arrayBuffer()));
    expect(preview.getMap('meta').get('goal')).toBe('one');

    setJourneyMeta(a.doc, { goal: 'two' }); // within the period: no new version
    await sleep(150);
    expect(await autos()).toHaveLength(1);
    await sleep(400);
    setJourneyMeta(a.doc, { goal: 'three' }); // after it: one more
    const again = Date.now();
    while ((await autos()).length < 2 && Date.now() - again < 5000) await sleep(20);
    expect(await autos()).toHaveLength(2);
    expect(await list(t, untouched)).toEqual([]);
  });
});
