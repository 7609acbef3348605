// Duplicate: POST /api/maps/:id/duplicate makes a new map with the document as it is now, its media
// and fresh keys; the copy and the original then live apart. Viewers cannot copy; once accounts exist
// a copy, like a new map, needs a signed-in member.
import { describe, expect, it } from 'vitest';
import { addMember, call, setupAdmin } from './helpers/accounts';
import { mediaUrl, upload } from './helpers/media';
import { tinyPng } from './fixtures/media';
import { connectSynced, createMap, sleep, startTestServer, type TestServer } from './helpers/testServer';

type Copy = { id: string; title: string; editorKey: string; viewerKey: string };
type ErrorBody = { error: { code: string } };

async function storedUpdate(t: TestServer, mapId: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const stored = await t.server.store.docs.loadDocument(mapId);
    if (stored && stored.updates.length > 0) return;
    await sleep(50);
  }
  throw new Error('the edit never reached the store');
}

describe('duplicating a map', () => {
  it('copies the document and its media under new keys; the two maps then live apart', async () => {
    const t = await startTestServer();
    const map = await createMap(t.url, 'Refund journey');
    const png = tinyPng();
    const image = await upload(t.url, map, png, 'store.png');
    const client = await connectSynced(t.wsUrl, map.id, map.editorKey);
    client.doc.getMap('meta').set('note', 'written before the copy');
    await storedUpdate(t, map.id);

    const asViewer = await call<ErrorBody>(t.url, 'POST', `/api/maps/${map.id}/duplicate`, { key: map.viewerKey });
    expect(asViewer.status).toBe(403);
    expect(asViewer.body.error.code).toBe('editor_key_required');
    expect((await call(t.url, 'POST', `/api/maps/${map.id}/duplicate`)).status).toBe(401);
    expect((await call(t.url, 'POST', '/api/maps/nope/duplicate', { key: map.editorKey })).status).toBe(404);

    const reply = await call<Copy>(t.url, 'POST', `/api/maps/${map.id}/duplicate`, { key: map.editorKey });
    expect(reply.status).toBe(201);
    const copy = reply.body;
    expect(copy).toEqual({
      id: expect.stringMatching(/^[A-Za-z0-9_-]{22}$/),
      title: 'Refund journey (copy)',
      editorKey: expect.any(String),
      viewerKey: expect.any(String),
    });
    expect(copy.id).not.toBe(map.id);
    expect([copy.editorKey, copy.viewerKey]).not.toContain(map.editorKey);

    // the old keys do not open the copy; its own do, with its role
    expect((await call(t.url, 'GET', `/api/maps/${copy.id}`, { key: map.editorKey })).status).toBe(403);
    expect((await call(t.url, 'GET', `/api/maps/${copy.id}`, { key: copy.viewerKey })).body).toEqual({
      id: copy.id,
      title: 'Refund journey (copy)',
      role: 'viewer',
    });
    const image2 = await fetch(mediaUrl(t.url, copy.id, image.id), {
      headers: { authorization: `Bearer ${copy.viewerKey}` },
    });
    expect(image2.status).toBe(200);
    expect(Buffer.from(await image2.arrayBuffer()).equals(png)).toBe(true);

    const copied = await connectSynced(t.wsUrl, copy.id, copy.editorKey);
    expect(copied.doc.getMap('meta').get('note')).toBe('written before the copy');
    expect(copied.doc.getMap('meta').get('title')).toBe('Refund journey (copy)');
    copied.doc.getMap('meta').set('note', 'changed in the copy');
    await storedUpdate(t, copy.id);
    expect(client.doc.getMap('meta').get('note')).toBe('written before the copy');
    expect(client.doc.getMap('meta').get('title')).toBe('Refund journey');
    client.destroy();
    copied.destroy();
  });

  it('keeps a long title within the limit, and a trashed map cannot be copied', async () => {
    const t = await startTestServer();
    const map = await createMap(t.url, 'x'.repeat(200));
    const reply = await call<Copy>(t.url, 'POST', `/api/maps/${map.id}/duplicate`, { key: map.editorKey });
    expect(reply.status).toBe(201);
    expect(reply.body.title).toHaveLength(200);
    expect(reply.body.title.endsWith(' (copy)')).toBe(true);
    expect((await call(t.url, 'DELETE', `/api/maps/${map.id}`, { key: map.editorKey })).status).toBe(204);
    expect((await call(t.url, 'POST', `/api/maps/${map.id}/duplicate`, { key: map.editorKey })).status).toBe(404);
  });

  it('in a workspace with members: a member editor copies, the copy is listed; a key alone no longer creates', async () => {
    const t = await startTestServer();
    const map = await createMap(t.url, 'Onboarding'); // made before the first account, with keys
    const admin = await setupAdmin(t.url);
    const viewer = await addMember(t.url, admin, 'vic@example.com', 'viewer');

    const guest = await call<ErrorBody>(t.url, 'POST', `/api/maps/${map.id}/duplicate`, { key: map.editorKey });
    expect(guest.status).toBe(401);
    expect(guest.body.error.code).toBe('sign_in_required');
    expect((await call(t.url, 'POST', `/api/maps/${map.id}/duplicate`, { cookie: viewer.cookie })).status).toBe(403);

    const byAdmin = await call<Copy>(t.url, 'POST', `/api/maps/${map.id}/duplicate`, { cookie: admin });
    expect(byAdmin.status).toBe(201);
    const list = await call<{ maps: { id: string; title: string }[] }>(t.url, 'GET', '/api/maps', { cookie: admin });
    expect(list.body.maps.map((m) => m.title).sort()).toEqual(['Onboarding', 'Onboarding (copy)']);
  });
});
