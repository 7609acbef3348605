// The embedded store: one SQLite file (DATA_DIR/percorso.db) in WAL mode, via better-sqlite3.
// better-sqlite3 is synchronous, so each method has committed its transaction before it returns,
// except appendUpdate, which commits the updates of one event-loop turn together (group commit).
// Commits are synchronous=NORMAL and the WAL is checkpointed (and fsynced) on a worker thread
// every second (walCheckpointer.ts): a commit survives a crash of the process at once and a crash
// of the machine after at most that second, and never waits for the disk on the event loop.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { MapRecord, MediaRecord, NewMap, Store, StoredDocument } from './store';
import { MEDIA_TABLE_SQL, SqliteMedia } from './sqliteMedia';
import { FEATURES_TABLES_SQL, SqliteFeatures } from './sqliteFeatures';
import type { IngestKeyRecord, NewVersion, StoredVersion, VersionInfo, VersionSize, WebhookDelivery, WebhookRecord } from './store';
import { WalCheckpointer } from './walCheckpointer';

export interface SqliteStoreOptions {
  /** How often the worker checkpoints the WAL (ms): the most a crash of the machine can lose. */
  checkpointEveryMs?: number;
  /** Told when the checkpoint worker fails (the store then checkpoints and fsyncs on its own connection). */
  onCheckpointerFailure?(reason: string): void;
}

/** Schema migrations, applied in order, each once, recorded in `migrations`. Never edit a shipped one. */
const MIGRATIONS: { version: number; sql: string }[] = [
  {
    version: 1,
    sql: `
      CREATE TABLE maps (
        id TEXT PRIMARY KEY,
        title TEXT NOT NULL,
        editor_key_hash TEXT NOT NULL,
        viewer_key_hash TEXT NOT NULL,
        created_at TEXT NOT NULL
      );
      -- AUTOINCREMENT: a seq is never reused, even after compaction deleted every row.
      CREATE TABLE updates (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        map_id TEXT NOT NULL REFERENCES maps(id) ON DELETE CASCADE,
        bytes BLOB NOT NULL
      );
      CREATE INDEX updates_by_map ON updates(map_id, seq);
      CREATE TABLE snapshots (
        map_id TEXT PRIMARY KEY REFERENCES maps(id) ON DELETE CASCADE,
        snapshot BLOB NOT NULL,
        upto_seq INTEGER NOT NULL
      );
    `,
  },
  // media: which map holds which uploaded bytes (sqliteMedia.ts)
  { version: 2, sql: MEDIA_TABLE_SQL },
  // ingest keys, webhooks and versions (sqliteFeatures.ts)
  { version: 3, sql: FEATURES_TABLES_SQL },
];

/** Thrown inside the write probe's transaction so it rolls back. */
const ROLLBACK = Symbol('rollback');

/** Bytes the WAL file keeps after a checkpoint restarted it (walCheckpointer.ts restarts it past 16 MiB). */
const WAL_SIZE_LIMIT = 16 * 1024 * 1024;

interface PendingAppend {
  mapId: string;
  bytes: Buffer;
  resolve(seq: number): void;
  reject(err: unknown): void;
}

interface MapRow {
  id: string;
  title: string;
  editor_key_hash: string;
  viewer_key_hash: string;
  created_at: string;
}

function toBytes(value: Buffer): Uint8Array {
  return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
}

export class SqliteStore implements Store {
  private readonly db: Database.Database;
  private readonly stmt;
  private readonly media: SqliteMedia;
  private readonly features: SqliteFeatures;
  private readonly checkpointer: WalCheckpointer;

