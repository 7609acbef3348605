// The SQLite side of ingest keys, webhooks and versions (the Store's `features`): the tables and
// their statements.
import type Database from 'better-sqlite3';
import { toHook, toVersion, VERSION_COLUMNS, type VersionRow, type WebhookRow } from '../rows';
import type {
  FeatureStore,
  IngestKeyRecord,
  NewVersion,
  NewWebhook,
  StoredVersion,
  VersionInfo,
  VersionSize,
  WebhookDelivery,
  WebhookRecord,
} from '../store';

/** Migration SQL. Versions order by `seq` (insertion order), which breaks ties of equal times. */
export const FEATURES_TABLES_SQL = `
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
  CREATE INDEX webhooks_by_map ON webhooks(map_id);
  CREATE TABLE versions (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    map_id TEXT NOT NULL REFERENCES maps(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    created_at TEXT NOT NULL,
    auto INTEGER NOT NULL,
    snapshot BLOB NOT NULL
  );
  CREATE INDEX versions_by_map ON versions(map_id, seq);
`;

export class SqliteFeatures implements FeatureStore {
  private readonly stmt;

  constructor(private readonly db: Database.Database) {
    this.stmt = {
      mapExists: db.prepare<[string], { one: number }>('SELECT 1 AS one FROM maps WHERE id = ?'),
      getIngest: db.prepare<[string], { key_hash: string; rotated_at: string }>(
        'SELECT key_hash, rotated_at FROM ingest_keys WHERE map_id = ?',
      ),
      setIngest: db.prepare(
        `INSERT INTO ingest_keys (map_id, key_hash, rotated_at) VALUES (?, ?, ?)
         ON CONFLICT(map_id) DO UPDATE SET key_hash = excluded.key_hash, rotated_at = excluded.rotated_at`,
      ),
      addHook: db.prepare('INSERT INTO webhooks (id, map_id, url, secret, created_at) VALUES (?, ?, ?, ?, ?)'),
      listHooks: db.prepare<[string], WebhookRow>('SELECT * FROM webhooks WHERE map_id = ? ORDER BY created_at, id'),
      deleteHook: db.prepare('DELETE FROM webhooks WHERE map_id = ? AND id = ?'),
      recordDelivery: db.prepare(
        'UPDATE webhooks SET last_status = ?, last_error = ?, attempts = ?, last_attempt_at = ? WHERE id = ?',
      ),
      addVersion: db.prepare(
        'INSERT INTO versions (id, map_id, name, created_at, auto, snapshot) VALUES (?, ?, ?, ?, ?, ?)',
      ),
      listVersions: db.prepare<[string], VersionRow>(
        `SELECT ${VERSION_COLUMNS} FROM versions WHERE map_id = ? ORDER BY seq DESC`,
      ),
      getVersion: db.prepare<[string, string], VersionRow & { snapshot: Buffer }>(
        `SELECT ${VERSION_COLUMNS}, snapshot FROM versions WHERE map_id = ? AND id = ?`,
      ),
      versionSizes: db.prepare<[string], { id: string; auto: number; bytes: number }>(
        'SELECT id, auto, length(snapshot) AS bytes FROM versions WHERE map_id = ? ORDER BY seq',
      ),
      deleteVersion: db.prepare('DELETE FROM versions WHERE map_id = ? AND id = ?'),
      latestAuto: db.prepare<[string], { created_at: string }>(
        'SELECT created_at FROM versions WHERE map_id = ? AND auto = 1 ORDER BY seq DESC LIMIT 1',
      ),
    };
  }

  async getIngestKey(mapId: string): Promise<IngestKeyRecord | null> {
    const row = this.stmt.getIngest.get(mapId);
    return row ? { keyHash: row.key_hash, rotatedAt: row.rotated_at } : null;
  }

  async setIngestKey(mapId: string, record: IngestKeyRecord): Promise<boolean> {
    return this.db
      .transaction(() => {
        if (!this.stmt.mapExists.get(mapId)) return false;
        this.stmt.setIngest.run(mapId, record.keyHash, record.rotatedAt);
        return true;
      })
      .immediate();
  }

  async addWebhook(hook: NewWebhook): Promise<boolean> {
    return this.db
      .transaction(() => {
        if (!this.stmt.mapExists.get(hook.mapId)) return false;
        this.stmt.addHook.run(hook.id, hook.mapId, hook.url, hook.secret, hook.createdAt);
        return true;
      })
      .immediate();
  }

  async listWebhooks(mapId: string): Promise<WebhookRecord[]> {
    return this.stmt.listHooks.all(mapId).map(toHook);
  }

  async deleteWebhook(mapId: string, hookId: string): Promise<boolean> {
    return this.stmt.deleteHook.run(mapId, hookId).changes > 0;
  }

  async recordWebhookDelivery(hookId: string, d: WebhookDelivery): Promise<void> {
    this.stmt.recordDelivery.run(d.status, d.error, d.attempts, d.at, hookId);
  }

  async addVersion(v: NewVersion): Promise<boolean> {
    return this.db
      .transaction(() => {
        if (!this.stmt.mapExists.get(v.mapId)) return false;
        this.stmt.addVersion.run(v.id, v.mapId, v.name, v.createdAt, v.auto ? 1 : 0, Buffer.from(v.snapshot));
        return true;
      })
      .immediate();
  }

  async listVersions(mapId: string): Promise<VersionInfo[]> {
    return this.stmt.listVersions.all(mapId).map(toVersion);
  }

  async getVersion(mapId: string, versionId: string): Promise<StoredVersion | null> {
    const row = this.stmt.getVersion.get(mapId, versionId);
    if (!row) return null;
    const bytes = row.snapshot;
    return { ...toVersion(row), snapshot: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) };
  }

  async latestAutoVersionAt(mapId: string): Promise<string | null> {
    return this.stmt.latestAuto.get(mapId)?.created_at ?? null;
  }

  async listVersionSizes(mapId: string): Promise<VersionSize[]> {
    return this.stmt.versionSizes.all(mapId).map((r) => ({ id: r.id, auto: r.auto === 1, bytes: r.bytes }));
  }

  async deleteVersions(mapId: string, ids: readonly string[]): Promise<void> {
    this.db.transaction(() => {
      for (const id of ids) this.stmt.deleteVersion.run(mapId, id);
    })();
  }
}
