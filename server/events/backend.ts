// Which event backend goes with the server's store: PostgreSQL tables on its pool in scale-out,
// SQLite tables in the store's database file, or an in-memory SQLite for a store that has no
// database (the in-memory store of tests).
import path from 'node:path';
import { PostgresStore } from '../storage/postgres/store';
import { SqliteStore } from '../storage/sqlite/store';
import type { Store } from '../storage/store';
import { PostgresEvents } from './postgresEvents';
import { SqliteEvents } from './sqliteEvents';
import type { EventBackend } from './types';

export async function openEventBackend(store: Store, dataDir: string): Promise<EventBackend> {
  if (store instanceof PostgresStore) return PostgresEvents.open(store.pool);
  if (store instanceof SqliteStore) return new SqliteEvents(path.join(dataDir, 'percorso.db'));
  return new SqliteEvents(':memory:');
}