  constructor(dataDir: string, options: SqliteStoreOptions = {}) {
    fs.mkdirSync(dataDir, { recursive: true });
    const file = path.join(dataDir, 'percorso.db');
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    // NORMAL: a commit is in the WAL (the OS has it) before appendUpdate returns, so an update that
    // was relayed survives a crash of the process; the checkpoint worker makes it survive a crash of
    // the machine within checkpointEveryMs. FULL would fsync on the event loop for every update.
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('wal_autocheckpoint = 0');
    // when a checkpoint restarts the WAL, its file is cut back to this size
    this.db.pragma(`journal_size_limit = ${WAL_SIZE_LIMIT}`);
    this.db.pragma('foreign_keys = ON');
    this.db.pragma('busy_timeout = 5000');
    this.migrate();
    const db = this.db;
    this.stmt = {
      insertMap: db.prepare(
        'INSERT INTO maps (id, title, editor_key_hash, viewer_key_hash, created_at) VALUES (?, ?, ?, ?, ?)',
      ),
      insertSnapshot: db.prepare('INSERT INTO snapshots (map_id, snapshot, upto_seq) VALUES (?, ?, 0)'),
      getMap: db.prepare<[string], MapRow>(
        'SELECT id, title, editor_key_hash, viewer_key_hash, created_at FROM maps WHERE id = ?',
      ),
      deleteMap: db.prepare('DELETE FROM maps WHERE id = ?'),
      // run() + lastInsertRowid, not RETURNING + get(): get() stops stepping after the first row,
      // and SQLite then never runs the WAL autocheckpoint the fallback relies on
      append: db.prepare<[string, Buffer]>('INSERT INTO updates (map_id, bytes) VALUES (?, ?)'),
      getSnapshot: db.prepare<[string], { snapshot: Buffer; upto_seq: number }>(
        'SELECT snapshot, upto_seq FROM snapshots WHERE map_id = ?',
      ),
      getUpdates: db.prepare<[string, number], { seq: number; bytes: Buffer }>(
        'SELECT seq, bytes FROM updates WHERE map_id = ? AND seq > ? ORDER BY seq',
      ),
      upsertSnapshot: db.prepare(
        `INSERT INTO snapshots (map_id, snapshot, upto_seq) VALUES (?, ?, ?)
         ON CONFLICT(map_id) DO UPDATE SET snapshot = excluded.snapshot, upto_seq = excluded.upto_seq
         WHERE excluded.upto_seq >= snapshots.upto_seq`,
      ),
      deleteUpdates: db.prepare('DELETE FROM updates WHERE map_id = ? AND seq <= ?'),
      setTitle: db.prepare('UPDATE maps SET title = ? WHERE id = ?'),
    };
    this.media = new SqliteMedia(db);
    this.features = new SqliteFeatures(db);
    this.checkpointer = new WalCheckpointer(file, {
      intervalMs: options.checkpointEveryMs ?? 1000,
      onFailure: (reason) => {
        // without the worker: checkpoint here, and fsync every commit as the cost of doing so
        if (this.db.open) {
          this.db.pragma('synchronous = FULL');
          this.db.pragma('wal_autocheckpoint = 1000');
        }
        options.onCheckpointerFailure?.(reason);
      },
    });
  }

  private migrate(): void {
    this.db.exec('CREATE TABLE IF NOT EXISTS migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)');
    const applied = new Set(
      this.db.prepare<[], { version: number }>('SELECT version FROM migrations').all().map((row) => row.version),
    );
    for (const migration of MIGRATIONS) {
      if (applied.has(migration.version)) continue;
      this.db.transaction(() => {
        this.db.exec(migration.sql);
        this.db.prepare('INSERT INTO migrations (version, applied_at) VALUES (?, ?)').run(migration.version, new Date().toISOString());
      })();
    }
  }

  async createMap(map: NewMap): Promise<void> {
    this.db.transaction(() => {
      this.stmt.insertMap.run(map.id, map.title, map.editorKeyHash, map.viewerKeyHash, map.createdAt);
      this.stmt.insertSnapshot.run(map.id, Buffer.from(map.snapshot));
    })();
  }

  async getMap(id: string): Promise<MapRecord | null> {
    const row = this.stmt.getMap.get(id);
    if (!row) return null;
    return {
      id: row.id,
      title: row.title,
      editorKeyHash: row.editor_key_hash,
      viewerKeyHash: row.viewer_key_hash,
      createdAt: row.created_at,
    };
  }

  async deleteMap(id: string): Promise<boolean> {
    return this.stmt.deleteMap.run(id).changes > 0;
  }

  /**
   * Group commit: the updates that arrive in one turn of the event loop are committed together, in
   * one transaction, after the turn's I/O (setImmediate); each promise resolves with its seq once
   * that transaction is committed. A commit writes whole pages (the updates table, its index, the
   * seq counter) however small the update, so under load one commit per update wrote kilobytes per
   * byte of edit. Order is kept: seqs follow the order of the calls.
   */
  appendUpdate(mapId: string, update: Uint8Array): Promise<number> {
    if (!this.db.open) return Promise.reject(new Error('the store is closed'));
    return new Promise<number>((resolve, reject) => {
      this.pendingAppends.push({ mapId, bytes: Buffer.from(update.buffer, update.byteOffset, update.byteLength), resolve, reject });
      if (this.pendingAppends.length === 1) setImmediate(this.flushAppends);
    });
  }

  private pendingAppends: PendingAppend[] = [];

  /** One row of the update log; its seq. */
  private readonly insertUpdate = (item: PendingAppend): number => Number(this.stmt.append.run(item.mapId, item.bytes).lastInsertRowid);

