// Moving an embedded install (SQLite in DATA_DIR) to PostgreSQL for scale-out. Every map is copied
// with its keys (hashes), its document (snapshot and update log folded into one snapshot), versions,
// media (records, and the bytes from DATA_DIR/media), ingest key, webhooks and contact-log events. Each map is written
// in one transaction, so a map is copied whole or not at all; a map already in PostgreSQL is
// skipped, so running it again is safe. The SQLite file is only read.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { foldUpdates } from '../storage/postgres/docs';
import { PostgresStore } from '../storage/postgres/store';
import type pg from 'pg';
import { inTransaction } from '../storage/postgres/tx';

export interface MigrationReport {
  maps: number;
  skipped: number;
  /** Updates of the logs folded into the copied snapshots. */
  updates: number;
  versions: number;
  media: number;
  /** Distinct media files whose bytes were stored in PostgreSQL (some may have been there already). */
  mediaFiles: number;
  /** Media records left out because their file was missing from DATA_DIR/media. */
  mediaMissing: string[];
  ingestKeys: number;
  webhooks: number;
  /** Events of contact logs (observed journeys) copied. */
  events: number;
}

export interface MigrationOptions {
  dataDir: string;
  databaseUrl: string;
  /** Progress lines (one per map). */
  log?: (line: string) => void;
}

interface MapRow {
  id: string;
  title: string;
  editor_key_hash: string;
  viewer_key_hash: string;
  created_at: string;
}

type Row = Record<string, unknown>;

export class MigrationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MigrationError';
  }
}

function hasTable(db: Database.Database, name: string): boolean {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;
}

/** All rows of `table` for the map, or none when that table is older than the install (not created yet). */
function rowsOf(db: Database.Database, table: string, mapId: string, order: string): Row[] {
  if (!hasTable(db, table)) return [];
  return db.prepare(`SELECT * FROM ${table} WHERE map_id = ? ORDER BY ${order}`).all(mapId) as Row[];
}

