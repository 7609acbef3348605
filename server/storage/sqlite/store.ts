// The embedded store: one SQLite file (DATA_DIR/percorso.db) in WAL mode, via better-sqlite3; its
// parts are docs.ts (with the group commit of updates), media.ts and features.ts.
// better-sqlite3 is synchronous, so each method has committed its transaction before it returns,
// except appendUpdate, which commits the updates of one event-loop turn together (group commit).
// Commits are never fsynced on the event loop; the WAL is checkpointed (and fsynced) on a worker thread
// every second (walCheckpointer.ts): a commit survives a crash of the process at once and a crash
// of the machine after at most that second, and never waits for the disk on the event loop.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { EventStorage, Store } from '../store';
import { ACCOUNTS_TABLES_SQL, SqliteAccounts } from './accounts';
import { DOCS_TABLES_SQL, SqliteDocs, UPDATE_JOURNAL_SQL } from './docs';
import { FEATURES_TABLES_SQL, SqliteFeatures } from './features';
import { LIFE_TABLES_SQL, SqliteLife } from './life';
import { INBOX_TABLES_SQL, SqliteInbox } from './inbox';
import { HISTORY_TABLES_SQL, SqliteHistory } from './history';
import { MEDIA_TABLE_SQL, SqliteMedia } from './media';
import { EVENTS_MIGRATION, SQLITE_EVENT_TABLES_SQL } from '../../events/schema';
import { WalCheckpointer } from './walCheckpointer';

export interface SqliteStoreOptions {
  /** How often the worker checkpoints the WAL (ms): the most a crash of the machine can lose. */
  checkpointEveryMs?: number;
  /** WAL frames past which the checkpoint worker restarts the WAL (walCheckpointer.ts RESTART_FRAMES). */
  walRestartFrames?: number;
  /** Told when the checkpoint worker fails (the store then checkpoints and fsyncs on its own connection). */
  onCheckpointerFailure?(reason: string): void;
}

/** Schema migrations, applied in order, each once, recorded in `migrations`. Never edit a shipped one. */
const MIGRATIONS: { version: number; sql: string }[] = [
  // maps, update log, snapshots (docs.ts)
  { version: 1, sql: DOCS_TABLES_SQL },
  // media: which map holds which uploaded bytes (media.ts)
  { version: 2, sql: MEDIA_TABLE_SQL },
  // ingest keys, webhooks and versions (features.ts)
  { version: 3, sql: FEATURES_TABLES_SQL },
  // accounts: members, sessions, invites, failed sign-ins (accounts.ts)
  { version: 5, sql: ACCOUNTS_TABLES_SQL },
  // the trash of the map list (life.ts)
  { version: 6, sql: LIFE_TABLES_SQL },
  // the mentions inbox (inbox.ts)
  { version: 7, sql: INBOX_TABLES_SQL },
  // who changed what: map activity, node changes (history.ts)
  { version: 8, sql: HISTORY_TABLES_SQL },
  // observed journeys: contact-log events, their terms and activity mappings (events/schema.ts)
  { version: EVENTS_MIGRATION, sql: SQLITE_EVENT_TABLES_SQL },
  // the update log's newest rows, appended without an index (docs.ts)
  { version: 10, sql: UPDATE_JOURNAL_SQL },
];

/** Thrown inside the write probe's transaction so it rolls back. */
const ROLLBACK = Symbol('rollback');

/** Bytes the WAL file keeps when the store closes (while open it keeps its size, see the constructor). */
const WAL_SIZE_LIMIT = 16 * 1024 * 1024;

export class SqliteStore implements Store {
  readonly docs: SqliteDocs;
  readonly media: SqliteMedia;
  readonly features: SqliteFeatures;
  readonly accounts: SqliteAccounts;
  readonly life: SqliteLife;
  readonly inbox: SqliteInbox;
  readonly history: SqliteHistory;
  private readonly db: Database.Database;
  private readonly file: string;
  private readonly checkpointer: WalCheckpointer;

