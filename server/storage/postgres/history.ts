// The PostgreSQL side of map history (the Store's `history`).
import type pg from 'pg';
import { toActivity, toChange, type ActivityRow, type ChangeRow } from '../rows';
import type { ChangeRecord, HistoryStore, MapActivity, NewChange } from '../store';

/** Migration SQL of history (version 8): map activity and node changes, gone with their map. */
export const HISTORY_TABLES_SQL = `
  CREATE TABLE map_activity (
    map_id TEXT PRIMARY KEY REFERENCES maps(id) ON DELETE CASCADE,
    updated_at TEXT,
    created_by_id TEXT,
    created_by_name TEXT
  );
  CREATE TABLE changes (
    id BIGSERIAL PRIMARY KEY,
    map_id TEXT NOT NULL REFERENCES maps(id) ON DELETE CASCADE,
    node_id TEXT NOT NULL,
    field TEXT NOT NULL,
    old_value TEXT,
    new_value TEXT,
    at TEXT NOT NULL,
    author_kind TEXT NOT NULL,
    author_id TEXT,
    author_name TEXT NOT NULL
  );
  CREATE INDEX changes_by_map ON changes (map_id, id);
  CREATE INDEX changes_by_node ON changes (map_id, node_id, id);
`;

export class PostgresHistory implements HistoryStore {
  constructor(private readonly pool: pg.Pool) {}

  async setCreator(mapId: string, member: { id: string; name: string }): Promise<void> {
    await this.pool.query(
      `INSERT INTO map_activity (map_id, created_by_id, created_by_name)
       SELECT $1, $2, $3 WHERE EXISTS (SELECT 1 FROM maps WHERE id = $1)
       ON CONFLICT (map_id) DO UPDATE SET created_by_id = EXCLUDED.created_by_id, created_by_name = EXCLUDED.created_by_name`,
      [mapId, member.id, member.name],
    );
  }

  async touchMaps(touches: readonly { mapId: string; at: string }[]): Promise<void> {
    if (touches.length === 0) return;
    await this.pool.query(
      `INSERT INTO map_activity (map_id, updated_at)
       SELECT t.map_id, MAX(t.at) FROM unnest($1::text[], $2::text[]) AS t(map_id, at) JOIN maps m ON m.id = t.map_id
       GROUP BY t.map_id
       ON CONFLICT (map_id) DO UPDATE
       SET updated_at = GREATEST(COALESCE(map_activity.updated_at, ''), EXCLUDED.updated_at)`,
      [touches.map((t) => t.mapId), touches.map((t) => t.at)],
    );
  }

  async addChanges(changes: readonly NewChange[]): Promise<void> {
    if (changes.length === 0) return;
    const column = <T>(f: (c: NewChange) => T) => changes.map(f);
    await this.pool.query(
      `INSERT INTO changes (map_id, node_id, field, old_value, new_value, at, author_kind, author_id, author_name)
       SELECT c.map_id, c.node_id, c.field, c.old_value, c.new_value, c.at, c.author_kind, c.author_id, c.author_name
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[])
         WITH ORDINALITY AS c(map_id, node_id, field, old_value, new_value, at, author_kind, author_id, author_name, n)
       WHERE EXISTS (SELECT 1 FROM maps m WHERE m.id = c.map_id)
       ORDER BY c.n`, // ids in the order of the changes
      [
        column((c) => c.mapId),
        column((c) => c.nodeId),
        column((c) => c.field),
        column((c) => c.oldValue),
        column((c) => c.newValue),
        column((c) => c.at),
        column((c) => c.author.kind),
        column((c) => c.author.id),
        column((c) => c.author.name),
      ],
    );
  }

  async listChanges(
    mapId: string,
    options: { nodeId?: string; beforeId?: number; limit: number },
  ): Promise<ChangeRecord[]> {
    const where = ['map_id = $1'];
    const args: (string | number)[] = [mapId];
    if (options.nodeId !== undefined) {
      args.push(options.nodeId);
      where.push(`node_id = $${args.length}`);
    }
    if (options.beforeId !== undefined) {
      args.push(options.beforeId);
      where.push(`id < $${args.length}`);
    }
    args.push(options.limit);
    const { rows } = await this.pool.query<ChangeRow>(
      `SELECT * FROM changes WHERE ${where.join(' AND ')} ORDER BY id DESC LIMIT $${args.length}`,
      args,
    );
    return rows.map(toChange);
  }

  async mapActivity(): Promise<MapActivity[]> {
    const { rows } = await this.pool.query<ActivityRow>('SELECT * FROM map_activity');
    return rows.map(toActivity);
  }
}
