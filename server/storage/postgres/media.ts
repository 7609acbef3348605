// Media in PostgreSQL: the records of which map holds which upload (the Store's `media`, as in
// sqlite/media.ts) and the bytes themselves, once per content, in 1 MiB chunks (bytea rows: streamed
// in and out a chunk at a time, never a whole file in memory). Tables: schema.ts v2.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import type pg from 'pg';
import { MEDIA_COLUMNS, toMedia, type MediaRow } from '../rows';
import type { MediaRecord, MediaStore } from '../store';
import { inTransaction } from './tx';

export const CHUNK_BYTES = 1024 * 1024;

/** The bytes are not (or no longer) stored: another process deleted them between two steps. */
export class BlobMissing extends Error {
  constructor(hash: string) {
    super(`no stored bytes for ${hash}`);
    this.name = 'BlobMissing';
  }
}

export class PostgresMedia implements MediaStore {
  constructor(private readonly pool: pg.Pool) {}

  /** False if the map does not exist. Throws (foreign key) if the bytes are not stored. */
  async add(mapId: string, m: MediaRecord): Promise<boolean> {
    return inTransaction(this.pool, async (client) => {
      const map = await client.query('SELECT 1 FROM maps WHERE id = $1 FOR KEY SHARE', [mapId]);
      if (map.rowCount === 0) return false;
      await client.query(
        `INSERT INTO media (map_id, hash, name, mime, size, kind, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (map_id, hash) DO NOTHING`,
        [mapId, m.hash, m.name, m.mime, m.size, m.kind, m.createdAt],
      );
      return true;
    });
  }

  async get(mapId: string, hash: string): Promise<MediaRecord | null> {
    const { rows } = await this.pool.query<MediaRow>(
      `SELECT ${MEDIA_COLUMNS} FROM media WHERE map_id = $1 AND hash = $2`,
      [mapId, hash],
    );
    const row = rows[0];
    return row ? toMedia(row) : null;
  }

  async listHashes(mapId: string): Promise<string[]> {
    const { rows } = await this.pool.query<{ hash: string }>('SELECT hash FROM media WHERE map_id = $1', [mapId]);
    return rows.map((row) => row.hash);
  }

  async isReferenced(hash: string): Promise<boolean> {
    const { rowCount } = await this.pool.query('SELECT 1 FROM media WHERE hash = $1 LIMIT 1', [hash]);
    return (rowCount ?? 0) > 0;
  }

  // --- bytes ---

  async hasBlob(hash: string): Promise<boolean> {
    const { rowCount } = await this.pool.query('SELECT 1 FROM media_blobs WHERE hash = $1', [hash]);
    return (rowCount ?? 0) > 0;
  }

  /**
   * Stores the bytes of `file` under `hash` (the caller hashed them) unless they are stored already.
   * One transaction: the bytes are there whole or not at all; a second process storing the same
   * bytes at once waits for the first and then finds them.
   */
  async putBlob(hash: string, file: string): Promise<void> {
    await inTransaction(this.pool, async (client) => {
      const size = (await fs.promises.stat(file)).size;
      const inserted = await client.query(
        'INSERT INTO media_blobs (hash, size, created_at) VALUES ($1, $2, $3) ON CONFLICT (hash) DO NOTHING',
        [hash, size, new Date().toISOString()],
      );
      if (inserted.rowCount === 0) return;
      const handle = await fs.promises.open(file, 'r');
      try {
        for (let n = 0, offset = 0; offset < size || n === 0; n++) {
          const buffer = Buffer.alloc(Math.min(CHUNK_BYTES, size - offset));
          const { bytesRead } = await handle.read(buffer, 0, buffer.length, offset);
          await client.query('INSERT INTO media_chunks (hash, n, bytes) VALUES ($1, $2, $3)', [
            hash,
            n,
            buffer.subarray(0, bytesRead),
          ]);
          offset += bytesRead;
          if (bytesRead === 0) break;
        }
      } finally {
        await handle.close();
      }
    });
  }

  /** Writes the stored bytes of `hash` to `file` (created); checks size and hash. Throws BlobMissing. */
  async readBlob(hash: string, file: string): Promise<void> {
    const blob = await this.pool.query<{ size: string }>('SELECT size FROM media_blobs WHERE hash = $1', [hash]);
    const row = blob.rows[0];
    if (!row) throw new BlobMissing(hash);
    const size = Number(row.size);
    const digest = createHash('sha256');
    const handle = await fs.promises.open(file, 'wx');
    let written = 0;
    try {
      for (let n = 0; ; n++) {
        const chunk = await this.pool.query<{ bytes: Buffer }>(
          'SELECT bytes FROM media_chunks WHERE hash = $1 AND n = $2',
          [hash, n],
        );
        const bytes = chunk.rows[0]?.bytes;
        if (!bytes) break;
        digest.update(bytes);
        await handle.write(bytes);
        written += bytes.length;
      }
    } finally {
      await handle.close();
    }
    if (written !== size || digest.digest('hex') !== hash) {
      await fs.promises.rm(file, { force: true });
      throw new BlobMissing(hash); // deleted while we read it (or damaged): as good as missing
    }
  }

  /**
   * Deletes the bytes if no map records them. A record being added at the same moment holds a key
   * lock on the blob row through its foreign key: then the delete fails and the bytes stay.
   */
  async removeBlobIfUnreferenced(hash: string): Promise<boolean> {
    try {
      const result = await this.pool.query(
        'DELETE FROM media_blobs WHERE hash = $1 AND NOT EXISTS (SELECT 1 FROM media WHERE hash = $1)',
        [hash],
      );
      return (result.rowCount ?? 0) > 0;
    } catch (err) {
      if ((err as { code?: string }).code === '23503') return false; // foreign_key_violation: just recorded
      throw err;
    }
  }
}
