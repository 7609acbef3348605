// The PostgreSQL side of maps, their update log and snapshots (the Store's `docs`). Every method has
// committed when its Promise resolves (autocommit statements or explicit transactions).
import type pg from 'pg';
import * as Y from 'yjs';
import { MAP_COLUMNS, toMap, type MapRow } from '../rows';
import type { DocStore, MapRecord, NewMap, StoredDocument } from '../store';
import { inTransaction, toBuffer, toBytes } from './tx';

interface PendingAppend {
  bytes: Buffer;
  resolve(seq: number): void;
  reject(err: unknown): void;
}

/** Appends waiting while one INSERT of the map is in flight are written together by the next. */
const MAX_APPEND_BATCH = 200;

/**
 * One update holding the snapshot and the updates. Through a Y.Doc (deleted content is collected),
 * unless some update waits for a dependency that is not among them: then a plain merge keeps it.
 */
export function foldUpdates(snapshot: Uint8Array | null, updates: Uint8Array[]): Uint8Array {
  const all = snapshot ? [snapshot, ...updates] : updates;
  const doc = new Y.Doc();
  try {
    doc.transact(() => {
      for (const update of all) Y.applyUpdate(doc, update);
    });
    if (doc.store.pendingStructs || doc.store.pendingDs) return Y.mergeUpdates(all);
    return Y.encodeStateAsUpdate(doc);
  } finally {
    doc.destroy();
  }
}

export class PostgresDocs implements DocStore {
  private readonly appendQueues = new Map<string, PendingAppend[]>();

  constructor(private readonly pool: pg.Pool) {}

  async createMap(map: NewMap): Promise<void> {
    await inTransaction(this.pool, async (client) => {
      await client.query(`INSERT INTO maps (${MAP_COLUMNS}) VALUES ($1, $2, $3, $4, $5)`, [
        map.id,
        map.title,
        map.editorKeyHash,
        map.viewerKeyHash,
        map.createdAt,
      ]);
      await client.query('INSERT INTO snapshots (map_id, snapshot, upto_seq) VALUES ($1, $2, 0)', [
        map.id,
        toBuffer(map.snapshot),
      ]);
    });
  }

  async getMap(id: string): Promise<MapRecord | null> {
    // a map in the trash (life.ts) is gone for everyone until it is restored
    const { rows } = await this.pool.query<MapRow>(
      `SELECT ${MAP_COLUMNS} FROM maps WHERE id = $1 AND NOT EXISTS (SELECT 1 FROM trash WHERE map_id = maps.id)`,
      [id],
    );
    const row = rows[0];
    return row ? toMap(row) : null;
  }

  /** Media records, keys, webhooks and versions go with the map through ON DELETE CASCADE. */
  async deleteMap(id: string): Promise<boolean> {
    const result = await this.pool.query('DELETE FROM maps WHERE id = $1', [id]);
    return (result.rowCount ?? 0) > 0;
  }

  /**
   * Appends of one map are written one INSERT at a time, in call order; those that arrive while one
   * is in flight go together in the next (one round trip, one commit), so a burst costs little.
   */
  appendUpdate(mapId: string, update: Uint8Array): Promise<number> {
    return new Promise<number>((resolve, reject) => {
      let queue = this.appendQueues.get(mapId);
      const idle = !queue;
      if (!queue) this.appendQueues.set(mapId, (queue = []));
      queue.push({ bytes: Buffer.from(update), resolve, reject });
      if (idle) void this.flushAppends(mapId, queue);
    });
  }

  private async flushAppends(mapId: string, queue: PendingAppend[]): Promise<void> {
    while (queue.length > 0) {
      const batch = queue.splice(0, MAX_APPEND_BATCH);
      try {
        const values = batch.map((_, i) => `($1, $${i + 2})`).join(', ');
        const { rows } = await this.pool.query<{ seq: string }>(
          `INSERT INTO updates (map_id, bytes) VALUES ${values} RETURNING seq`,
          [mapId, ...batch.map((item) => item.bytes)],
        );
        // the rows take their seqs in VALUES order: ascending seqs are the batch in order
        const seqs = rows.map((row) => Number(row.seq)).sort((a, b) => a - b);
        batch.forEach((item, i) => item.resolve(seqs[i] ?? NaN));
      } catch (err) {
        for (const item of batch) item.reject(err);
      }
    }
    this.appendQueues.delete(mapId);
  }

