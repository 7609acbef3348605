// The SQLite side of media records (see Store's media methods): the table and its statements,
// kept apart from sqlite.ts so the map/update code stays short.
import type Database from 'better-sqlite3';
import type { MediaRecord } from './store';

/** Migration SQL for the media table. (map_id, hash) is unique: the same bytes are recorded once per map. */
export const MEDIA_TABLE_SQL = `
  CREATE TABLE media (
    map_id TEXT NOT NULL REFERENCES maps(id) ON DELETE CASCADE,
    hash TEXT NOT NULL,
    name TEXT NOT NULL,
    mime TEXT NOT NULL,
    size INTEGER NOT NULL,
    kind TEXT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (map_id, hash)
  );
  -- "is this file still used by any map?" after a map is deleted
  CREATE INDEX media_by_hash ON media(hash);
`;

interface MediaRow {
  hash: string;
  name: string;
  mime: string;
  size: number;
  kind: MediaRecord['kind'];
  created_at: string;
}

export class SqliteMedia {
  private readonly stmt;

  constructor(private readonly db: Database.Database) {
    this.stmt = {
      mapExists: db.prepare<[string], { one: number }>('SELECT 1 AS one FROM maps WHERE id = ?'),
      insert: db.prepare(
        `INSERT INTO media (map_id, hash, name, mime, size, kind, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT(map_id, hash) DO NOTHING`,
      ),
      get: db.prepare<[string, string], MediaRow>(
        'SELECT hash, name, mime, size, kind, created_at FROM media WHERE map_id = ? AND hash = ?',
      ),
      list: db.prepare<[string], { hash: string }>('SELECT hash FROM media WHERE map_id = ?'),
      referenced: db.prepare<[string], { one: number }>('SELECT 1 AS one FROM media WHERE hash = ? LIMIT 1'),
    };
  }

  add(mapId: string, m: MediaRecord): boolean {
    return this.db.transaction(() => {
      if (!this.stmt.mapExists.get(mapId)) return false;
      this.stmt.insert.run(mapId, m.hash, m.name, m.mime, m.size, m.kind, m.createdAt);
      return true;
    })();
  }

  get(mapId: string, hash: string): MediaRecord | null {
    const row = this.stmt.get.get(mapId, hash);
    if (!row) return null;
    return { hash: row.hash, name: row.name, mime: row.mime, size: row.size, kind: row.kind, createdAt: row.created_at };
  }

  listHashes(mapId: string): string[] {
    return this.stmt.list.all(mapId).map((row) => row.hash);
  }

  isReferenced(hash: string): boolean {
    return this.stmt.referenced.get(hash) !== undefined;
  }
}
