// The SQLite side of map history (the Store's `history`).
import type Database from 'better-sqlite3';
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
    id INTEGER PRIMARY KEY AUTOINCREMENT,
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
  CREATE INDEX changes_by_map ON changes(map_id, id);
  CREATE INDEX changes_by_node ON changes(map_id, node_id, id);
`;

export class SqliteHistory implements HistoryStore {
  private readonly stmt;

  constructor(private readonly db: Database.Database) {
    this.stmt = {
      creator: db.prepare(
        `INSERT INTO map_activity (map_id, created_by_id, created_by_name) SELECT ?, ?, ? WHERE EXISTS (SELECT 1 FROM maps WHERE id = ?)
         ON CONFLICT (map_id) DO UPDATE SET created_by_id = excluded.created_by_id, created_by_name = excluded.created_by_name`,
      ),
      touch: db.prepare(
        `INSERT INTO map_activity (map_id, updated_at) SELECT ?, ? WHERE EXISTS (SELECT 1 FROM maps WHERE id = ?)
         ON CONFLICT (map_id) DO UPDATE SET updated_at = MAX(COALESCE(updated_at, ''), excluded.updated_at)`,
      ),
      add: db.prepare(
        `INSERT INTO changes (map_id, node_id, field, old_value, new_value, at, author_kind, author_id, author_name)
         SELECT ?, ?, ?, ?, ?, ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM maps WHERE id = ?)`,
      ),
      activity: db.prepare<[], ActivityRow>('SELECT * FROM map_activity'),
    };
  }

  async setCreator(mapId: string, member: { id: string; name: string }): Promise<void> {
    this.stmt.creator.run(mapId, member.id, member.name, mapId);
  }

  async touchMaps(touches: readonly { mapId: string; at: string }[]): Promise<void> {
    this.db.transaction(() => {
      for (const t of touches) this.stmt.touch.run(t.mapId, t.at, t.mapId);
    })();
  }

  async addChanges(changes: readonly NewChange[]): Promise<void> {
    this.db.transaction(() => {
      for (const c of changes) {
        const a = c.author;
        this.stmt.add.run(c.mapId, c.nodeId, c.field, c.oldValue, c.newValue, c.at, a.kind, a.id, a.name, c.mapId);
      }
    })();
  }

  async listChanges(
    mapId: string,
    options: { nodeId?: string; beforeId?: number; limit: number },
  ): Promise<ChangeRecord[]> {
    const where = ['map_id = ?'];
    const args: (string | number)[] = [mapId];
    if (options.nodeId !== undefined) {
      where.push('node_id = ?');
      args.push(options.nodeId);
    }
    if (options.beforeId !== undefined) {
      where.push('id < ?');
      args.push(options.beforeId);
    }
    const rows = this.db
      .prepare<(string | number)[], ChangeRow>(
        `SELECT * FROM changes WHERE ${where.join(' AND ')} ORDER BY id DESC LIMIT ?`,
      )
      .all(...args, options.limit);
    return rows.map(toChange);
  }

  async mapActivity(): Promise<MapActivity[]> {
    return this.stmt.activity.all().map(toActivity);
  }
}
