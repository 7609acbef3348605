// The SQLite side of media records (the Store's `media`): the table and its statements.
import type Database from 'better-sqlite3';
import { MEDIA_COLUMNS, toMedia, type MediaRow } from '../rows';
import type { MediaRecord, MediaStore } from '../store';

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

export class SqliteMedia implements MediaStore {
  private readonly stmt;

  constructor(private readonly db: Database.Database) {
    this.stmt = {
      mapExists: db.prepare<[string], { one: number }>('SELECT 1 AS one FROM maps WHERE id = ?'),
      insert: db.prepare(
        `INSERT INTO media (map_id, hash, name, mime, size, kind, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT(map_id, hash) DO NOTHING`,
      ),
      get: db.prepare<[string, string], MediaRow>(`SELECT ${MEDIA_COLUMNS} FROM media WHERE map_id = ? AND hash = ?`),
      list: db.prepare<[string], { hash: string }>('SELECT hash FROM media WHERE map_id = ?'),
      referenced: db.prepare<[string], { one: number }>('SELECT 1 AS one FROM media WHERE hash = ? LIMIT 1'),
    };
  }

  async add(mapId: string, m: MediaRecord): Promise<boolean> {
    return this.db
      .transaction(() => {
        if (!this.stmt.mapExists.get(mapId)) return false;
        this.stmt.insert.run(mapId, m.hash, m.name, m.mime, m.size, m.kind, m.createdAt);
        return true;
      })
      .immediate();
  }

  async get(mapId: string, hash: string): Promise<MediaRecord | null> {
    const row = this.stmt.get.get(mapId, hash);
    return row ? toMedia(row) : null;
  }

  async listHashes(mapId: string): Promise<string[]> {
    return this.stmt.list.all(mapId).map((row) => row.hash);
  }

  async isReferenced(hash: string): Promise<boolean> {
    return this.stmt.referenced.get(hash) !== undefined;
  }
}
