// The Store contract (server/storage/store.ts), one suite run against every backend: in memory,
// SQLite in a temporary directory, and a real PostgreSQL. What only one backend does (SQLite's group
// commit and checkpoints, PostgreSQL's migrations, compaction across processes, media bytes) is
// tested in sqlite-store.test.ts and postgres-store.test.ts.
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { MediaFiles } from '../../server/media/files';
import { MemoryStore } from '../../server/storage/memory/store';
import { PostgresStore } from '../../server/storage/postgres/store';
import { SqliteStore } from '../../server/storage/sqlite/store';
import type { MediaRecord, NewMap, Store } from '../../server/storage/store';
import { startPostgres, type PostgresService } from './helpers/services';
import { tempDir } from './helpers/testServer';

let postgres: PostgresService | undefined;

const backends: { name: string; open(): Promise<Store> }[] = [
  { name: 'memory', open: async () => new MemoryStore() },
  { name: 'sqlite', open: async () => new SqliteStore(tempDir()) },
  {
    name: 'postgres',
    open: async () => {
      postgres ??= await startPostgres();
      return PostgresStore.connect(await postgres.createDatabase('contract'));
    },
  },
];

afterAll(async () => {
  await postgres?.stop();
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

/** A client's doc of the map, as seeded. */
function clientOf(map: NewMap): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, map.snapshot);
  return doc;
}

/** An update that sets meta[key] = value on top of the client's doc. */
function edit(client: Y.Doc, key: string, value: unknown): Uint8Array {
  const before = Y.encodeStateVector(client);
  client.getMap('meta').set(key, value);
  return Y.encodeStateAsUpdate(client, before);
}

/** The map's meta as the store would load it into a room: snapshot, then the updates after it. */
async function storedMeta(store: Store, mapId: string): Promise<Record<string, unknown>> {
  const stored = await store.docs.loadDocument(mapId);
  if (!stored) throw new Error('no map');
  const doc = new Y.Doc();
  if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
  for (const u of stored.updates) Y.applyUpdate(doc, u.bytes);
  return doc.getMap('meta').toJSON();
}

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

