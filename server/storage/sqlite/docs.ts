// The SQLite side of maps, their update log and snapshots (the Store's `docs`). better-sqlite3 is
// synchronous, so each method has committed its transaction before it returns, except appendUpdate,
// which commits the updates of one event-loop turn together (group commit).
import { performance } from 'node:perf_hooks';
import type Database from 'better-sqlite3';
import { MAP_COLUMNS, toMap, type MapRow } from '../rows';
import type { DocStore, MapRecord, NewMap, StoredDocument } from '../store';

/** Migration SQL of the maps, the update log and the snapshots (version 1; version 10 rebuilds `updates`). */
export const DOCS_TABLES_SQL = `
  CREATE TABLE maps (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    editor_key_hash TEXT NOT NULL,
    viewer_key_hash TEXT NOT NULL,
    created_at TEXT NOT NULL
  );
  -- AUTOINCREMENT: a seq is never reused, even after compaction deleted every row.
  CREATE TABLE updates (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    map_id TEXT NOT NULL REFERENCES maps(id) ON DELETE CASCADE,
    bytes BLOB NOT NULL
  );
  CREATE INDEX updates_by_map ON updates(map_id, seq);
  CREATE TABLE snapshots (
    map_id TEXT PRIMARY KEY REFERENCES maps(id) ON DELETE CASCADE,
    snapshot BLOB NOT NULL,
    upto_seq INTEGER NOT NULL
  );
`;

/**
 * Migration SQL of the update log's second form (version 10).
 * - The journal: a commit into `updates` with its (map, seq) index wrote an index page for every map
 *   it touched, on top of the table's last page: at 3,000 edits/s about ten 4 KiB pages a commit, most
 *   of the commit's CPU and of the WAL the checkpoint worker copies. The journal has no index, so a
 *   commit writes its last page only; its rows move to `updates` in bulk (drainJournal).
 * - `updates` is clustered by map (WITHOUT ROWID, key (map, seq)): ordered by seq, one map's rows were
 *   spread over as many pages as it had rows, and a compaction's delete rewrote all of them.
 * - The seqs are given by the store; the largest one drained or compacted is kept in `update_seq`
 *   (it replaces the AUTOINCREMENT counter). Reads of the whole log go through the `update_log` view.
 */
export const UPDATE_JOURNAL_SQL = `
  CREATE TABLE update_rows (
    map_id TEXT NOT NULL REFERENCES maps(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    bytes BLOB NOT NULL,
    PRIMARY KEY (map_id, seq)
  ) WITHOUT ROWID;
  INSERT INTO update_rows (map_id, seq, bytes) SELECT map_id, seq, bytes FROM updates;
  CREATE TABLE update_seq (id INTEGER PRIMARY KEY CHECK (id = 1), last INTEGER NOT NULL);
  INSERT INTO update_seq (id, last) VALUES (1, MAX(
    COALESCE((SELECT seq FROM sqlite_sequence WHERE name = 'updates'), 0),
    COALESCE((SELECT MAX(seq) FROM updates), 0)));
  DROP TABLE updates;
  ALTER TABLE update_rows RENAME TO updates;
  CREATE TABLE update_journal (
    seq INTEGER PRIMARY KEY,
    map_id TEXT NOT NULL REFERENCES maps(id) ON DELETE CASCADE,
    bytes BLOB NOT NULL
  );
  CREATE VIEW update_log AS
    SELECT seq, map_id, bytes FROM updates UNION ALL SELECT seq, map_id, bytes FROM update_journal;
`;

/** Journal rows past which they are moved to `updates` (a load or a compaction scans the journal). */
export const JOURNAL_DRAIN_ROWS = 1000;

/**
 * Rows a group commit writes with one INSERT statement (past this, several in a transaction). One
 * statement commits on its own: a lone edit's commit measured about 80 µs on a cold event loop against
 * about 115 µs for BEGIN, INSERT and COMMIT, and under load one statement of n rows costs less than
 * n statements.
 */
export const ROWS_PER_INSERT = 32;

/** The shortest time between two group commits of the update log (see scheduleFlush). */
export const MIN_COMMIT_INTERVAL_MS = 2;

interface PendingAppend {
  mapId: string;
  bytes: Buffer;
  resolve(seq: number): void;
  reject(err: unknown): void;
}

function toBytes(value: Buffer): Uint8Array {
  return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
}

