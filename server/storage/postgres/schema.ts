// The PostgreSQL schema as ordered migrations, each applied once in its own transaction and recorded
// in `schema_migrations`. Processes starting together take an advisory lock, so one migrates and the
// others wait and find it done. Never edit a shipped migration: add one.
import type pg from 'pg';
import { ACCOUNTS_TABLES_SQL } from './accounts';
import { LIFE_TABLES_SQL } from './life';
import { INBOX_TABLES_SQL } from './inbox';
import { HISTORY_TABLES_SQL } from './history';
import { withClient } from './tx';
import { EVENTS_MIGRATION, POSTGRES_EVENT_TABLES_SQL } from '../../events/schema';

export const MIGRATIONS: { version: number; name: string; sql: string }[] = [
  {
    version: 1,
    name: 'maps, update log, snapshots',
    sql: `
      CREATE TABLE maps (
        id TEXT PRIMARY KEY,
        title TEXT NOT NULL,
        editor_key_hash TEXT NOT NULL,
        viewer_key_hash TEXT NOT NULL,
        created_at TEXT NOT NULL
      );
      -- one sequence for every map: a seq is never reused, and an update that depends on another
      -- (its author saw the other, which was committed first) always has the higher seq
      CREATE TABLE updates (
        seq BIGSERIAL PRIMARY KEY,
        map_id TEXT NOT NULL REFERENCES maps(id) ON DELETE CASCADE,
        bytes BYTEA NOT NULL
      );
      CREATE INDEX updates_by_map ON updates (map_id, seq);
      CREATE TABLE snapshots (
        map_id TEXT PRIMARY KEY REFERENCES maps(id) ON DELETE CASCADE,
        snapshot BYTEA NOT NULL,
        upto_seq BIGINT NOT NULL
      );
    `,
  },
  {
    version: 2,
    name: 'media: bytes in chunks, records per map',
    sql: `
      -- the bytes of each upload, once per content (sha-256), in chunks of at most 1 MiB
      CREATE TABLE media_blobs (
        hash TEXT PRIMARY KEY,
        size BIGINT NOT NULL,
        created_at TEXT NOT NULL
      );
      CREATE TABLE media_chunks (
        hash TEXT NOT NULL REFERENCES media_blobs(hash) ON DELETE CASCADE,
        n INTEGER NOT NULL,
        bytes BYTEA NOT NULL,
        PRIMARY KEY (hash, n)
      );
      -- a record needs its bytes: the foreign key makes "delete unreferenced bytes" and "record
      -- these bytes for a map" exclude each other across processes
      CREATE TABLE media (
        map_id TEXT NOT NULL REFERENCES maps(id) ON DELETE CASCADE,
        hash TEXT NOT NULL REFERENCES media_blobs(hash),
        name TEXT NOT NULL,
        mime TEXT NOT NULL,
        size BIGINT NOT NULL,
        kind TEXT NOT NULL,
        created_at TEXT NOT NULL,
        PRIMARY KEY (map_id, hash)
      );
      CREATE INDEX media_by_hash ON media (hash);
    `,
  },
  {
    version: 3,
    name: 'ingest keys, webhooks, versions',
    sql: `
      CREATE TABLE ingest_keys (
        map_id TEXT PRIMARY KEY REFERENCES maps(id) ON DELETE CASCADE,
        key_hash TEXT NOT NULL,
        rotated_at TEXT NOT NULL
      );
      CREATE TABLE webhooks (
        id TEXT PRIMARY KEY,
        map_id TEXT NOT NULL REFERENCES maps(id) ON DELETE CASCADE,
        url TEXT NOT NULL,
        secret TEXT NOT NULL,
        created_at TEXT NOT NULL,
        last_status INTEGER,
        last_error TEXT,
        attempts INTEGER NOT NULL DEFAULT 0,
        last_attempt_at TEXT
      );
      CREATE INDEX webhooks_by_map ON webhooks (map_id);
      -- versions order by seq (insertion order), which breaks ties of equal times
      CREATE TABLE versions (
        seq BIGSERIAL PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        map_id TEXT NOT NULL REFERENCES maps(id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        created_at TEXT NOT NULL,
        auto BOOLEAN NOT NULL,
        snapshot BYTEA NOT NULL
      );
      CREATE INDEX versions_by_map ON versions (map_id, seq);
    `,
  },
  { version: 5, name: 'accounts: members, sessions, invites, failed sign-ins', sql: ACCOUNTS_TABLES_SQL },
  { version: 6, name: 'trash of the map list', sql: LIFE_TABLES_SQL },
  { version: 7, name: 'mentions inbox', sql: INBOX_TABLES_SQL },
  { version: 8, name: 'map history: activity and node changes', sql: HISTORY_TABLES_SQL },
  {
    version: EVENTS_MIGRATION,
    name: 'observed journeys: events, terms, activity mappings',
    sql: POSTGRES_EVENT_TABLES_SQL,
  },
];

/** Any constant: the key of the advisory lock that serialises migrations between processes. */
const MIGRATION_LOCK = 7_420_311;

/** Applies the migrations not yet recorded; returns the versions applied now. */
export async function migrate(pool: pg.Pool): Promise<number[]> {
  return withClient(pool, (client) => migrateOn(client));
}

async function migrateOn(client: pg.PoolClient): Promise<number[]> {
  const applied: number[] = [];
  await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
  try {
    await client.query(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())',
    );
    const { rows } = await client.query<{ version: number }>('SELECT version FROM schema_migrations');
    const done = new Set(rows.map((row) => row.version));
    for (const migration of MIGRATIONS) {
      if (done.has(migration.version)) continue;
      await client.query('BEGIN');
      try {
        await client.query(migration.sql);
        await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
          migration.version,
          migration.name,
        ]);
        await client.query('COMMIT');
      } catch (err) {
        await client.query('ROLLBACK');
        throw err;
      }
      applied.push(migration.version);
    }
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
  }
  return applied;
}