  constructor(dataDir: string, options: SqliteStoreOptions = {}) {
    fs.mkdirSync(dataDir, { recursive: true });
    const file = path.join(dataDir, 'percorso.db');
    this.file = file;
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    // A commit is in the WAL (the OS has it) before appendUpdate returns, so an update that was
    // relayed survives a crash of the process; the checkpoint worker, whose connection syncs (FULL),
    // makes it survive a crash of the machine within checkpointEveryMs. This connection never
    // fsyncs: FULL would for every update, and even NORMAL does once per WAL restart (the new WAL
    // header), a 50-100 ms stall of the relay every few seconds under load; the worker's next
    // checkpoint syncs that header with the frames. It never checkpoints either (autocheckpoint 0).
    this.db.pragma('synchronous = OFF');
    this.db.pragma('wal_autocheckpoint = 0');
    // nor does it cut the WAL file when it restarts it (an ftruncate of tens of MiB on the event
    // loop): the file keeps its size, at most about the worker's restart threshold, and is reused
    this.db.pragma('journal_size_limit = -1');
    this.db.pragma('foreign_keys = ON');
    this.db.pragma('busy_timeout = 5000');
    this.migrate();
    this.docs = new SqliteDocs(this.db);
    this.media = new SqliteMedia(this.db);
    this.features = new SqliteFeatures(this.db);
    this.accounts = new SqliteAccounts(this.db);
    this.life = new SqliteLife(this.db);
    this.inbox = new SqliteInbox(this.db);
    this.history = new SqliteHistory(this.db);
    this.checkpointer = new WalCheckpointer(file, {
      intervalMs: options.checkpointEveryMs ?? 1000,
      holdCommits: (release) => this.docs.holdCommits(release),
      ...(options.walRestartFrames ? { restartFrames: options.walRestartFrames } : {}),
      onFailure: (reason) => {
        // without the worker: checkpoint here, and fsync every commit as the cost of doing so
        if (this.db.open) {
          this.db.pragma('synchronous = FULL');
          this.db.pragma('wal_autocheckpoint = 1000');
        }
        options.onCheckpointerFailure?.(reason);
      },
    });
  }

  private migrate(): void {
    this.db.exec('CREATE TABLE IF NOT EXISTS migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)');
    const applied = new Set(
      this.db
        .prepare<[], { version: number }>('SELECT version FROM migrations')
        .all()
        .map((row) => row.version),
    );
    for (const migration of MIGRATIONS) {
      if (applied.has(migration.version)) continue;
      this.db.transaction(() => {
        this.db.exec(migration.sql);
        this.db
          .prepare('INSERT INTO migrations (version, applied_at) VALUES (?, ?)')
          .run(migration.version, new Date().toISOString());
      })();
    }
  }

  /** Events get their own tables (and connection) in the same database file. */
  eventStorage(): EventStorage {
    return { kind: 'sqlite', file: this.file };
  }

  async checkWritable(): Promise<void> {
    // a real write (a no-op update of a row that always exists), rolled back
    const probe = this.db.transaction(() => {
      this.db
        .prepare('UPDATE migrations SET version = version WHERE version = (SELECT MAX(version) FROM migrations)')
        .run();
      throw ROLLBACK;
    });
    try {
      probe();
    } catch (err) {
      if (err !== ROLLBACK) throw err;
    }
  }

  async close(): Promise<void> {
    if (this.db.open) {
      this.docs.flushAppends();
      this.docs.drainJournal(); // at rest the whole log is in `updates`, indexed
    }
    await this.checkpointer.close();
    if (this.db.open) {
      // closing the last connection checkpoints the WAL into the file: synced, as the worker does
      this.db.pragma('synchronous = FULL');
      this.db.pragma(`journal_size_limit = ${WAL_SIZE_LIMIT}`);
      this.db.close();
    }
  }
}