export class SqliteDocs implements DocStore {
  private readonly stmt;
  private pendingAppends: PendingAppend[] = [];
  /** A turn's appends past ROWS_PER_INSERT, in one transaction (made once: better-sqlite3 builds its wrapper per call). */
  private readonly insertChunks: (batch: PendingAppend[]) => void;
  /** INSERT statements of 1 to ROWS_PER_INSERT rows, made when first needed (index: rows − 1). */
  private readonly insertRows: Database.Statement<unknown[]>[] = [];

  constructor(private readonly db: Database.Database) {
    this.stmt = {
      insertMap: db.prepare(`INSERT INTO maps (${MAP_COLUMNS}) VALUES (?, ?, ?, ?, ?)`),
      insertSnapshot: db.prepare('INSERT INTO snapshots (map_id, snapshot, upto_seq) VALUES (?, ?, 0)'),
      getMap: db.prepare<[string], MapRow>(`SELECT ${MAP_COLUMNS} FROM maps WHERE id = ?`),
      // a map in the trash (life.ts) is gone for everyone until it is restored; its data stays loadable
      getLiveMap: db.prepare<[string], MapRow>(
        `SELECT ${MAP_COLUMNS} FROM maps WHERE id = ? AND NOT EXISTS (SELECT 1 FROM trash WHERE map_id = maps.id)`,
      ),
      deleteMap: db.prepare('DELETE FROM maps WHERE id = ?'),
      // The largest seq ever given: a drained or compacted one is in update_seq (raiseSeq), a newer
      // one in the journal. A seq given again at or below a snapshot's upto_seq would be skipped by
      // every load.
      lastSeq: db.prepare<[], { seq: number | null }>(
        'SELECT MAX((SELECT last FROM update_seq), COALESCE((SELECT MAX(seq) FROM update_journal), 0)) AS seq',
      ),
      raiseSeq: db.prepare<[number]>('UPDATE update_seq SET last = MAX(last, ?)'),
      journalRows: db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM update_journal'),
      // by map, so each map's rows go into its pages together
      drainInsert: db.prepare(
        'INSERT INTO updates (map_id, seq, bytes) SELECT map_id, seq, bytes FROM update_journal ORDER BY map_id, seq',
      ),
      drainDelete: db.prepare('DELETE FROM update_journal'),
      getSnapshot: db.prepare<[string], { snapshot: Buffer; upto_seq: number }>(
        'SELECT snapshot, upto_seq FROM snapshots WHERE map_id = ?',
      ),
      getUpdates: db.prepare<[string, number, string, number], { seq: number; bytes: Buffer }>(
        `SELECT seq, bytes FROM updates WHERE map_id = ? AND seq > ?
         UNION ALL SELECT seq, bytes FROM update_journal WHERE map_id = ? AND seq > ? ORDER BY seq`,
      ),
      upsertSnapshot: db.prepare(
        `INSERT INTO snapshots (map_id, snapshot, upto_seq) VALUES (?, ?, ?)
         ON CONFLICT(map_id) DO UPDATE SET snapshot = excluded.snapshot, upto_seq = excluded.upto_seq
         WHERE excluded.upto_seq >= snapshots.upto_seq`,
      ),
      deleteUpdates: db.prepare('DELETE FROM updates WHERE map_id = ? AND seq <= ?'),
      deleteJournalled: db.prepare('DELETE FROM update_journal WHERE map_id = ? AND seq <= ?'),
      setTitle: db.prepare('UPDATE maps SET title = ? WHERE id = ?'),
      setEditorHash: db.prepare('UPDATE maps SET editor_key_hash = ? WHERE id = ?'),
      setViewerHash: db.prepare('UPDATE maps SET viewer_key_hash = ? WHERE id = ?'),
    };
    this.insertChunks = db.transaction((batch: PendingAppend[]) => {
      for (let start = 0; start < batch.length; start += ROWS_PER_INSERT)
        this.insertRowsOf(batch, start, Math.min(batch.length, start + ROWS_PER_INSERT));
    });
    this.drain = db.transaction(() => {
      this.stmt.drainInsert.run();
      this.stmt.raiseSeq.run(this.lastSeq);
      this.stmt.drainDelete.run();
    });
    this.lastSeq = this.stmt.lastSeq.get()?.seq ?? 0;
    this.journalRows = this.stmt.journalRows.get()?.n ?? 0;
  }

