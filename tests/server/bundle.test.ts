// A map as one file with its media (issue #14): GET /api/maps/:id/bundle answers a zip with map.json,
// a manifest and every media file; POST /api/maps/import makes a new map from it — media verified by
// hash — or refuses a damaged, incomplete or oversized bundle with a clear error and leaves nothing
// behind (no map, in the list or in the trash; no file).
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { addStage, addTouchpoint, attachMedia, readMedia, readNodes, type MediaRef } from '../../src/model';
import { addMember, call, setupAdmin } from './helpers/accounts';
import { filesOnDisk, mediaUrl, upload } from './helpers/media';
import { tinyPng } from './fixtures/media';
import { connectSynced, createMap, sleep, startTestServer, type TestServer } from './helpers/testServer';

type Created = { id: string; title: string; editorKey: string; viewerKey: string };
type ErrorBody = { error: { code: string; message: string } };

async function bundleOf(t: TestServer, mapId: string, key: string): Promise<Uint8Array> {
  const res = await fetch(`${t.url}/api/maps/${mapId}/bundle`, { headers: { authorization: `Bearer ${key}` } });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('application/zip');
  expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="Refund journey\.percorso\.zip"/);
  return new Uint8Array(await res.arrayBuffer());
}

async function importBundle(t: TestServer, body: Uint8Array, contentType = 'application/zip') {
  const res = await fetch(`${t.url}/api/maps/import`, {
    method: 'POST',
    headers: { 'content-type': contentType },
    body: new Uint8Array(body),
  });
  return { status: res.status, body: (await res.json()) as Created & ErrorBody };
}

/** A map with a stage, a card and an image on the card; its bundle. */
async function mapWithImage(t: TestServer) {
  const map = await createMap(t.url, 'Refund journey');
  const png = tinyPng();
  const image = await upload(t.url, map, png, 'receipt.png');
  const client = await connectSynced(t.wsUrl, map.id, map.editorKey);
  addStage(client.doc, { label: 'Ask', id: 's1' });
  addTouchpoint(client.doc, { stageId: 's1', label: 'Send the receipt', id: 't1' });
  attachMedia(client.doc, 't1', image as MediaRef);
  for (let i = 0; i < 100; i++) {
    const stored = await t.server.store.docs.loadDocument(map.id);
    if (stored && stored.updates.length >= 3) break;
    await sleep(30);
  }
  return { map, png, image, zip: await bundleOf(t, map.id, map.viewerKey) };
}

const rezip = (files: Record<string, Uint8Array>) => zipSync(files);

