// The scale-out store: PostgreSQL through a `pg` Pool, shared by any number of server processes.
// Same contract as SqliteStore; the schema is migrated at start (schema.ts). Its parts: docs.ts,
// media.ts (records and the bytes), features.ts. Every method has committed when its Promise
// resolves (autocommit statements or explicit transactions).
import pg from 'pg';
import type { MediaFiles } from '../../media/files';
import type { EventStorage, Store } from '../store';
import { PostgresAccounts } from './accounts';
import { PostgresDocs } from './docs';
import { PostgresFeatures } from './features';
import { PostgresLife } from './life';
import { PostgresInbox } from './inbox';
import { PostgresHistory } from './history';
import { PostgresMedia } from './media';
import { PostgresMediaFiles } from './mediaFiles';
import { migrate } from './schema';
import { withClient } from './tx';

/** Where pool errors go (an idle connection that broke); pino's logger fits. */
export interface PostgresLog {
  warn(obj: object, msg: string): void;
}

export interface PostgresOptions {
  log?: PostgresLog;
  /** Connections per process (default 10). */
  maxConnections?: number;
  /** A query that takes longer fails (default 15 s): a stalled database refuses edits instead of queueing them. */
  queryTimeoutMs?: number;
}

export class PostgresStore implements Store {
  readonly docs: PostgresDocs;
  readonly media: PostgresMedia;
  readonly features: PostgresFeatures;
  readonly accounts: PostgresAccounts;
  readonly life: PostgresLife;
  readonly inbox: PostgresInbox;
  readonly history: PostgresHistory;
  private closed: Promise<void> | null = null;

  private constructor(readonly pool: pg.Pool) {
    this.docs = new PostgresDocs(pool);
    this.media = new PostgresMedia(pool);
    this.features = new PostgresFeatures(pool);
    this.accounts = new PostgresAccounts(pool);
    this.life = new PostgresLife(pool);
    this.inbox = new PostgresInbox(pool);
    this.history = new PostgresHistory(pool);
  }

  /** Connects, applies the schema migrations, and returns the store. */
  static async connect(connectionString: string, options: PostgresOptions = {}): Promise<PostgresStore> {
    const pool = new pg.Pool({
      connectionString,
      max: options.maxConnections ?? 10,
      connectionTimeoutMillis: 5000,
      query_timeout: options.queryTimeoutMs ?? 15_000,
      keepAlive: true,
    });
    // an idle connection that breaks (the database restarted) must not crash the process
    pool.on('error', (err) => options.log?.warn({ err: err.message }, 'postgres connection lost'));
    try {
      await migrate(pool);
    } catch (err) {
      await pool.end().catch(() => undefined);
      throw err;
    }
    return new PostgresStore(pool);
  }

  /** The bytes of uploads live in PostgreSQL, shared by every process; DATA_DIR/media caches them. */
  mediaFiles(dataDir: string): MediaFiles {
    return new PostgresMediaFiles(dataDir, this.media);
  }

  eventStorage(): EventStorage {
    return { kind: 'postgres', pool: this.pool };
  }

  async checkWritable(): Promise<void> {
    // a real write (a no-op update of a row that always exists), rolled back: fails on a read-only database
    await withClient(this.pool, async (client) => {
      await client.query('BEGIN');
      try {
        await client.query(
          'UPDATE schema_migrations SET version = version WHERE version = (SELECT MAX(version) FROM schema_migrations)',
        );
      } finally {
        await client.query('ROLLBACK').catch(() => undefined);
      }
    });
  }

  close(): Promise<void> {
    this.closed ??= this.pool.end();
    return this.closed;
  }
}