  /** The seq of the newest row of the log (seqs are given here: the journal has no AUTOINCREMENT). */
  private lastSeq: number;
  /** Rows in the journal (moved to `updates` past JOURNAL_DRAIN_ROWS). */
  private journalRows: number;
  private readonly drain: () => void;
  private drainScheduled = false;
  /** Journal rows at which the next drain runs (doubled after a drain failed). */
  private drainAtRows = JOURNAL_DRAIN_ROWS;

  /**
   * Moves the journal's rows to `updates`, in one transaction (in its own turn, after a commit that
   * took the journal past JOURNAL_DRAIN_ROWS, and when the store closes). Never during a hold.
   */
  readonly drainJournal = (): void => {
    this.drainScheduled = false;
    if (this.holding || this.journalRows === 0 || !this.db.open) return;
    try {
      this.drain();
      this.journalRows = 0;
      this.drainAtRows = JOURNAL_DRAIN_ROWS;
    } catch {
      // (a row written behind the store's back with the same key): the rows stay in the journal,
      // where loads find them too; tried again once the journal has doubled
      this.drainAtRows = this.journalRows * 2;
    }
  };

  async createMap(map: NewMap): Promise<void> {
    this.db.transaction(() => {
      this.stmt.insertMap.run(map.id, map.title, map.editorKeyHash, map.viewerKeyHash, map.createdAt);
      this.stmt.insertSnapshot.run(map.id, Buffer.from(map.snapshot));
    })();
  }

  async getMap(id: string): Promise<MapRecord | null> {
    const row = this.stmt.getLiveMap.get(id);
    return row ? toMap(row) : null;
  }

  /** Media, keys, webhooks and versions go with the map through ON DELETE CASCADE. */
  async deleteMap(id: string): Promise<boolean> {
    return this.stmt.deleteMap.run(id).changes > 0;
  }

  /**
   * Group commit: the updates that arrive in one turn of the event loop are committed together, in
   * one transaction, after the turn's I/O (setImmediate); each promise resolves with its seq once
   * that transaction is committed. A commit writes whole pages (the updates table, its index, the
   * seq counter) however small the update, so under load one commit per update wrote kilobytes per
   * byte of edit. Order is kept: seqs follow the order of the calls.
   */
  appendUpdate(mapId: string, update: Uint8Array): Promise<number> {
    if (!this.db.open) return Promise.reject(new Error('the store is closed'));
    return new Promise<number>((resolve, reject) => {
      this.pendingAppends.push({
        mapId,
        bytes: Buffer.from(update.buffer, update.byteOffset, update.byteLength),
        resolve,
        reject,
      });
      if (this.pendingAppends.length === 1) this.scheduleFlush();
    });
  }

  private lastCommitAt = -Infinity;
  private flushTimer: NodeJS.Timeout | null = null;

  /**
   * After this turn's I/O, or, when the last commit was less than MIN_COMMIT_INTERVAL_MS ago, once
   * that interval is over. A lone edit is committed at once; under load the commits per second are
   * bounded, and each writes its pages (the log's last leaf, an index leaf, the seq counter) once for
   * many updates: one commit per turn wrote about 20 MiB of WAL a second at 3,000 edits/s, and the
   * checkpoint worker's WAL restarts, which make the writer wait, came every second.
   */
  private scheduleFlush(): void {
    if (this.holding) return; // the release flushes
    const wait = this.lastCommitAt + MIN_COMMIT_INTERVAL_MS - performance.now();
    if (wait <= 0) setImmediate(this.flushScheduled);
    else this.flushTimer = setTimeout(this.flushScheduled, wait);
  }

  /**
   * The checkpoint worker restarts the WAL (walCheckpointer.ts): appends wait in memory, not in
   * SQLite's busy handler, until `release` settles, then are committed together.
   */
  holdCommits(release: Promise<void>): void {
    const released = release.then(() => {
      if (this.holding !== released) return; // a newer hold is on
      this.holding = null;
      if (this.pendingAppends.length > 0) setImmediate(this.flushScheduled);
    });
    this.holding = released;
  }

  /** Settles when the current hold (holdCommits) ends; null when nothing is held. */
  private holding: Promise<void> | null = null;

  private readonly flushScheduled = (): void => {
    if (!this.holding) this.flushAppends();
  };

