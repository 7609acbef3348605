// `npm run migrate -- --from sqlite --to postgres`: an embedded install with a map holding notes,
// media, metrics and versions (and an update still in the log) is copied to a real PostgreSQL; the
// copy exports the same JSON, serves the same media bytes through a PostgreSQL-backed server, keeps
// keys, versions, the ingest key and webhooks; a second run skips what is there.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addStage, addTouchpoint, attachMedia, exportJourney, setMetricValue, type MediaRef } from '../../src/model';
import { foldUpdates } from '../../server/storage/postgres/docs';
import { PostgresStore } from '../../server/storage/postgres/store';
import { migrateSqliteToPostgres } from '../../server/scale/migrate';
import { SqliteStore } from '../../server/storage/sqlite/store';
import type { Store } from '../../server/storage/store';
import { tinyPng } from './fixtures/media';
import { api } from './helpers/api';
import { getJson, postEvents } from './helpers/events';
import { mediaUrl, upload } from './helpers/media';
import { startPostgres, type PostgresService } from './helpers/services';
import { connectSynced, createMap, startTestServer, waitFor } from './helpers/testServer';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
let postgres: PostgresService;

beforeAll(async () => {
  postgres = await startPostgres();
}, 60_000);

afterAll(async () => {
  await postgres?.stop();
});

/** The exported JSON without its export time. */
function exported(doc: Y.Doc): unknown {
  const { exportedAt: _at, ...rest } = exportJourney(doc);
  return rest;
}

async function docOf(store: Store, mapId: string): Promise<Y.Doc> {
  const stored = await store.docs.loadDocument(mapId);
  if (!stored) throw new Error(`no map ${mapId}`);
  const doc = new Y.Doc();
  Y.applyUpdate(
    doc,
    foldUpdates(
      stored.snapshot,
      stored.updates.map((u) => u.bytes),
    ),
  );
  return doc;
}

