// What only PostgresStore does, against a real PostgreSQL: the schema migrations, compaction when
// several processes append, and media bytes (the Store contract itself: store-contract.test.ts).
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { PostgresStore } from '../../server/storage/postgres/store';
import { PostgresMediaFiles } from '../../server/storage/postgres/mediaFiles';
import { MIGRATIONS } from '../../server/storage/postgres/schema';
import type { MediaRecord, NewMap, Store } from '../../server/storage/store';
import { startPostgres, type PostgresService } from './helpers/services';
import { tempDir } from './helpers/testServer';

let service: PostgresService;
let url: string;
let store: PostgresStore;

beforeAll(async () => {
  service = await startPostgres();
  url = await service.createDatabase('store');
  store = await PostgresStore.connect(url);
}, 60_000);

afterAll(async () => {
  await store?.close();
  await service?.stop();
});

let counter = 0;
function newMap(title = 'Map'): NewMap {
  const doc = new Y.Doc();
  doc.getMap('meta').set('title', title);
  const id = `map${++counter}${randomBytes(4).toString('hex')}`;
  return {
    id,
    title,
    editorKeyHash: 'e'.repeat(64),
    viewerKeyHash: 'v'.repeat(64),
    createdAt: new Date().toISOString(),
    snapshot: Y.encodeStateAsUpdate(doc),
  };
}

/** An update that sets meta[key] = value on top of `base` (a doc of the map's client). */
function edit(base: Y.Doc, key: string, value: unknown): Uint8Array {
  const before = Y.encodeStateVector(base);
  base.getMap('meta').set(key, value);
  return Y.encodeStateAsUpdate(base, before);
}

async function docOf(s: Store, mapId: string): Promise<Y.Doc> {
  const stored = await s.docs.loadDocument(mapId);
  if (!stored) throw new Error('no map');
  const doc = new Y.Doc();
  if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
  for (const u of stored.updates) Y.applyUpdate(doc, u.bytes);
  return doc;
}