  private readonly flushAppends = (): void => {
    const batch = this.pendingAppends;
    this.pendingAppends = [];
    if (batch.length === 0) return;
    let seqs: number[];
    try {
      seqs = this.db.transaction(() => batch.map(this.insertUpdate))();
    } catch {
      // one bad item (its map deleted meanwhile) must not fail the others: each on its own
      for (const item of batch) {
        try {
          item.resolve(this.insertUpdate(item));
        } catch (err) {
          item.reject(err);
        }
      }
      return;
    }
    batch.forEach((item, i) => item.resolve(seqs[i] ?? 0));
  };

  async loadDocument(mapId: string): Promise<StoredDocument | null> {
    return this.db.transaction((): StoredDocument | null => {
      if (!this.stmt.getMap.get(mapId)) return null;
      const snap = this.stmt.getSnapshot.get(mapId);
      const uptoSeq = snap?.upto_seq ?? 0;
      const updates = this.stmt.getUpdates.all(mapId, uptoSeq).map((row) => ({ seq: row.seq, bytes: toBytes(row.bytes) }));
      return { snapshot: snap ? toBytes(snap.snapshot) : null, uptoSeq, updates };
    })();
  }

  async compact(mapId: string, snapshot: Uint8Array, uptoSeq: number): Promise<void> {
    this.db.transaction(() => {
      if (!this.stmt.getMap.get(mapId)) return;
      const written = this.stmt.upsertSnapshot.run(mapId, Buffer.from(snapshot), uptoSeq).changes;
      if (written > 0) this.stmt.deleteUpdates.run(mapId, uptoSeq);
    })();
  }

  async setTitle(mapId: string, title: string): Promise<void> {
    this.stmt.setTitle.run(title, mapId);
  }

  // --- media (rows go with their map through ON DELETE CASCADE) ---
  async addMedia(mapId: string, media: MediaRecord): Promise<boolean> {
    return this.media.add(mapId, media);
  }

  async getMedia(mapId: string, hash: string): Promise<MediaRecord | null> {
    return this.media.get(mapId, hash);
  }

  async listMediaHashes(mapId: string): Promise<string[]> {
    return this.media.listHashes(mapId);
  }

  async isMediaReferenced(hash: string): Promise<boolean> {
    return this.media.isReferenced(hash);
  }
  // --- end media ---

  // --- keys, webhooks, versions (rows go with their map through ON DELETE CASCADE) ---
  async setKeyHash(mapId: string, role: 'editor' | 'viewer', keyHash: string): Promise<void> {
    this.features.setKeyHash(mapId, role, keyHash);
  }

  async getIngestKey(mapId: string): Promise<IngestKeyRecord | null> {
    return this.features.getIngestKey(mapId);
  }

  async setIngestKey(mapId: string, key: IngestKeyRecord): Promise<boolean> {
    return this.features.setIngestKey(mapId, key);
  }

  async addWebhook(hook: Pick<WebhookRecord, 'id' | 'mapId' | 'url' | 'secret' | 'createdAt'>): Promise<boolean> {
    return this.features.addWebhook(hook);
  }

  async listWebhooks(mapId: string): Promise<WebhookRecord[]> {
    return this.features.listWebhooks(mapId);
  }

  async deleteWebhook(mapId: string, hookId: string): Promise<boolean> {
    return this.features.deleteWebhook(mapId, hookId);
  }

  async recordWebhookDelivery(hookId: string, delivery: WebhookDelivery): Promise<void> {
    this.features.recordWebhookDelivery(hookId, delivery);
  }

  async addVersion(version: NewVersion): Promise<boolean> {
    return this.features.addVersion(version);
  }

  async listVersions(mapId: string): Promise<VersionInfo[]> {
    return this.features.listVersions(mapId);
  }

  async getVersion(mapId: string, versionId: string): Promise<StoredVersion | null> {
    return this.features.getVersion(mapId, versionId);
  }

  async listVersionSizes(mapId: string): Promise<VersionSize[]> {
    return this.features.listVersionSizes(mapId);
  }

  async deleteVersions(mapId: string, ids: readonly string[]): Promise<void> {
    return this.features.deleteVersions(mapId, ids);
  }

  async latestAutoVersionAt(mapId: string): Promise<string | null> {
    return this.features.latestAutoVersionAt(mapId);
  }
  // --- end keys, webhooks, versions ---

  async checkWritable(): Promise<void> {
    // a real write (a no-op update of a row that always exists), rolled back
    const probe = this.db.transaction(() => {
      this.db.prepare('UPDATE migrations SET version = version WHERE version = (SELECT MAX(version) FROM migrations)').run();
      throw ROLLBACK;
    });
    try {
      probe();
    } catch (err) {
      if (err !== ROLLBACK) throw err;
    }
  }

  async close(): Promise<void> {
    if (this.db.open) this.flushAppends();
    await this.checkpointer.close();
    if (this.db.open) this.db.close();
  }
}
