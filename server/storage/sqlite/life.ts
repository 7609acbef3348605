// The SQLite side of the map list and the trash (the Store's `life`).
import type Database from 'better-sqlite3';
import { MAP_COLUMNS, toMap, type MapRow } from '../rows';
import type { MapLifeStore, MapSummary, TrashedMap } from '../store';

/** Migration SQL of the trash (version 6): a row per trashed map, gone with the map. */
export const LIFE_TABLES_SQL = `
  CREATE TABLE trash (
    map_id TEXT PRIMARY KEY REFERENCES maps(id) ON DELETE CASCADE,
    trashed_at TEXT NOT NULL
  );
  CREATE INDEX trash_by_time ON trash(trashed_at);
`;

interface SummaryRow {
  id: string;
  title: string;
  created_at: string;
  trashed_at: string | null;
}

const TRASHED = `SELECT ${MAP_COLUMNS}, trash.trashed_at FROM maps JOIN trash ON trash.map_id = maps.id WHERE maps.id = ?`;

const SUMMARY = 'SELECT m.id, m.title, m.created_at, t.trashed_at FROM maps m LEFT JOIN trash t ON t.map_id = m.id';

export function toSummary(row: SummaryRow): MapSummary {
  return { id: row.id, title: row.title, createdAt: row.created_at, trashedAt: row.trashed_at };
}

export class SqliteLife implements MapLifeStore {
  private readonly stmt;

  constructor(db: Database.Database) {
    this.stmt = {
      list: db.prepare<[], SummaryRow>(`${SUMMARY} WHERE t.map_id IS NULL ORDER BY m.created_at DESC, m.id`),
      listTrash: db.prepare<[], SummaryRow>(`${SUMMARY} WHERE t.map_id IS NOT NULL ORDER BY t.trashed_at DESC, m.id`),
      getTrashed: db.prepare<[string], MapRow & { trashed_at: string }>(TRASHED),
      trash: db.prepare(
        'INSERT INTO trash (map_id, trashed_at) SELECT id, ? FROM maps WHERE id = ? ON CONFLICT(map_id) DO NOTHING',
      ),
      restore: db.prepare('DELETE FROM trash WHERE map_id = ?'),
      before: db.prepare<[string], { map_id: string }>(
        'SELECT map_id FROM trash WHERE trashed_at < ? ORDER BY trashed_at, map_id',
      ),
    };
  }

  async listMaps(): Promise<MapSummary[]> {
    return this.stmt.list.all().map(toSummary);
  }

  async listTrash(): Promise<MapSummary[]> {
    return this.stmt.listTrash.all().map(toSummary);
  }

  async getTrashed(mapId: string): Promise<TrashedMap | null> {
    const row = this.stmt.getTrashed.get(mapId);
    return row ? { ...toMap(row), trashedAt: row.trashed_at } : null;
  }

  async trash(mapId: string, at: string): Promise<boolean> {
    return this.stmt.trash.run(at, mapId).changes > 0;
  }

  async restore(mapId: string): Promise<boolean> {
    return this.stmt.restore.run(mapId).changes > 0;
  }

  async trashedBefore(before: string): Promise<string[]> {
    return this.stmt.before.all(before).map((row) => row.map_id);
  }
}