describe('PostgresStore', () => {
  it('migrates once, records each migration, and a second connect finds nothing to do', async () => {
    const again = await PostgresStore.connect(url);
    await again.close();
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const { rows } = await client.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
    await client.end();
    expect(rows.map((r) => r.version)).toEqual(MIGRATIONS.map((m) => m.version));
  });

  it('compacts from what is stored: updates another process appended are kept, and a late commit is never lost', async () => {
    const map = newMap();
    await store.docs.createMap(map);
    const a = new Y.Doc();
    const b = new Y.Doc();
    Y.applyUpdate(a, map.snapshot);
    Y.applyUpdate(b, map.snapshot);
    await store.docs.appendUpdate(map.id, edit(a, 'fromA1', 1));
    await store.docs.appendUpdate(map.id, edit(b, 'fromB', 2)); // process A never saw this one
    const last = await store.docs.appendUpdate(map.id, edit(a, 'fromA2', 3));
    // process A compacts with its own in-memory state, which lacks fromB
    await store.docs.compact(map.id, Y.encodeStateAsUpdate(a), last);
    const after = await store.docs.loadDocument(map.id);
    expect(after?.updates).toEqual([]);
    expect(after?.uptoSeq).toBe(last);
    expect((await docOf(store, map.id)).getMap('meta').toJSON()).toMatchObject({ fromA1: 1, fromB: 2, fromA2: 3 });

    // an update whose seq was taken before the compaction but committed after it
    const late = await store.pool.connect();
    await late.query('BEGIN');
    await late.query('INSERT INTO updates (map_id, bytes) VALUES ($1, $2)', [map.id, Buffer.from(edit(b, 'late', 4))]);
    const next = await store.docs.appendUpdate(map.id, edit(a, 'fromA3', 5));
    await store.docs.compact(map.id, Y.encodeStateAsUpdate(a), next);
    await late.query('COMMIT');
    late.release();
    expect((await docOf(store, map.id)).getMap('meta').toJSON()).toMatchObject({ fromB: 2, late: 4, fromA3: 5 });
    // the next compaction folds it
    await store.docs.compact(map.id, Y.encodeStateAsUpdate(a), next + 1000);
    expect((await store.docs.loadDocument(map.id))?.updates).toEqual([]);
    expect((await docOf(store, map.id)).getMap('meta').toJSON()).toMatchObject({ fromB: 2, late: 4, fromA3: 5 });
    // compacting a deleted map is a no-op
    await store.docs.deleteMap(map.id);
    await expect(store.docs.compact(map.id, new Uint8Array([0, 0]), next)).resolves.toBeUndefined();
  });

  it('keeps a compaction that runs concurrently with appends and another compaction consistent', async () => {
    const map = newMap();
    await store.docs.createMap(map);
    const client = new Y.Doc();
    Y.applyUpdate(client, map.snapshot);
    const work: Promise<unknown>[] = [];
    let seq = 0;
    for (let i = 0; i < 60; i++) {
      seq = await store.docs.appendUpdate(map.id, edit(client, `k${i}`, i));
      if (i % 15 === 14)
        work.push(
          store.docs.compact(map.id, new Uint8Array(), seq),
          store.docs.compact(map.id, new Uint8Array(), seq - 3),
        );
    }
    await Promise.all(work);
    const meta = (await docOf(store, map.id)).getMap('meta').toJSON();
    for (let i = 0; i < 60; i++) expect(meta[`k${i}`]).toBe(i);
  });

  it('records media per map over stored bytes, streams bytes in and out, and deletes unreferenced bytes only', async () => {
    const map = newMap();
    const other = newMap();
    await store.docs.createMap(map);
    await store.docs.createMap(other);
    const dir = tempDir();
    const bytes = randomBytes(CHUNK_TEST_BYTES);
    const hash = createHash('sha256').update(bytes).digest('hex');
    const file = path.join(dir, 'upload');
    fs.writeFileSync(file, bytes);
    const record: MediaRecord = {
      hash,
      name: 'a.bin',
      mime: 'image/png',
      size: bytes.length,
      kind: 'image',
      createdAt: new Date().toISOString(),
    };

    await expect(store.media.add(map.id, record)).rejects.toThrow(); // bytes not stored yet: the foreign key refuses
    await store.media.putBlob(hash, file);
    await store.media.putBlob(hash, file); // the same bytes again: kept once
    expect(await store.media.add(map.id, record)).toBe(true);
    expect(await store.media.add(map.id, { ...record, name: 'second.bin' })).toBe(true);
    expect(await store.media.add('nosuchmap', record)).toBe(false);
    expect(await store.media.get(map.id, hash)).toEqual(record);
    expect(await store.media.get(other.id, hash)).toBeNull();
    expect(await store.media.listHashes(map.id)).toEqual([hash]);
    expect(await store.media.isReferenced(hash)).toBe(true);

    const copy = path.join(dir, 'copy');
    await store.media.readBlob(hash, copy);
    expect(fs.readFileSync(copy).equals(bytes)).toBe(true);

    expect(await store.media.removeBlobIfUnreferenced(hash)).toBe(false);
    await store.media.add(other.id, record);
    await store.docs.deleteMap(map.id);
    expect(await store.media.isReferenced(hash)).toBe(true);
    await store.docs.deleteMap(other.id);
    expect(await store.media.isReferenced(hash)).toBe(false);
    expect(await store.media.removeBlobIfUnreferenced(hash)).toBe(true);
    expect(await store.media.hasBlob(hash)).toBe(false);
  });

  it('serves uploads of one process to another through the cache of PostgresMediaFiles', async () => {
    const bytes = randomBytes(3000);
    const hash = createHash('sha256').update(bytes).digest('hex');
    const first = new PostgresMediaFiles(tempDir(), store.media);
    const second = new PostgresMediaFiles(tempDir(), store.media);
    const tmp = path.join(tempDir(), 'x.part');
    fs.writeFileSync(tmp, bytes);
    await first.place(tmp, hash);
    expect(fs.existsSync(first.pathOf(hash))).toBe(true);
    expect(fs.existsSync(second.pathOf(hash))).toBe(false);
    const [p1, p2] = await Promise.all([second.localPath(hash), second.localPath(hash)]);
    expect(p1).toBe(p2);
    expect(fs.readFileSync(p1).equals(bytes)).toBe(true);
    await second.remove(hash); // unreferenced: the bytes go from PostgreSQL and this cache
    expect(await store.media.hasBlob(hash)).toBe(false);
    const third = new PostgresMediaFiles(tempDir(), store.media);
    expect(fs.existsSync(await third.localPath(hash))).toBe(false);
  });
});

const CHUNK_TEST_BYTES = 2 * 1024 * 1024 + 17; // three chunks, the last one short