  /**
   * The snapshot and every update row still stored. Read in one REPEATABLE READ transaction, so a
   * compaction committing meanwhile is either wholly seen or not at all.
   */
  async loadDocument(mapId: string): Promise<StoredDocument | null> {
    return inTransaction(
      this.pool,
      async (client) => {
        const exists = await client.query('SELECT 1 FROM maps WHERE id = $1', [mapId]);
        if (exists.rowCount === 0) return null;
        const snap = await client.query<{ snapshot: Buffer; upto_seq: string }>(
          'SELECT snapshot, upto_seq FROM snapshots WHERE map_id = $1',
          [mapId],
        );
        const updates = await client.query<{ seq: string; bytes: Buffer }>(
          'SELECT seq, bytes FROM updates WHERE map_id = $1 ORDER BY seq',
          [mapId],
        );
        const row = snap.rows[0];
        return {
          snapshot: row ? toBytes(row.snapshot) : null,
          uptoSeq: row ? Number(row.upto_seq) : 0,
          updates: updates.rows.map((u) => ({ seq: Number(u.seq), bytes: toBytes(u.bytes) })),
        };
      },
      'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY',
    );
  }

  /**
   * Folds the stored snapshot and the stored updates with seq ≤ uptoSeq into a new snapshot and
   * deletes exactly those rows. Other processes append to the same map, so the caller's in-memory
   * `snapshot` may lack some of them: the new snapshot is built from what is stored, never from it.
   * An update committed late with a lower seq (seqs are taken before commit) is not among the rows
   * read, stays in the log and is folded by a later compaction: nothing is ever deleted unread.
   * The snapshot row is locked, so compactions of one map (from any process) run one at a time.
   */
  async compact(mapId: string, _snapshot: Uint8Array, uptoSeq: number): Promise<void> {
    await inTransaction(this.pool, async (client) => {
      const snap = await client.query<{ snapshot: Buffer; upto_seq: string }>(
        'SELECT snapshot, upto_seq FROM snapshots WHERE map_id = $1 FOR UPDATE',
        [mapId],
      );
      const row = snap.rows[0];
      if (!row) {
        const exists = await client.query('SELECT 1 FROM maps WHERE id = $1 FOR KEY SHARE', [mapId]);
        if (exists.rowCount === 0) return;
      }
      const updates = await client.query<{ seq: string; bytes: Buffer }>(
        'SELECT seq, bytes FROM updates WHERE map_id = $1 AND seq <= $2 ORDER BY seq',
        [mapId, uptoSeq],
      );
      if (updates.rows.length === 0) return;
      const folded = foldUpdates(
        row ? toBytes(row.snapshot) : null,
        updates.rows.map((u) => toBytes(u.bytes)),
      );
      const upto = Math.max(uptoSeq, row ? Number(row.upto_seq) : 0);
      await client.query(
        `INSERT INTO snapshots (map_id, snapshot, upto_seq) VALUES ($1, $2, $3)
         ON CONFLICT (map_id) DO UPDATE SET snapshot = excluded.snapshot, upto_seq = excluded.upto_seq`,
        [mapId, toBuffer(folded), upto],
      );
      await client.query('DELETE FROM updates WHERE map_id = $1 AND seq = ANY($2::bigint[])', [
        mapId,
        updates.rows.map((u) => u.seq),
      ]);
    });
  }

  async setTitle(mapId: string, title: string): Promise<void> {
    await this.pool.query('UPDATE maps SET title = $1 WHERE id = $2', [title, mapId]);
  }

  async setKeyHash(mapId: string, role: 'editor' | 'viewer', keyHash: string): Promise<void> {
    const column = role === 'editor' ? 'editor_key_hash' : 'viewer_key_hash';
    await this.pool.query(`UPDATE maps SET ${column} = $1 WHERE id = $2`, [keyHash, mapId]);
  }
}