  /**
   * Rows [start, end) of `batch` with one statement, numbered from lastSeq + 1 (the seqs are given
   * here, so no RETURNING; lastSeq moves only once the statement succeeded: a failed one gives no seq).
   */
  private insertRowsOf(batch: PendingAppend[], start: number, end: number): void {
    const count = end - start;
    let statement = this.insertRows[count - 1];
    if (!statement) {
      const values = Array.from({ length: count }, () => '(?, ?, ?)').join(', ');
      statement = this.db.prepare(`INSERT INTO update_journal (seq, map_id, bytes) VALUES ${values}`);
      this.insertRows[count - 1] = statement;
    }
    const params: unknown[] = [];
    for (let i = start; i < end; i++) {
      const item = batch[i] as PendingAppend;
      params.push(this.lastSeq + 1 + i - start, item.mapId, item.bytes);
    }
    statement.run(params);
    this.lastSeq += count;
    this.journalRows += count;
  }

  /** Commits the appends waiting for this turn (the store calls it once more before it closes). */
  readonly flushAppends = (): void => {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = null;
    const batch = this.pendingAppends;
    this.pendingAppends = [];
    if (batch.length === 0) return;
    this.lastCommitAt = performance.now();
    const journalRowsBefore = this.journalRows;
    const lastSeqBefore = this.lastSeq;
    try {
      // one statement commits by itself; more need a transaction to commit once
      if (batch.length <= ROWS_PER_INSERT) this.insertRowsOf(batch, 0, batch.length);
      else this.insertChunks(batch);
    } catch {
      // one bad item (its map deleted meanwhile) must not fail the others: each on its own, numbered
      // again from where the rolled-back statement started (a failed row gives no seq)
      this.journalRows = journalRowsBefore;
      this.lastSeq = lastSeqBefore;
      batch.forEach((item, i) => {
        try {
          this.insertRowsOf(batch, i, i + 1);
          item.resolve(this.lastSeq);
        } catch (err) {
          item.reject(err);
        }
      });
      this.drainSoon();
      return;
    }
    batch.forEach((item, i) => item.resolve(lastSeqBefore + 1 + i));
    this.drainSoon();
  };

  private drainSoon(): void {
    if (this.journalRows < this.drainAtRows || this.drainScheduled) return;
    this.drainScheduled = true;
    setImmediate(this.drainJournal);
  }

  async loadDocument(mapId: string): Promise<StoredDocument | null> {
    return this.db.transaction((): StoredDocument | null => {
      if (!this.stmt.getMap.get(mapId)) return null;
      const snap = this.stmt.getSnapshot.get(mapId);
      const uptoSeq = snap?.upto_seq ?? 0;
      const updates = this.stmt.getUpdates
        .all(mapId, uptoSeq, mapId, uptoSeq)
        .map((row) => ({ seq: row.seq, bytes: toBytes(row.bytes) }));
      return { snapshot: snap ? toBytes(snap.snapshot) : null, uptoSeq, updates };
    })();
  }

  async compact(mapId: string, snapshot: Uint8Array, uptoSeq: number): Promise<void> {
    // during a WAL restart BEGIN IMMEDIATE would sleep in the busy handler, on the event loop
    while (this.holding) await this.holding;
    // IMMEDIATE: the write lock is taken at BEGIN, where the busy timeout applies. A deferred
    // transaction reads first, and a read cannot wait to become a write while another connection
    // (the checkpointer's RESTART, an events import) holds the lock: it fails at once with SQLITE_BUSY.
    this.db
      .transaction(() => {
        if (!this.stmt.getMap.get(mapId)) return;
        const written = this.stmt.upsertSnapshot.run(mapId, Buffer.from(snapshot), uptoSeq).changes;
        if (written > 0) {
          // the journal's rows up to uptoSeq may go with it: their seqs must not be given again
          this.stmt.raiseSeq.run(uptoSeq);
          this.stmt.deleteUpdates.run(mapId, uptoSeq);
          this.journalRows -= this.stmt.deleteJournalled.run(mapId, uptoSeq).changes;
        }
      })
      .immediate();
  }

  async setTitle(mapId: string, title: string): Promise<void> {
    this.stmt.setTitle.run(title, mapId);
  }

  async setKeyHash(mapId: string, role: 'editor' | 'viewer', keyHash: string): Promise<void> {
    (role === 'editor' ? this.stmt.setEditorHash : this.stmt.setViewerHash).run(keyHash, mapId);
  }
}
