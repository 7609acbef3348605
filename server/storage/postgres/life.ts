// The PostgreSQL side of the map list and the trash (the Store's `life`).
import type pg from 'pg';
import { MAP_COLUMNS, toMap, type MapRow } from '../rows';
import type { MapLifeStore, MapSummary, TrashedMap } from '../store';

/** Migration SQL of the trash (version 6): a row per trashed map, gone with the map. */
export const LIFE_TABLES_SQL = `
  CREATE TABLE trash (
    map_id TEXT PRIMARY KEY REFERENCES maps(id) ON DELETE CASCADE,
    trashed_at TEXT NOT NULL
  );
  CREATE INDEX trash_by_time ON trash (trashed_at);
`;

interface SummaryRow {
  id: string;
  title: string;
  created_at: string;
  trashed_at: string | null;
}

const TRASHED = `SELECT ${MAP_COLUMNS}, trash.trashed_at FROM maps JOIN trash ON trash.map_id = maps.id WHERE maps.id = $1`;

const SUMMARY = 'SELECT m.id, m.title, m.created_at, t.trashed_at FROM maps m LEFT JOIN trash t ON t.map_id = m.id';

function toSummary(row: SummaryRow): MapSummary {
  return { id: row.id, title: row.title, createdAt: row.created_at, trashedAt: row.trashed_at };
}

export class PostgresLife implements MapLifeStore {
  constructor(private readonly pool: pg.Pool) {}

  async listMaps(): Promise<MapSummary[]> {
    const { rows } = await this.pool.query<SummaryRow>(
      `${SUMMARY} WHERE t.map_id IS NULL ORDER BY m.created_at DESC, m.id`,
    );
    return rows.map(toSummary);
  }

  async listTrash(): Promise<MapSummary[]> {
    const { rows } = await this.pool.query<SummaryRow>(
      `${SUMMARY} WHERE t.map_id IS NOT NULL ORDER BY t.trashed_at DESC, m.id`,
    );
    return rows.map(toSummary);
  }

  async getTrashed(mapId: string): Promise<TrashedMap | null> {
    const { rows } = await this.pool.query<MapRow & { trashed_at: string }>(TRASHED, [mapId]);
    const row = rows[0];
    return row ? { ...toMap(row), trashedAt: row.trashed_at } : null;
  }

  async trash(mapId: string, at: string): Promise<boolean> {
    const result = await this.pool.query(
      'INSERT INTO trash (map_id, trashed_at) SELECT id, $1 FROM maps WHERE id = $2 ON CONFLICT (map_id) DO NOTHING',
      [at, mapId],
    );
    return (result.rowCount ?? 0) > 0;
  }

  async restore(mapId: string): Promise<boolean> {
    const result = await this.pool.query('DELETE FROM trash WHERE map_id = $1', [mapId]);
    return (result.rowCount ?? 0) > 0;
  }

  async trashedBefore(before: string): Promise<string[]> {
    const { rows } = await this.pool.query<{ map_id: string }>(
      'SELECT map_id FROM trash WHERE trashed_at < $1 ORDER BY trashed_at, map_id',
      [before],
    );
    return rows.map((row) => row.map_id);
  }
}