describe('map bundles', () => {
  it('exports a map with its media and imports it as a new map that opens complete', async () => {
    const t = await startTestServer();
    const { png, image, zip } = await mapWithImage(t);
    const files = unzipSync(zip);
    expect(Object.keys(files).sort()).toEqual(['manifest.json', 'map.json', `media/${image.id}`]);
    expect(JSON.parse(strFromU8(files['manifest.json']!))).toMatchObject({
      format: 'percorso-bundle',
      version: 1,
      media: [{ hash: image.id, name: 'receipt.png', mime: 'image/png' }],
    });
    expect(Buffer.from(files[`media/${image.id}`]!).equals(png)).toBe(true);

    const imported = await importBundle(t, zip);
    expect(imported.status).toBe(201);
    expect(imported.body.title).toBe('Refund journey');
    const copy = await connectSynced(t.wsUrl, imported.body.id, imported.body.editorKey);
    expect(
      readNodes(copy.doc)
        .map((n) => n.label)
        .sort(),
    ).toEqual(['Ask', 'Send the receipt']);
    expect(readMedia(copy.doc, 't1').map((m) => m.id)).toEqual([image.id]);
    const served = await fetch(mediaUrl(t.url, imported.body.id, image.id), {
      headers: { authorization: `Bearer ${imported.body.viewerKey}` },
    });
    expect(served.status).toBe(200);
    expect(Buffer.from(await served.arrayBuffer()).equals(png)).toBe(true);
    expect((await call(t.url, 'GET', `/api/maps/${imported.body.id}/bundle`)).status).toBe(401);
  });

  it('refuses a damaged, incomplete, foreign or oversized bundle and leaves nothing behind', async () => {
    const t = await startTestServer();
    const { image, zip } = await mapWithImage(t);
    const files = unzipSync(zip);
    const mapsBefore = (await t.server.store.life.listMaps()).length;
    const filesBefore = filesOnDisk(t.dataDir);

    const damaged = { ...files, [`media/${image.id}`]: new Uint8Array([1, 2, 3]) };
    const missing = {
      'map.json': files['map.json']!,
      'manifest.json': strToU8(JSON.stringify({ format: 'percorso-bundle', version: 1, media: [] })),
    };
    const foreign = { 'readme.txt': strToU8('hello') };
    const cases: [string, Uint8Array, number, RegExp][] = [
      ['damaged', rezip(damaged), 400, /damaged/],
      ['missing', rezip(missing), 400, /missing from the bundle/],
      ['foreign', rezip(foreign), 400, /no manifest\.json|not a percorso-bundle/],
      ['not a zip', strToU8('PK but not really'), 400, /not a Percorso bundle/],
    ];
    for (const [what, body, status, message] of cases) {
      const reply = await importBundle(t, body);
      expect(reply.status, what).toBe(status);
      expect(reply.body.error.message, what).toMatch(message);
    }
    // a zip bomb: the directory declares a huge file; refused before anything is inflated
    const bomb = rezip({ ...files, 'media/huge': new Uint8Array(10) });
    const view = Buffer.from(bomb);
    for (
      let at = view.indexOf(Buffer.from('media/huge'));
      at >= 0;
      at = view.indexOf(Buffer.from('media/huge'), at + 1)
    ) {
      const header = view.lastIndexOf(Buffer.from([0x50, 0x4b]), at);
      const central = view.readUInt32LE(header) === 0x02014b50;
      view.writeUInt32LE(0x7fff_ffff, header + (central ? 24 : 22)); // uncompressed size
    }
    const bombed = await importBundle(t, new Uint8Array(view));
    expect(bombed.status).toBe(413);
    expect(bombed.body.error.message).toMatch(/larger than/);
    expect((await importBundle(t, strToU8('x'), 'text/plain')).status).toBe(415);

    expect((await t.server.store.life.listMaps()).length).toBe(mapsBefore); // nothing half-made
    expect(await t.server.store.life.listTrash()).toEqual([]);
    expect(filesOnDisk(t.dataDir)).toEqual(filesBefore);
    expect((await call(t.url, 'GET', '/api/health')).status).toBe(200);
  });

  it('imports a journey file (JSON) the same way, and needs a member once accounts exist', async () => {
    const t = await startTestServer();
    const { zip } = await mapWithImage(t);
    const json = unzipSync(zip)['map.json']!;
    const noMedia = JSON.parse(strFromU8(json)) as { nodes: { media?: unknown[] }[] };
    for (const node of noMedia.nodes) delete node.media;
    const asJson = await importBundle(t, strToU8(JSON.stringify(noMedia)), 'application/json');
    expect(asJson.status).toBe(201);
    const bad = await importBundle(t, strToU8(JSON.stringify({ format: 'something else' })), 'application/json');
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/not a Percorso journey/);

    const admin = await setupAdmin(t.url);
    expect((await importBundle(t, zip)).status).toBe(401);
    const member = await addMember(t.url, admin, 'eda@example.com', 'editor', 'Eda');
    const res = await fetch(`${t.url}/api/maps/import`, {
      method: 'POST',
      headers: { 'content-type': 'application/zip', cookie: member.cookie },
      body: new Uint8Array(zip),
    });
    expect(res.status).toBe(201);
    const list = await call<{ maps: { id: string; createdBy: { name: string } | null }[] }>(t.url, 'GET', '/api/maps', {
      cookie: member.cookie,
    });
    const { id } = (await res.json()) as Created;
    expect(list.body.maps.find((m) => m.id === id)?.createdBy?.name).toBe('Eda');
  });
});