describe('migrate sqlite → postgres', () => {
  it('copies maps with notes, media, metrics and versions; the copy is equal; a second run skips them', async () => {
    // an embedded install, filled through the real server
    const embedded = await startTestServer();
    const map = await createMap(embedded.url, 'Buy a bike');
    const other = await createMap(embedded.url, 'Return a bike');
    const png = tinyPng();
    const ref = (await upload(embedded.url, map, png, 'shop.png')) as MediaRef;
    const client = await connectSynced(embedded.wsUrl, map.id, map.editorKey);
    addStage(client.doc, { label: 'Research', id: 'research' });
    addTouchpoint(client.doc, { stageId: 'research', label: 'Reviews', id: 'reviews' });
    const notes = (client.doc.getMap('nodes').get('reviews') as Y.Map<unknown>).get('notes') as Y.XmlFragment;
    const paragraph = new Y.XmlElement('paragraph');
    paragraph.insert(0, [new Y.XmlText('Customers compare prices on two sites')]);
    notes.insert(0, [paragraph]);
    attachMedia(client.doc, 'reviews', ref);
    setMetricValue(client.doc, { nodeId: 'reviews', key: 'csat', value: 3.5, source: 'manual' });
    await waitFor(() => embedded.server.rooms.size === 1, 5000, 'room');
    await embedded.server.rooms.use(map.id, (room) =>
      waitFor(() => room.doc.getMap('nodes').has('reviews'), 5000, 'edits on the server'),
    );
    client.destroy();
    // a contact log with an unmapped activity, a mapping and attributes; customers hashed
    const log = [
      'customer,at,touchpoint,channel,segment',
      'anna,2025-03-01T09:00:00Z,Reviews,web,gold',
      'anna,2025-03-01T10:00:00Z,Shop visit,store,gold',
      'anna,2025-03-02T10:00:00Z,reviews,web,gold',
      'bruno,2025-03-01T11:00:00Z,Call,phone,basic',
      'bruno,2025-03-03T11:00:00Z,Reviews,web,basic',
    ].join('\n');
    expect(
      (await postEvents(embedded.url, map.id, map.editorKey, log, 'text/csv', '?hashCustomers=true')).body,
    ).toMatchObject({ accepted: 5, unmapped: 2 });
    await api(embedded.url, 'PUT', `/api/maps/${map.id}/events/mapping`, map.editorKey, {
      mappings: [{ activity: 'Call', touchpoint: 'reviews' }],
    });
    const embeddedFlows = (await getJson(embedded.url, `/api/maps/${map.id}/flows`, map.viewerKey)).body;
    const embeddedAnna = (await getJson(embedded.url, `/api/maps/${map.id}/customers/anna`, map.viewerKey)).body;
    expect((embeddedFlows as { events: number }).events).toBe(5);
    await embedded.close();

    // versions, an ingest key, a webhook, and an update still in the log (not in the snapshot)
    const sqlite = new SqliteStore(embedded.dataDir);
    const before = await docOf(sqlite, map.id);
    await sqlite.features.addVersion({
      id: 'v1',
      mapId: map.id,
      name: 'Before launch',
      createdAt: '2024-05-01T10:00:00.000Z',
      auto: false,
      snapshot: Y.encodeStateAsUpdate(before),
    });
    await sqlite.features.addVersion({
      id: 'v2',
      mapId: map.id,
      name: '2024-05-02',
      createdAt: '2024-05-02T00:00:00.000Z',
      auto: true,
      snapshot: new Uint8Array([0, 0]),
    });
    await sqlite.features.setIngestKey(map.id, { keyHash: 'f'.repeat(64), rotatedAt: '2024-05-03T00:00:00.000Z' });
    await sqlite.features.addWebhook({
      id: 'hook1',
      mapId: map.id,
      url: 'https://example.test/alerts',
      secret: 'shh',
      createdAt: '2024-05-04T00:00:00.000Z',
    });
    await sqlite.features.recordWebhookDelivery('hook1', {
      status: 200,
      error: null,
      attempts: 1,
      at: '2024-05-05T00:00:00.000Z',
    });
    const late = new Y.Doc();
    Y.applyUpdate(late, Y.encodeStateAsUpdate(before));
    const sv = Y.encodeStateVector(late);
    late.getMap('meta').set('goal', 'Own a bike in a week');
    await sqlite.docs.appendUpdate(map.id, Y.encodeStateAsUpdate(late, sv));
    const expected = await docOf(sqlite, map.id);
    const expectedOther = await docOf(sqlite, other.id);
    const records = {
      map: await sqlite.docs.getMap(map.id),
      versions: await sqlite.features.listVersions(map.id),
      v1: await sqlite.features.getVersion(map.id, 'v1'),
      hooks: await sqlite.features.listWebhooks(map.id),
      ingest: await sqlite.features.getIngestKey(map.id),
      media: await sqlite.media.get(map.id, ref.id),
    };
    // (the server also made an automatic version of the map that changed)
    const versionCount = records.versions.length + (await sqlite.features.listVersions(other.id)).length;
    await sqlite.close();

    const databaseUrl = await postgres.createDatabase('migrate');
    const report = await migrateSqliteToPostgres({ dataDir: embedded.dataDir, databaseUrl });
    expect(report).toEqual({
      maps: 2,
      skipped: 0,
      updates: 1,
      versions: versionCount,
      media: 1,
      mediaFiles: 1,
      mediaMissing: [],
      ingestKeys: 1,
      webhooks: 1,
      events: 5,
    });

    const store = await PostgresStore.connect(databaseUrl);
    try {
      const copied = await docOf(store, map.id);
      expect(exported(copied)).toEqual(exported(expected));
      expect(exportJourney(copied).meta.goal).toBe('Own a bike in a week');
      const text = JSON.stringify(exported(copied));
      for (const part of ['Customers compare prices on two sites', ref.id, '"csat"', '3.5'])
        expect(text).toContain(part);
      expect(Y.encodeStateVector(copied)).toEqual(Y.encodeStateVector(expected));
      expect(exported(await docOf(store, other.id))).toEqual(exported(expectedOther));
      expect(await store.docs.getMap(map.id)).toEqual(records.map);
      expect(await store.features.listVersions(map.id)).toEqual(records.versions);
      expect(await store.features.getVersion(map.id, 'v1')).toEqual(records.v1);
      expect(await store.features.listWebhooks(map.id)).toEqual(records.hooks);
      expect(await store.features.getIngestKey(map.id)).toEqual(records.ingest);
      expect(await store.media.get(map.id, ref.id)).toEqual(records.media);
    } finally {
      await store.close();
    }

    // a server on PostgreSQL (empty DATA_DIR) serves the media bytes and opens the map with the old keys
    const scaled = await startTestServer({ databaseUrl });
    const res = await fetch(mediaUrl(scaled.url, map.id, ref.id), {
      headers: { authorization: `Bearer ${map.viewerKey}` },
    });
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer()).equals(png)).toBe(true);
    const reader = await connectSynced(scaled.wsUrl, map.id, map.viewerKey);
    expect(exported(reader.doc)).toEqual(exported(expected));
    reader.destroy();
    // the same flows, timeline (found by the plain id: the salt came along) and mappings
    expect((await getJson(scaled.url, `/api/maps/${map.id}/flows`, map.viewerKey)).body).toEqual(embeddedFlows);
    expect((await getJson(scaled.url, `/api/maps/${map.id}/customers/anna`, map.viewerKey)).body).toEqual(embeddedAnna);
    expect((await getJson(scaled.url, `/api/maps/${map.id}/events/mapping`, map.viewerKey)).body).toEqual({
      mappings: [{ activity: 'call', touchpoint: 'reviews' }],
    });
    await scaled.close();

    // the command line, run again: everything is skipped
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [
        '--import',
        'tsx',
        'scripts/migrate.ts',
        '--from',
        'sqlite',
        '--to',
        'postgres',
        '--data-dir',
        embedded.dataDir,
        '--database-url',
        databaseUrl,
      ],
      { cwd: ROOT },
    );
    expect(stdout).toContain('done: 0 maps copied, 2 skipped');
  });
});