export async function migrateSqliteToPostgres(options: MigrationOptions): Promise<MigrationReport> {
  const file = path.join(options.dataDir, 'percorso.db');
  if (!fs.existsSync(file)) throw new MigrationError(`no embedded database at ${file} (set DATA_DIR or --data-dir)`);
  const db = new Database(file, { readonly: true, fileMustExist: true });
  const log = options.log ?? (() => undefined);
  const report: MigrationReport = {
    maps: 0,
    skipped: 0,
    updates: 0,
    versions: 0,
    media: 0,
    mediaFiles: 0,
    mediaMissing: [],
    ingestKeys: 0,
    webhooks: 0,
    events: 0,
  };
  let store: PostgresStore | null = null;
  try {
    store = await PostgresStore.connect(options.databaseUrl);
    const maps = db
      .prepare('SELECT id, title, editor_key_hash, viewer_key_hash, created_at FROM maps ORDER BY created_at, id')
      .all() as MapRow[];
    const storedFiles = new Set<string>();
    const updateLog = hasTable(db, 'update_journal') ? 'update_log' : 'updates';
    for (const map of maps) {
      if (await store.docs.getMap(map.id)) {
        report.skipped++;
        log(`skip ${map.id} (already in PostgreSQL)`);
        continue;
      }
      const snap = db.prepare('SELECT snapshot, upto_seq FROM snapshots WHERE map_id = ?').get(map.id) as
        { snapshot: Buffer; upto_seq: number } | undefined;
      const updates = db
        // an older file has no journal (nor its view): then the log is `updates` alone
        .prepare(`SELECT bytes FROM ${updateLog} WHERE map_id = ? AND seq > ? ORDER BY seq`)
        .all(map.id, snap?.upto_seq ?? 0) as {
        bytes: Buffer;
      }[];
      const snapshot = foldUpdates(
        snap ? new Uint8Array(snap.snapshot) : null,
        updates.map((u) => new Uint8Array(u.bytes)),
      );

      // media bytes first (shared between maps, idempotent): a record needs its bytes
      const media = rowsOf(db, 'media', map.id, 'created_at, hash').filter((m) => {
        const hash = String(m.hash);
        const bytes = path.join(options.dataDir, 'media', hash.slice(0, 2), hash);
        if (fs.existsSync(bytes)) return true;
        report.mediaMissing.push(`${map.id}/${hash}`);
        return false;
      });
      for (const m of media) {
        const hash = String(m.hash);
        if (storedFiles.has(hash)) continue;
        await store.media.putBlob(hash, path.join(options.dataDir, 'media', hash.slice(0, 2), hash));
        storedFiles.add(hash);
      }
      const versions = rowsOf(db, 'versions', map.id, 'seq');
      const hooks = rowsOf(db, 'webhooks', map.id, 'created_at, id');
      const ingest = rowsOf(db, 'ingest_keys', map.id, 'map_id')[0];

      let events = 0;
      await inTransaction(store.pool, async (client) => {
        await client.query(
          'INSERT INTO maps (id, title, editor_key_hash, viewer_key_hash, created_at) VALUES ($1, $2, $3, $4, $5)',
          [map.id, map.title, map.editor_key_hash, map.viewer_key_hash, map.created_at],
        );
        await client.query('INSERT INTO snapshots (map_id, snapshot, upto_seq) VALUES ($1, $2, 0)', [
          map.id,
          Buffer.from(snapshot),
        ]);
        for (const m of media) {
          await client.query(
            'INSERT INTO media (map_id, hash, name, mime, size, kind, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)',
            [map.id, m.hash, m.name, m.mime, m.size, m.kind, m.created_at],
          );
        }
        for (const v of versions) {
          await client.query(
            'INSERT INTO versions (id, map_id, name, created_at, auto, snapshot) VALUES ($1, $2, $3, $4, $5, $6)',
            [v.id, map.id, v.name, v.created_at, v.auto === 1, v.snapshot],
          );
        }
        if (ingest) {
          await client.query('INSERT INTO ingest_keys (map_id, key_hash, rotated_at) VALUES ($1, $2, $3)', [
            map.id,
            ingest.key_hash,
            ingest.rotated_at,
          ]);
        }
        events = await copyEvents(db, client, map.id);
        for (const h of hooks) {
          await client.query(
            `INSERT INTO webhooks (id, map_id, url, secret, created_at, last_status, last_error, attempts, last_attempt_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
            [h.id, map.id, h.url, h.secret, h.created_at, h.last_status, h.last_error, h.attempts, h.last_attempt_at],
          );
        }
      });
      report.maps++;
      report.updates += updates.length;
      report.versions += versions.length;
      report.media += media.length;
      report.ingestKeys += ingest ? 1 : 0;
      report.webhooks += hooks.length;
      report.events += events;
      log(
        `copied ${map.id}: ${updates.length} updates folded, ${versions.length} versions, ${media.length} media, ${hooks.length} webhooks, ${events} events`,
      );
    }
    report.mediaFiles = storedFiles.size;
  } finally {
    db.close();
    await store?.close();
  }
  return report;
}

/** Rows per statement when events and their terms are copied: memory stays bounded whatever the log. */
const EVENT_ROWS_PER_COPY = 10_000;

/**
 * Copies a map's contact-log events, terms and activity mappings inside the map's transaction.
 * Term ids are PostgreSQL's own (other maps may hold the SQLite ids), so events are rewritten with
 * them. Returns the number of events copied.
 */
async function copyEvents(db: Database.Database, client: pg.PoolClient, mapId: string): Promise<number> {
  if (!hasTable(db, 'event_maps')) return 0;
  const space = db.prepare('SELECT n, salt, version FROM event_maps WHERE map_id = ?').get(mapId) as
    { n: number; salt: string; version: number } | undefined;
  if (!space) return 0;
  const { rows } = await client.query<{ n: string }>(
    'INSERT INTO event_maps (map_id, salt, version) VALUES ($1, $2, $3) RETURNING n',
    [mapId, space.salt, space.version],
  );
  const n = Number(rows[0]!.n);
  const newId = new Map<number, number>();
  const flushTerms = async (terms: { id: number; kind: number; text: string }[]): Promise<void> => {
    if (terms.length === 0) return;
    const added = await client.query<{ id: string; kind: number; text: string }>(
      `INSERT INTO event_terms (space, kind, text) SELECT $1, * FROM unnest($2::smallint[], $3::text[])
       RETURNING id, kind, text`,
      [n, terms.map((t) => t.kind), terms.map((t) => t.text)],
    );
    const byText = new Map(added.rows.map((r) => [`${r.kind}:${r.text}`, Number(r.id)]));
    for (const t of terms) newId.set(t.id, byText.get(`${t.kind}:${t.text}`)!);
  };
  let terms: { id: number; kind: number; text: string }[] = [];
  for (const term of db
    .prepare('SELECT id, kind, text FROM event_terms WHERE space = ? ORDER BY id')
    .iterate(space.n) as IterableIterator<{ id: number; kind: number; text: string }>) {
    terms.push(term);
    if (terms.length >= EVENT_ROWS_PER_COPY) {
      await flushTerms(terms);
      terms = [];
    }
  }
  await flushTerms(terms);

  const id = (old: number): number => (old === 0 ? 0 : newId.get(old)!);
  let copied = 0;
  const columns = (): number[][] => [[], [], [], [], [], []];
  let batch = columns();
  const flushEvents = async (): Promise<void> => {
    if (batch[0]!.length === 0) return;
    const added = await client.query(
      `INSERT INTO events (space, customer, at, key, raw, channel, attrs)
       SELECT $1, * FROM unnest($2::bigint[], $3::bigint[], $4::bigint[], $5::bigint[], $6::bigint[], $7::bigint[])`,
      [n, ...batch],
    );
    copied += added.rowCount ?? 0;
    batch = columns();
  };
  for (const row of db
    .prepare('SELECT customer, at, key, raw, channel, attrs FROM events WHERE space = ?')
    .raw(true)
    .iterate(space.n) as IterableIterator<number[]>) {
    batch[0]!.push(id(row[0]!));
    batch[1]!.push(row[1]!);
    for (let c = 2; c < 6; c++) batch[c]!.push(id(row[c]!));
    if (batch[0]!.length >= EVENT_ROWS_PER_COPY) await flushEvents();
  }
  await flushEvents();
  for (const m of db.prepare('SELECT activity, touchpoint FROM event_mappings WHERE space = ?').all(space.n) as {
    activity: string;
    touchpoint: string;
  }[]) {
    await client.query('INSERT INTO event_mappings (space, activity, touchpoint) VALUES ($1, $2, $3)', [
      n,
      m.activity,
      m.touchpoint,
    ]);
  }
  return copied;
}