describe.each(backends)('Store contract: $name', (backend) => {
  let store: Store;

  beforeAll(async () => {
    store = await backend.open();
    return () => store.close();
  }, 60_000);

  describe('docs', () => {
    it('creates, reads, retitles, rekeys and deletes maps; a second create of an id fails', async () => {
      const map = newMap('Buy a bike');
      await store.docs.createMap(map);
      const { snapshot: _s, ...record } = map;
      expect(await store.docs.getMap(map.id)).toEqual(record);
      await expect(store.docs.createMap(map)).rejects.toThrow();
      await store.docs.setTitle(map.id, 'Sell a bike');
      await store.docs.setKeyHash(map.id, 'editor', 'a'.repeat(64));
      await store.docs.setKeyHash(map.id, 'viewer', 'b'.repeat(64));
      expect(await store.docs.getMap(map.id)).toEqual({
        ...record,
        title: 'Sell a bike',
        editorKeyHash: 'a'.repeat(64),
        viewerKeyHash: 'b'.repeat(64),
      });
      expect(await store.docs.getMap('nosuchmap')).toBeNull();
      expect(await store.docs.deleteMap(map.id)).toBe(true);
      expect(await store.docs.deleteMap(map.id)).toBe(false);
      expect(await store.docs.getMap(map.id)).toBeNull();
      expect(await store.docs.loadDocument(map.id)).toBeNull();
    });

    it('loads a new map as its seeded snapshot with no updates', async () => {
      const map = newMap('Seeded');
      await store.docs.createMap(map);
      const stored = await store.docs.loadDocument(map.id);
      expect(stored?.updates).toEqual([]);
      expect(stored?.uptoSeq).toBe(0);
      expect(await storedMeta(store, map.id)).toEqual({ title: 'Seeded' });
    });

    it('appends in call order with increasing seqs, loads them back byte for byte, and refuses an unknown map', async () => {
      const map = newMap();
      await store.docs.createMap(map);
      const client = clientOf(map);
      const updates = Array.from({ length: 40 }, (_, i) => edit(client, `k${i}`, i));
      const seqs = await Promise.all(updates.map((u) => store.docs.appendUpdate(map.id, u)));
      expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
      expect(new Set(seqs).size).toBe(40);
      const stored = await store.docs.loadDocument(map.id);
      expect(stored?.updates.map((u) => u.seq)).toEqual(seqs);
      expect(stored?.updates.map((u) => hex(u.bytes))).toEqual(updates.map(hex));
      await expect(store.docs.appendUpdate('nosuchmap', updates[0]!)).rejects.toThrow();
    });

    it('compacts: the snapshot holds what the folded updates held, later updates stay, seqs are never reused', async () => {
      const map = newMap();
      await store.docs.createMap(map);
      const client = clientOf(map);
      await store.docs.appendUpdate(map.id, edit(client, 'a', 1));
      const upto = await store.docs.appendUpdate(map.id, edit(client, 'b', 2));
      const snapshot = Y.encodeStateAsUpdate(client);
      const after = await store.docs.appendUpdate(map.id, edit(client, 'c', 3));
      await store.docs.compact(map.id, snapshot, upto);

      const stored = await store.docs.loadDocument(map.id);
      expect(stored?.uptoSeq).toBe(upto);
      expect(stored?.updates.map((u) => u.seq)).toEqual([after]);
      expect(await storedMeta(store, map.id)).toEqual({ title: 'Map', a: 1, b: 2, c: 3 });

      // everything folded: the next seq is still higher than every seq handed out before
      await store.docs.compact(map.id, Y.encodeStateAsUpdate(client), after);
      expect((await store.docs.loadDocument(map.id))?.updates).toEqual([]);
      const next = await store.docs.appendUpdate(map.id, edit(client, 'd', 4));
      expect(next).toBeGreaterThan(after);
      expect(await storedMeta(store, map.id)).toEqual({ title: 'Map', a: 1, b: 2, c: 3, d: 4 });
    });

    it('ignores a compaction older than the stored snapshot, and one of a deleted map', async () => {
      const map = newMap();
      await store.docs.createMap(map);
      const client = clientOf(map);
      const first = await store.docs.appendUpdate(map.id, edit(client, 'a', 1));
      const oldSnapshot = Y.encodeStateAsUpdate(client);
      const second = await store.docs.appendUpdate(map.id, edit(client, 'b', 2));
      await store.docs.compact(map.id, Y.encodeStateAsUpdate(client), second);
      await store.docs.compact(map.id, oldSnapshot, first); // late, from an older state
      expect((await store.docs.loadDocument(map.id))?.uptoSeq).toBe(second);
      expect(await storedMeta(store, map.id)).toEqual({ title: 'Map', a: 1, b: 2 });

      await store.docs.deleteMap(map.id);
      await expect(store.docs.compact(map.id, Y.encodeStateAsUpdate(client), second + 1)).resolves.toBeUndefined();
      expect(await store.docs.loadDocument(map.id)).toBeNull();
    });

    it('keeps maps apart', async () => {
      const one = newMap('One');
      const two = newMap('Two');
      await store.docs.createMap(one);
      await store.docs.createMap(two);
      await store.docs.appendUpdate(one.id, edit(clientOf(one), 'only', 'one'));
      await store.docs.compact(two.id, two.snapshot, Number.MAX_SAFE_INTEGER);
      expect(await storedMeta(store, one.id)).toEqual({ title: 'One', only: 'one' });
      expect(await storedMeta(store, two.id)).toEqual({ title: 'Two' });
      await store.docs.deleteMap(two.id);
      expect(await storedMeta(store, one.id)).toEqual({ title: 'One', only: 'one' });
    });
  });

  describe('media', () => {
    /** Stores bytes the way the media library does (PostgreSQL needs them before a record). */
    async function storedBytes(): Promise<string> {
      const files = store.mediaFiles?.(tempDir()) ?? new MediaFiles(tempDir());
      const bytes = randomBytes(1000);
      const hash = createHash('sha256').update(bytes).digest('hex');
      const tmp = path.join(tempDir(), 'upload.part');
      fs.writeFileSync(tmp, bytes);
      await files.place(tmp, hash);
      return hash;
    }

    it('records which map holds which bytes; the first record of a hash stays; records go with their map', async () => {
      const map = newMap();
      const other = newMap();
      await store.docs.createMap(map);
      await store.docs.createMap(other);
      const hash = await storedBytes();
      const record: MediaRecord = {
        hash,
        name: 'a.png',
        mime: 'image/png',
        size: 1000,
        kind: 'image',
        createdAt: '2024-01-01T00:00:00.000Z',
      };

      expect(await store.media.isReferenced(hash)).toBe(false);
      expect(await store.media.add(map.id, record)).toBe(true);
      expect(await store.media.add(map.id, { ...record, name: 'second.png' })).toBe(true);
      expect(await store.media.add('nosuchmap', record)).toBe(false);
      expect(await store.media.get(map.id, hash)).toEqual(record);
      expect(await store.media.get(other.id, hash)).toBeNull();
      expect(await store.media.get('nosuchmap', hash)).toBeNull();
      expect(await store.media.listHashes(map.id)).toEqual([hash]);
      expect(await store.media.listHashes(other.id)).toEqual([]);
      expect(await store.media.isReferenced(hash)).toBe(true);

      expect(await store.media.add(other.id, { ...record, kind: 'document', mime: 'application/pdf' })).toBe(true);
      await store.docs.deleteMap(map.id);
      expect(await store.media.get(map.id, hash)).toBeNull();
      expect(await store.media.listHashes(map.id)).toEqual([]);
      expect(await store.media.isReferenced(hash)).toBe(true);
      await store.docs.deleteMap(other.id);
      expect(await store.media.isReferenced(hash)).toBe(false);
    });
  });

  describe('features', () => {
    it('keeps an ingest key per map, replaced by the next one', async () => {
      const map = newMap();
      await store.docs.createMap(map);
      expect(await store.features.getIngestKey(map.id)).toBeNull();
      expect(
        await store.features.setIngestKey(map.id, { keyHash: 'c'.repeat(64), rotatedAt: '2024-01-01T00:00:00.000Z' }),
      ).toBe(true);
      expect(
        await store.features.setIngestKey(map.id, { keyHash: 'd'.repeat(64), rotatedAt: '2024-01-02T00:00:00.000Z' }),
      ).toBe(true);
      expect(await store.features.getIngestKey(map.id)).toEqual({
        keyHash: 'd'.repeat(64),
        rotatedAt: '2024-01-02T00:00:00.000Z',
      });
      expect(await store.features.setIngestKey('nosuchmap', { keyHash: 'c'.repeat(64), rotatedAt: 'x' })).toBe(false);
      expect(await store.features.getIngestKey('nosuchmap')).toBeNull();
    });

    it('keeps webhooks oldest first with the outcome of their last delivery', async () => {
      const map = newMap();
      await store.docs.createMap(map);
      const hook = {
        id: `h${counter}`,
        mapId: map.id,
        url: 'http://127.0.0.1:9/hook',
        secret: 's3cret',
        createdAt: '2024-01-01T00:00:00.000Z',
      };
      const later = { ...hook, id: `h${counter}b`, createdAt: '2024-01-02T00:00:00.000Z' };
      expect(await store.features.addWebhook(later)).toBe(true);
      expect(await store.features.addWebhook(hook)).toBe(true);
      expect(await store.features.addWebhook({ ...hook, id: `h${counter}x`, mapId: 'nosuchmap' })).toBe(false);
      expect((await store.features.listWebhooks(map.id)).map((h) => h.id)).toEqual([hook.id, later.id]);
      expect((await store.features.listWebhooks(map.id))[0]).toEqual({
        ...hook,
        lastStatus: null,
        lastError: null,
        attempts: 0,
        lastAttemptAt: null,
      });

      await store.features.recordWebhookDelivery(hook.id, {
        status: 500,
        error: 'HTTP 500',
        attempts: 4,
        at: '2024-01-03T00:00:00.000Z',
      });
      expect((await store.features.listWebhooks(map.id))[0]).toEqual({
        ...hook,
        lastStatus: 500,
        lastError: 'HTTP 500',
        attempts: 4,
        lastAttemptAt: '2024-01-03T00:00:00.000Z',
      });
      await store.features.recordWebhookDelivery('gone', { status: 200, error: null, attempts: 1, at: 'x' }); // a no-op

      expect(await store.features.deleteWebhook('nosuchmap', later.id)).toBe(false); // another map's hook stays
      expect(await store.features.deleteWebhook(map.id, hook.id)).toBe(true);
      expect(await store.features.deleteWebhook(map.id, hook.id)).toBe(false);
      expect((await store.features.listWebhooks(map.id)).map((h) => h.id)).toEqual([later.id]);
    });

    it('keeps versions newest first (ties in the order they were added) with their bytes', async () => {
      const map = newMap();
      await store.docs.createMap(map);
      const snapshot = new Uint8Array([1, 2, 3]);
      const v = (name: string, auto: boolean, createdAt: string) => ({
        id: `${name}${counter}`,
        mapId: map.id,
        name,
        createdAt,
        auto,
        snapshot,
      });
      expect(await store.features.latestAutoVersionAt(map.id)).toBeNull();
      expect(await store.features.addVersion(v('one', true, '2024-01-01T00:00:00.000Z'))).toBe(true);
      expect(await store.features.addVersion(v('two', false, '2024-01-01T00:00:00.000Z'))).toBe(true);
      expect(await store.features.addVersion(v('three', true, '2024-01-02T00:00:00.000Z'))).toBe(true);
      expect(await store.features.addVersion(v('four', false, '2024-01-03T00:00:00.000Z'))).toBe(true);
      expect(await store.features.addVersion({ ...v('five', false, 'x'), mapId: 'nosuchmap' })).toBe(false);
      expect((await store.features.listVersions(map.id)).map((x) => x.name)).toEqual(['four', 'three', 'two', 'one']);
      expect((await store.features.listVersions(map.id))[2]).toEqual({
        id: `two${counter}`,
        mapId: map.id,
        name: 'two',
        createdAt: '2024-01-01T00:00:00.000Z',
        auto: false,
      });
      expect(await store.features.latestAutoVersionAt(map.id)).toBe('2024-01-02T00:00:00.000Z');
      const got = await store.features.getVersion(map.id, `two${counter}`);
      expect(got).toMatchObject({ id: `two${counter}`, mapId: map.id, name: 'two', auto: false });
      expect(got && [...got.snapshot]).toEqual([1, 2, 3]);
      expect(await store.features.getVersion('nosuchmap', `two${counter}`)).toBeNull();
      expect(await store.features.listVersions('nosuchmap')).toEqual([]);
    });

    it('deletes keys, webhooks and versions with their map', async () => {
      const map = newMap();
      await store.docs.createMap(map);
      await store.features.setIngestKey(map.id, { keyHash: 'c'.repeat(64), rotatedAt: '2024-01-01T00:00:00.000Z' });
      await store.features.addWebhook({
        id: `h${counter}`,
        mapId: map.id,
        url: 'http://127.0.0.1:9/',
        secret: 's',
        createdAt: '2024-01-01T00:00:00.000Z',
      });
      await store.features.addVersion({
        id: `v${counter}`,
        mapId: map.id,
        name: 'v',
        createdAt: '2024-01-01T00:00:00.000Z',
        auto: true,
        snapshot: new Uint8Array([1]),
      });
      await store.docs.deleteMap(map.id);
      expect(await store.features.getIngestKey(map.id)).toBeNull();
      expect(await store.features.listWebhooks(map.id)).toEqual([]);
      expect(await store.features.listVersions(map.id)).toEqual([]);
      expect(await store.features.getVersion(map.id, `v${counter}`)).toBeNull();
      expect(await store.features.latestAutoVersionAt(map.id)).toBeNull();
      expect(
        await store.features.addVersion({
          id: `v${counter}b`,
          mapId: map.id,
          name: 'v',
          createdAt: 'x',
          auto: true,
          snapshot: new Uint8Array([1]),
        }),
      ).toBe(false);
    });
  });
});
