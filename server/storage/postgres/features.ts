// The PostgreSQL side of ingest keys, webhooks and versions (the Store's `features`); same
// behaviour as sqlite/features.ts. Tables: schema.ts v3.
import type pg from 'pg';
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

export class PostgresFeatures implements FeatureStore {
  constructor(private readonly pool: pg.Pool) {}

  async getIngestKey(mapId: string): Promise<IngestKeyRecord | null> {
    const { rows } = await this.pool.query<{ key_hash: string; rotated_at: string }>(
      'SELECT key_hash, rotated_at FROM ingest_keys WHERE map_id = $1',
      [mapId],
    );
    const row = rows[0];
    return row ? { keyHash: row.key_hash, rotatedAt: row.rotated_at } : null;
  }

  /** False if the map does not exist (one statement: the insert selects from maps). */
  async setIngestKey(mapId: string, key: IngestKeyRecord): Promise<boolean> {
    const result = await this.pool.query(
      `INSERT INTO ingest_keys (map_id, key_hash, rotated_at) SELECT id, $2, $3 FROM maps WHERE id = $1
       ON CONFLICT (map_id) DO UPDATE SET key_hash = excluded.key_hash, rotated_at = excluded.rotated_at`,
      [mapId, key.keyHash, key.rotatedAt],
    );
    return (result.rowCount ?? 0) > 0;
  }

  async addWebhook(hook: NewWebhook): Promise<boolean> {
    const result = await this.pool.query(
      'INSERT INTO webhooks (id, map_id, url, secret, created_at) SELECT $1, id, $3, $4, $5 FROM maps WHERE id = $2',
      [hook.id, hook.mapId, hook.url, hook.secret, hook.createdAt],
    );
    return (result.rowCount ?? 0) > 0;
  }

  async listWebhooks(mapId: string): Promise<WebhookRecord[]> {
    const { rows } = await this.pool.query<WebhookRow>(
      'SELECT * FROM webhooks WHERE map_id = $1 ORDER BY created_at, id',
      [mapId],
    );
    return rows.map(toHook);
  }

  async deleteWebhook(mapId: string, hookId: string): Promise<boolean> {
    const result = await this.pool.query('DELETE FROM webhooks WHERE map_id = $1 AND id = $2', [mapId, hookId]);
    return (result.rowCount ?? 0) > 0;
  }

  async recordWebhookDelivery(hookId: string, d: WebhookDelivery): Promise<void> {
    await this.pool.query(
      'UPDATE webhooks SET last_status = $1, last_error = $2, attempts = $3, last_attempt_at = $4 WHERE id = $5',
      [d.status, d.error, d.attempts, d.at, hookId],
    );
  }

  async addVersion(v: NewVersion): Promise<boolean> {
    const result = await this.pool.query(
      `INSERT INTO versions (id, map_id, name, created_at, auto, snapshot) SELECT $1, id, $3, $4, $5, $6 FROM maps WHERE id = $2`,
      [v.id, v.mapId, v.name, v.createdAt, v.auto, Buffer.from(v.snapshot)],
    );
    return (result.rowCount ?? 0) > 0;
  }

  async listVersions(mapId: string): Promise<VersionInfo[]> {
    const { rows } = await this.pool.query<VersionRow>(
      `SELECT ${VERSION_COLUMNS} FROM versions WHERE map_id = $1 ORDER BY seq DESC`,
      [mapId],
    );
    return rows.map(toVersion);
  }

  async getVersion(mapId: string, versionId: string): Promise<StoredVersion | null> {
    const { rows } = await this.pool.query<VersionRow & { snapshot: Buffer }>(
      `SELECT ${VERSION_COLUMNS}, snapshot FROM versions WHERE map_id = $1 AND id = $2`,
      [mapId, versionId],
    );
    const row = rows[0];
    if (!row) return null;
    const bytes = row.snapshot;
    return { ...toVersion(row), snapshot: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) };
  }

  async listVersionSizes(mapId: string): Promise<VersionSize[]> {
    const { rows } = await this.pool.query<{ id: string; auto: boolean; bytes: number }>(
      'SELECT id, auto, octet_length(snapshot)::int AS bytes FROM versions WHERE map_id = $1 ORDER BY seq',
      [mapId],
    );
    return rows.map((r) => ({ id: r.id, auto: r.auto, bytes: r.bytes }));
  }

  async deleteVersions(mapId: string, ids: readonly string[]): Promise<void> {
    if (ids.length > 0)
      await this.pool.query('DELETE FROM versions WHERE map_id = $1 AND id = ANY($2::text[])', [mapId, [...ids]]);
  }

  async latestAutoVersionAt(mapId: string): Promise<string | null> {
    const { rows } = await this.pool.query<{ created_at: string }>(
      'SELECT created_at FROM versions WHERE map_id = $1 AND auto ORDER BY seq DESC LIMIT 1',
      [mapId],
    );
    return rows[0]?.created_at ?? null;
  }
}
