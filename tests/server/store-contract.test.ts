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
import type { MediaRecord, MemberRecord, NewMap, Store } from '../../server/storage/store';
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

  describe('life (map list and trash)', () => {
    it('moves a map to the trash, hides it from getMap and the list, keeps its data, and restores it', async () => {
      const map = newMap('Trash me');
      await store.docs.createMap(map);
      const client = clientOf(map);
      await store.docs.appendUpdate(map.id, edit(client, 'kept', 'yes'));
      expect((await store.life.listMaps()).map((m) => m.id)).toContain(map.id);

      expect(await store.life.trash(map.id, '2026-01-02T00:00:00.000Z')).toBe(true);
      expect(await store.life.trash(map.id, '2026-01-03T00:00:00.000Z')).toBe(false);
      expect(await store.life.trash('nosuchmap', '2026-01-03T00:00:00.000Z')).toBe(false);
      expect(await store.docs.getMap(map.id)).toBeNull();
      expect((await store.life.listMaps()).map((m) => m.id)).not.toContain(map.id);
      const trashed = (await store.life.listTrash()).find((m) => m.id === map.id);
      expect(trashed).toEqual({
        id: map.id,
        title: 'Trash me',
        createdAt: map.createdAt,
        trashedAt: '2026-01-02T00:00:00.000Z',
      });
      expect(await store.life.getTrashed(map.id)).toMatchObject({
        id: map.id,
        editorKeyHash: map.editorKeyHash,
        trashedAt: '2026-01-02T00:00:00.000Z',
      });
      expect((await storedMeta(store, map.id)).kept).toBe('yes');

      expect(await store.life.restore(map.id)).toBe(true);
      expect(await store.life.restore(map.id)).toBe(false);
      expect(await store.life.getTrashed(map.id)).toBeNull();
      expect((await store.docs.getMap(map.id))?.title).toBe('Trash me');
      expect((await store.life.listMaps()).map((m) => m.id)).toContain(map.id);
      await store.docs.deleteMap(map.id);
    });

    it('names the maps trashed before a time, oldest first, and forgets a purged one', async () => {
      const old = newMap('Old');
      const older = newMap('Older');
      const fresh = newMap('Fresh');
      for (const m of [old, older, fresh]) await store.docs.createMap(m);
      await store.life.trash(old.id, '2025-06-02T00:00:00.000Z');
      await store.life.trash(older.id, '2025-06-01T00:00:00.000Z');
      await store.life.trash(fresh.id, '2025-07-01T00:00:00.000Z');
      const due = await store.life.trashedBefore('2025-06-15T00:00:00.000Z');
      expect(due.filter((id) => [old.id, older.id, fresh.id].includes(id))).toEqual([older.id, old.id]);
      expect(await store.docs.deleteMap(older.id)).toBe(true);
      expect(await store.life.getTrashed(older.id)).toBeNull();
      expect(await store.docs.loadDocument(older.id)).toBeNull();
      for (const m of [old, fresh]) await store.docs.deleteMap(m.id);
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
  describe('accounts', () => {
    // accounts are workspace-wide: each test opens a fresh store of this backend
    let accounts: Store;
    beforeAll(async () => {
      accounts = await backend.open();
      return () => accounts.close();
    }, 60_000);

    const member = (id: string, email: string, role: 'admin' | 'editor' | 'viewer' = 'editor'): MemberRecord => ({
      id,
      email,
      name: `Name ${id}`,
      role,
      passwordHash: `scrypt$hash-${id}`,
      ssoSubject: null,
      createdAt: `2024-01-01T00:00:0${id.length % 10}.000Z`,
    });

    it('creates the first member only while there is none, then members with unique emails and SSO subjects', async () => {
      const a = accounts.accounts;
      expect(await a.countMembers()).toBe(0);
      expect(await a.createFirstMember(member('m1', 'one@example.com', 'admin'))).toBe(true);
      expect(await a.createFirstMember(member('m2', 'two@example.com', 'admin'))).toBe(false);
      expect(await a.createMember(member('m22', 'two@example.com'))).toBe(true);
      expect(await a.createMember(member('m333', 'two@example.com'))).toBe(false);
      expect(await a.countMembers()).toBe(2);
      expect(await a.getMember('m1')).toEqual(member('m1', 'one@example.com', 'admin'));
      expect((await a.getMemberByEmail('two@example.com'))?.id).toBe('m22');
      expect(await a.getMemberByEmail('three@example.com')).toBeNull();
      expect((await a.listMembers()).map((m) => m.id)).toEqual(['m1', 'm22']);
      expect(await a.setMemberRole('m22', 'viewer')).toBe(true);
      expect(await a.setMemberRole('nobody', 'viewer')).toBe(false);
      expect((await a.getMember('m22'))?.role).toBe('viewer');
      expect(await a.setSsoSubject('m22', 'https://idp|sub-1')).toBe(true);
      expect((await a.getMemberBySsoSubject('https://idp|sub-1'))?.id).toBe('m22');
      expect(await a.createMember({ ...member('m4444', 'four@example.com'), ssoSubject: 'https://idp|sub-1' })).toBe(
        false,
      );
    });

    it('keeps sessions until they expire or are deleted, one by one or all of a member', async () => {
      const a = accounts.accounts;
      await a.createMember(member('s1', 'sessions@example.com'));
      const session = (tokenHash: string, expiresAt: string) => ({
        tokenHash,
        memberId: 's1',
        createdAt: '2024-01-01T00:00:00.000Z',
        expiresAt,
      });
      await a.createSession(session('h1', '2024-01-15T00:00:00.000Z'));
      await a.createSession(session('h2', '2024-01-15T00:00:00.000Z'));
      await a.createSession(session('h3', '2024-01-02T00:00:00.000Z'));
      expect((await a.sessionMember('h1', '2024-01-10T00:00:00.000Z'))?.email).toBe('sessions@example.com');
      expect(await a.sessionMember('h1', '2024-01-15T00:00:00.000Z')).toBeNull(); // expired at that instant
      expect(await a.sessionMember('nope', '2024-01-10T00:00:00.000Z')).toBeNull();
      await a.deleteExpiredSessions('2024-01-10T00:00:00.000Z');
      expect(await a.sessionMember('h3', '2024-01-01T12:00:00.000Z')).toBeNull(); // gone, not just expired
      await a.deleteSession('h1');
      expect(await a.sessionMember('h1', '2024-01-10T00:00:00.000Z')).toBeNull();
      expect(await a.deleteSessionsOf('s1')).toBe(1);
      expect(await a.sessionMember('h2', '2024-01-10T00:00:00.000Z')).toBeNull();
    });

    it('uses an invite once: the member gets its email and role; expired, used or taken invites fail', async () => {
      const a = accounts.accounts;
      const invite = (tokenHash: string, email: string, expiresAt = '2024-02-01T00:00:00.000Z') => ({
        tokenHash,
        email,
        role: 'viewer' as const,
        createdBy: 'm1',
        createdAt: '2024-01-01T00:00:00.000Z',
        expiresAt,
      });
      await a.createInvite(invite('i1', 'invited@example.com'));
      await a.createInvite(invite('i2', 'late@example.com', '2024-01-02T00:00:00.000Z'));
      await a.createInvite(invite('i3', 'one@example.com'));
      const now = '2024-01-10T00:00:00.000Z';
      expect(await a.getInvite('i1', now)).toEqual(invite('i1', 'invited@example.com'));
      expect(await a.getInvite('i2', now)).toBeNull();
      const fields = { id: 'inv1', name: 'Invited', passwordHash: 'h', ssoSubject: null, createdAt: now };
      expect(await a.acceptInvite('i2', now, fields)).toBe('unknown');
      expect(await a.acceptInvite('i3', now, { ...fields, id: 'inv3' })).toBe('email_taken');
      expect(await a.getInvite('i3', now)).not.toBeNull(); // still usable once the clash is sorted out
      expect(await a.acceptInvite('i1', now, fields)).toBe('accepted');
      expect(await a.getMember('inv1')).toMatchObject({
        email: 'invited@example.com',
        role: 'viewer',
        name: 'Invited',
      });
      expect(await a.acceptInvite('i1', now, { ...fields, id: 'inv2' })).toBe('unknown');
    });

    it('counts failed sign-ins per subject within a window and forgets old ones', async () => {
      const a = accounts.accounts;
      await a.recordSignInFailure(['account:x', 'address:1.2.3.4'], '2024-01-01T00:00:00.000Z');
      await a.recordSignInFailure(['account:x'], '2024-01-01T00:10:00.000Z');
      expect(await a.signInFailures('account:x', '2023-12-31T23:59:00.000Z')).toEqual([
        '2024-01-01T00:00:00.000Z',
        '2024-01-01T00:10:00.000Z',
      ]);
      expect(await a.signInFailures('account:x', '2024-01-01T00:05:00.000Z')).toEqual(['2024-01-01T00:10:00.000Z']);
      expect(await a.signInFailures('address:1.2.3.4', '2023-12-31T00:00:00.000Z')).toHaveLength(1);
      await a.pruneSignInFailures('2024-01-01T00:05:00.000Z');
      expect(await a.signInFailures('account:x', '2023-12-31T00:00:00.000Z')).toEqual(['2024-01-01T00:10:00.000Z']);
      expect(await a.signInFailures('address:1.2.3.4', '2023-12-31T00:00:00.000Z')).toEqual([]);
    });
  });

  describe('inbox (mentions)', () => {
    const member = (id: string): MemberRecord => ({
      id,
      email: `${id}@example.com`,
      name: `Name ${id}`,
      role: 'editor',
      passwordHash: `scrypt$hash-${id}`,
      ssoSubject: null,
      createdAt: '2024-01-01T00:00:00.000Z',
    });
    const mention = (id: string, memberId: string, mapId: string, commentId: string, createdAt: string) => ({
      id,
      memberId,
      mapId,
      nodeId: 'n1',
      commentId,
      author: 'Ada',
      excerpt: `@Name ${memberId} look at this`,
      createdAt,
    });

    it('records one mention per member and comment, lists newest first with the map title, and marks read', async () => {
      const memberId = `ib${randomBytes(3).toString('hex')}`;
      const other = `${memberId}x`;
      await store.accounts.createMember(member(memberId));
      await store.accounts.createMember(member(other));
      const map = newMap('Inbox map');
      await store.docs.createMap(map);
      expect(
        await store.inbox.addMention(mention(`${memberId}-1`, memberId, map.id, 'c1', '2026-01-01T10:00:00.000Z')),
      ).toBe(true);
      // the same comment again (a second process saw it too): not a second mention
      expect(
        await store.inbox.addMention(mention(`${memberId}-1b`, memberId, map.id, 'c1', '2026-01-01T10:00:00.000Z')),
      ).toBe(false);
      expect(
        await store.inbox.addMention(mention(`${memberId}-2`, memberId, map.id, 'c2', '2026-01-01T11:00:00.000Z')),
      ).toBe(true);
      expect(await store.inbox.addMention(mention(`${other}-1`, other, map.id, 'c2', '2026-01-01T11:00:00.000Z'))).toBe(
        true,
      );
      expect(
        await store.inbox.addMention(mention(`${memberId}-3`, memberId, 'nosuchmap', 'c3', '2026-01-01T12:00:00.000Z')),
      ).toBe(false);

      const listed = await store.inbox.listMentions(memberId, 10);
      expect(listed.map((m) => m.commentId)).toEqual(['c2', 'c1']);
      expect(listed[0]).toMatchObject({
        mapId: map.id,
        mapTitle: 'Inbox map',
        nodeId: 'n1',
        author: 'Ada',
        readAt: null,
      });
      expect(await store.inbox.listMentions(memberId, 1)).toHaveLength(1);
      expect(await store.inbox.unreadMentions(memberId)).toBe(2);

      expect(
        await store.inbox.markMentionsRead(memberId, [`${memberId}-2`, `${other}-1`], '2026-01-02T00:00:00.000Z'),
      ).toBe(1);
      expect(await store.inbox.unreadMentions(memberId)).toBe(1);
      expect(await store.inbox.unreadMentions(other)).toBe(1); // another member's mention is not theirs to read
      expect(await store.inbox.markMentionsRead(memberId, 'all', '2026-01-03T00:00:00.000Z')).toBe(1);
      expect(await store.inbox.unreadMentions(memberId)).toBe(0);
      expect((await store.inbox.listMentions(memberId, 10))[0]?.readAt).toBe('2026-01-02T00:00:00.000Z');

      // a map in the trash hides its mentions; a deleted map takes them along
      await store.life.trash(map.id, '2026-01-04T00:00:00.000Z');
      expect(await store.inbox.listMentions(other, 10)).toEqual([]);
      expect(await store.inbox.unreadMentions(other)).toBe(0);
      await store.life.restore(map.id);
      expect(await store.inbox.unreadMentions(other)).toBe(1);
      await store.docs.deleteMap(map.id);
      expect(await store.inbox.listMentions(other, 10)).toEqual([]);
    });
  });

  describe('history', () => {
    const change = (mapId: string, nodeId: string, field: string, at: string, name = 'Ada') => ({
      mapId,
      nodeId,
      field,
      oldValue: '"old"',
      newValue: '"new"',
      at,
      author: { kind: 'member' as const, id: 'm1', name },
    });

    it('keeps node changes newest first, by node and in pages; activity with creator and last edit', async () => {
      const map = newMap('History');
      const other = newMap('Other');
      await store.docs.createMap(map);
      await store.docs.createMap(other);
      await store.history.addChanges([
        change(map.id, 'n1', 'label', '2026-01-01T10:00:00.000Z'),
        change(map.id, 'n2', 'created', '2026-01-01T10:01:00.000Z'),
        {
          ...change(map.id, 'n1', 'channelId', '2026-01-01T10:02:00.000Z'),
          author: { kind: 'guest', id: null, name: 'Gus' },
        },
        change(other.id, 'n1', 'label', '2026-01-01T10:03:00.000Z'),
        change('nosuchmap', 'n1', 'label', '2026-01-01T10:04:00.000Z'),
      ]);
      const all = await store.history.listChanges(map.id, { limit: 10 });
      expect(all.map((c) => [c.nodeId, c.field])).toEqual([
        ['n1', 'channelId'],
        ['n2', 'created'],
        ['n1', 'label'],
      ]);
      expect(all[0]).toMatchObject({
        mapId: map.id,
        oldValue: '"old"',
        newValue: '"new"',
        author: { kind: 'guest', id: null, name: 'Gus' },
      });
      expect(all[0]!.id).toBeGreaterThan(all[1]!.id);
      const n1 = await store.history.listChanges(map.id, { nodeId: 'n1', limit: 10 });
      expect(n1.map((c) => c.field)).toEqual(['channelId', 'label']);
      const page = await store.history.listChanges(map.id, { beforeId: all[0]!.id, limit: 1 });
      expect(page.map((c) => c.field)).toEqual(['created']);

      await store.history.setCreator(map.id, { id: 'm1', name: 'Ada' });
      await store.history.touchMaps([
        { mapId: map.id, at: '2026-01-02T00:00:00.000Z' },
        { mapId: map.id, at: '2026-01-01T00:00:00.000Z' }, // an older touch keeps the newer time
        { mapId: 'nosuchmap', at: '2026-01-02T00:00:00.000Z' },
      ]);
      const activity = (await store.history.mapActivity()).find((a) => a.mapId === map.id);
      expect(activity).toEqual({
        mapId: map.id,
        updatedAt: '2026-01-02T00:00:00.000Z',
        createdBy: { id: 'm1', name: 'Ada' },
      });
      expect((await store.history.mapActivity()).some((a) => a.mapId === 'nosuchmap')).toBe(false);

      await store.docs.deleteMap(map.id); // history goes with its map
      expect(await store.history.listChanges(map.id, { limit: 10 })).toEqual([]);
      expect((await store.history.mapActivity()).some((a) => a.mapId === map.id)).toBe(false);
      expect(await store.history.listChanges(other.id, { limit: 10 })).toHaveLength(1);
    });
  });
});
