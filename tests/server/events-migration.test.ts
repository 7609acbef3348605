// The event tables are migration 9 of each store: a database created before (no event tables, or
// the tables an earlier release created at open without recording a migration) is upgraded when
// the store opens, its events kept, and the events backend works on it.
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { PostgresEvents } from '../../server/events/postgresEvents';
import { EVENTS_MIGRATION } from '../../server/events/schema';
import { SqliteEvents } from '../../server/events/sqliteEvents';
import { TERM, type EventBackend } from '../../server/events/types';
import { PostgresStore } from '../../server/storage/postgres/store';
import { SqliteStore } from '../../server/storage/sqlite/store';
import type { NewMap, Store } from '../../server/storage/store';
import { startPostgres, type PostgresService } from './helpers/services';
import { tempDir } from './helpers/testServer';

const EVENT_TABLES = ['event_mappings', 'events', 'event_terms', 'event_maps'];

function newMap(): NewMap {
  const doc = new Y.Doc();
  doc.getMap('meta').set('title', 'Map');
  return {
    id: `map${randomBytes(6).toString('hex')}`,
    title: 'Map',
    editorKeyHash: 'e'.repeat(64),
    viewerKeyHash: 'v'.repeat(64),
    createdAt: new Date().toISOString(),
    snapshot: Y.encodeStateAsUpdate(doc),
  };
}

/** Stores two events of one customer for the map; returns the space. */
async function storeEvents(events: EventBackend, mapId: string): Promise<number> {
  const space = await events.space(mapId, true);
  if (!space) throw new Error('no space');
  const [customer] = await events.termIds(space.n, TERM.customer, ['c1']);
  const [a, b] = await events.termIds(space.n, TERM.key, ['tp:a', 'tp:b']);
  const added = await events.insert(space.n, {
    customer: Int32Array.of(customer!, customer!),
    at: Float64Array.of(1_000, 2_000),
    key: Int32Array.of(a!, b!),
    raw: Int32Array.of(a!, b!),
    channel: Int32Array.of(0, 0),
    attrs: Int32Array.of(0, 0),
  });
  expect(added).toBe(2);
  return space.n;
}

async function expectEvents(events: EventBackend, mapId: string, count: number): Promise<void> {
  const space = await events.space(mapId, false);
  expect(space).not.toBeNull();
  expect((await events.scan(space!.n)).count).toBe(count);
}

async function closeAll(...things: ({ close(): Promise<void> } | null)[]): Promise<void> {
  for (const thing of things) await thing?.close();
}

describe('SQLite: the event tables are migration 9', () => {
  function sqliteState(file: string): { migrations: number[]; tables: string[] } {
    const db = new Database(file, { readonly: true });
    try {
      const migrations = db
        .prepare<[], { version: number }>('SELECT version FROM migrations ORDER BY version')
        .all()
        .map((r) => r.version);
      const tables = db
        .prepare<[], { name: string }>(`SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'event%'`)
        .all()
        .map((r) => r.name)
        .sort();
      return { migrations, tables };
    } finally {
      db.close();
    }
  }

  it('a new database has them and records the migration', async () => {
    const dir = tempDir();
    const store = new SqliteStore(dir);
    await store.close();
    const state = sqliteState(path.join(dir, 'percorso.db'));
    expect(state.migrations).toContain(EVENTS_MIGRATION);
    expect(state.tables).toEqual([...EVENT_TABLES].sort());
  });

  it('a database of a release before events is upgraded at open, and takes events', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'percorso.db');
    let store: Store | null = new SqliteStore(dir);
    const map = newMap();
    await store.docs.createMap(map);
    await store.close();
    // as that release left it: no event tables, migrations up to 8
    const raw = new Database(file);
    for (const table of EVENT_TABLES) raw.exec(`DROP TABLE ${table}`);
    raw.prepare('DELETE FROM migrations WHERE version = ?').run(EVENTS_MIGRATION);
    raw.close();
    expect(sqliteState(file).tables).toEqual([]);

    store = new SqliteStore(dir);
    const events = new SqliteEvents(file);
    try {
      expect(sqliteState(file).migrations).toContain(EVENTS_MIGRATION);
      await storeEvents(events, map.id);
      await expectEvents(events, map.id, 2);
      // the tables are linked to the maps: deleting the map deletes its events
      await store.docs.deleteMap(map.id);
      expect(await events.space(map.id, false)).toBeNull();
    } finally {
      await closeAll(events, store);
    }
  });

  it('a database whose event tables were created at open (no migration recorded) keeps its events', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'percorso.db');
    let store: Store | null = new SqliteStore(dir);
    const map = newMap();
    await store.docs.createMap(map);
    let events = new SqliteEvents(file);
    await storeEvents(events, map.id);
    await closeAll(events, store);
    const raw = new Database(file);
    raw.prepare('DELETE FROM migrations WHERE version = ?').run(EVENTS_MIGRATION);
    raw.close();

    store = new SqliteStore(dir);
    events = new SqliteEvents(file);
    try {
      expect(sqliteState(file).migrations).toContain(EVENTS_MIGRATION);
      await expectEvents(events, map.id, 2);
    } finally {
      await closeAll(events, store);
    }
  });
});

describe('PostgreSQL: the event tables are migration 9', () => {
  let service: PostgresService;

  beforeAll(async () => {
    service = await startPostgres();
  }, 60_000);

  afterAll(async () => {
    await service?.stop();
  });

  async function query<T extends pg.QueryResultRow>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return (await client.query<T>(sql, params)).rows;
    } finally {
      await client.end();
    }
  }

  const eventTables = async (url: string): Promise<string[]> =>
    (
      await query<{ tablename: string }>(
        url,
        `SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename LIKE 'event%' ORDER BY tablename`,
      )
    ).map((r) => r.tablename);

  const recorded = async (url: string): Promise<number[]> =>
    (await query<{ version: number }>(url, 'SELECT version FROM schema_migrations ORDER BY version')).map(
      (r) => r.version,
    );

  it('a database of a release before events is upgraded at connect, and takes events', async () => {
    const url = await service.createDatabase('events_upgrade');
    let store = await PostgresStore.connect(url);
    const map = newMap();
    await store.docs.createMap(map);
    await store.close();
    await query(url, `DROP TABLE ${EVENT_TABLES.join(', ')}`);
    await query(url, 'DELETE FROM schema_migrations WHERE version = $1', [EVENTS_MIGRATION]);
    expect(await eventTables(url)).toEqual([]);

    store = await PostgresStore.connect(url);
    const events = await PostgresEvents.open(store.pool);
    try {
      expect(await recorded(url)).toContain(EVENTS_MIGRATION);
      expect(await eventTables(url)).toEqual([...EVENT_TABLES].sort());
      await storeEvents(events, map.id);
      await expectEvents(events, map.id, 2);
    } finally {
      await closeAll(events, store);
    }
  });

  it('a database whose event tables were created at open (no migration recorded) keeps its events', async () => {
    const url = await service.createDatabase('events_kept');
    let store = await PostgresStore.connect(url);
    const map = newMap();
    await store.docs.createMap(map);
    let events = await PostgresEvents.open(store.pool);
    await storeEvents(events, map.id);
    await closeAll(events, store);
    await query(url, 'DELETE FROM schema_migrations WHERE version = $1', [EVENTS_MIGRATION]);

    store = await PostgresStore.connect(url);
    events = await PostgresEvents.open(store.pool);
    try {
      expect(await recorded(url)).toContain(EVENTS_MIGRATION);
      await expectEvents(events, map.id, 2);
    } finally {
      await closeAll(events, store);
    }
  });
});
