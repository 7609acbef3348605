// The trash: DELETE moves a map there (sockets closed with 4410, data kept), members list the maps and
// the trash, an editor (member or editor key) restores it whole, and the purge deletes it for good.
import { describe, expect, it } from 'vitest';
import { addMember, call, setupAdmin } from './helpers/accounts';
import {
  connectClient,
  connectSynced,
  createMap,
  sleep,
  startTestServer,
  waitFor,
  type TestServer,
} from './helpers/testServer';

type ErrorBody = { error: { code: string } };
type ListBody = { maps: { id: string; title: string; role?: string; trashedAt?: string }[] };

/** Waits until the store holds an update of the map after its seed (the edit was committed). */
async function storedUpdate(t: TestServer, mapId: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const stored = await t.server.store.docs.loadDocument(mapId);
    if (stored && stored.updates.length > 0) return;
    await sleep(50);
  }
  throw new Error('the edit never reached the store');
}

describe('the trash with share keys (no accounts)', () => {
  it('closes the sockets with 4410, hides the map, and the editor key restores it with every edit', async () => {
    const t = await startTestServer();
    const map = await createMap(t.url, 'Keep me');
    const client = await connectSynced(t.wsUrl, map.id, map.editorKey);
    client.doc.getMap('meta').set('note', 'written before the trash');
    await storedUpdate(t, map.id);

    expect((await call(t.url, 'DELETE', `/api/maps/${map.id}`, { key: map.viewerKey })).status).toBe(403);
    expect((await call(t.url, 'DELETE', `/api/maps/${map.id}`, { key: map.editorKey })).status).toBe(204);
    await waitFor(() => client.closes.includes(4410), 5000, 'close 4410');
    client.destroy();
    expect((await call(t.url, 'GET', `/api/maps/${map.id}`, { key: map.editorKey })).status).toBe(404);
    expect((await call(t.url, 'DELETE', `/api/maps/${map.id}`, { key: map.editorKey })).status).toBe(404);
    const late = connectClient(t.wsUrl, map.id, map.editorKey);
    await waitFor(() => late.closes.length > 0, 5000, 'refused socket');
    expect(late.provider.synced).toBe(false);
    late.destroy();

    // only the map's editor key restores it; /api/trash is for members
    expect((await call(t.url, 'GET', '/api/trash', { key: map.editorKey })).status).toBe(401);
    expect((await call(t.url, 'POST', `/api/maps/${map.id}/restore`)).status).toBe(401);
    const asViewer = await call<ErrorBody>(t.url, 'POST', `/api/maps/${map.id}/restore`, { key: map.viewerKey });
    expect(asViewer.status).toBe(403);
    expect(asViewer.body.error.code).toBe('editor_key_required');
    const other = await createMap(t.url, 'Other');
    expect((await call(t.url, 'POST', `/api/maps/${map.id}/restore`, { key: other.editorKey })).status).toBe(403);
    const restored = await call(t.url, 'POST', `/api/maps/${map.id}/restore`, { key: map.editorKey });
    expect(restored.status).toBe(200);
    expect(restored.body).toEqual({ id: map.id, title: 'Keep me' });
    expect((await call(t.url, 'POST', `/api/maps/${map.id}/restore`, { key: map.editorKey })).status).toBe(404);

    const fresh = await connectSynced(t.wsUrl, map.id, map.viewerKey);
    expect(fresh.doc.getMap('meta').get('note')).toBe('written before the trash');
    fresh.destroy();
  });
});

describe('the trash in a workspace with members', () => {
  it('lists the maps for members only, moves one to the trash and back', async () => {
    const t = await startTestServer();
    const admin = await setupAdmin(t.url);
    const editor = await addMember(t.url, admin, 'eda@example.com', 'editor');
    const viewer = await addMember(t.url, admin, 'vic@example.com', 'viewer');
    const created = await call<{ id: string }>(t.url, 'POST', '/api/maps', {
      cookie: admin,
      body: { title: 'Onboarding' },
    });
    expect(created.status).toBe(201);
    const id = created.body.id;

    const anonymous = await call<ErrorBody>(t.url, 'GET', '/api/maps');
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.error.code).toBe('sign_in_required');
    const forViewer = await call<ListBody>(t.url, 'GET', '/api/maps', { cookie: viewer.cookie });
    expect(forViewer.body.maps).toEqual([
      expect.objectContaining({
        id,
        title: 'Onboarding',
        role: 'viewer',
        createdBy: { id: expect.any(String), name: 'Ada Admin' },
      }),
    ]);
    const forEditor = await call<ListBody>(t.url, 'GET', '/api/maps', { cookie: editor.cookie });
    expect(forEditor.body.maps.map((m) => [m.id, m.role])).toEqual([[id, 'editor']]);

    expect((await call(t.url, 'DELETE', `/api/maps/${id}`, { cookie: viewer.cookie })).status).toBe(403);
    expect((await call(t.url, 'DELETE', `/api/maps/${id}`, { cookie: editor.cookie })).status).toBe(204);
    expect((await call<ListBody>(t.url, 'GET', '/api/maps', { cookie: admin })).body.maps).toEqual([]);
    const trash = await call<ListBody>(t.url, 'GET', '/api/trash', { cookie: viewer.cookie });
    expect(trash.body.maps).toEqual([expect.objectContaining({ id, title: 'Onboarding' })]);
    expect(Date.parse(trash.body.maps[0]?.trashedAt ?? '')).not.toBeNaN();

    expect((await call(t.url, 'POST', `/api/maps/${id}/restore`, { cookie: viewer.cookie })).status).toBe(403);
    expect((await call(t.url, 'POST', `/api/maps/${id}/restore`, { cookie: admin })).status).toBe(200);
    expect(
      (await call<ListBody>(t.url, 'GET', '/api/maps', { cookie: editor.cookie })).body.maps.map((m) => m.id),
    ).toEqual([id]);
    expect((await call<ListBody>(t.url, 'GET', '/api/trash', { cookie: admin })).body.maps).toEqual([]);
  });
});

describe('purging the trash', () => {
  it('deletes a map trashed more than TRASH_DAYS ago when the server starts, and keeps a recent one', async () => {
    const first = await startTestServer();
    const old = await createMap(first.url, 'Old');
    const recent = await createMap(first.url, 'Recent');
    await first.server.store.life.trash(old.id, '2000-01-01T00:00:00.000Z');
    expect((await call(first.url, 'DELETE', `/api/maps/${recent.id}`, { key: recent.editorKey })).status).toBe(204);
    await first.close();

    const second = await startTestServer({ dataDir: first.dataDir, trashDays: 30 });
    await waitFor(() => second.logText().includes('maps purged from the trash'), 5000, 'purge at start');
    expect(await second.server.store.docs.loadDocument(old.id)).toBeNull();
    expect(await second.server.store.life.getTrashed(old.id)).toBeNull();
    expect((await second.server.store.life.getTrashed(recent.id))?.title).toBe('Recent');
    expect((await call(second.url, 'POST', `/api/maps/${old.id}/restore`, { key: old.editorKey })).status).toBe(404);
    expect((await call(second.url, 'POST', `/api/maps/${recent.id}/restore`, { key: recent.editorKey })).status).toBe(
      200,
    );
  });
});
