// Which event backend goes with the server's store: PostgreSQL tables on its pool in scale-out,
// SQLite tables in the store's database file, or an in-memory SQLite for a store that has no
// database (the in-memory store of tests). The store says which through `eventStorage()`.
import type { Store } from '../storage/store';
import { PostgresEvents } from './postgresEvents';
import { SqliteEvents } from './sqliteEvents';
import type { EventBackend } from './types';

export async function openEventBackend(store: Store): Promise<EventBackend> {
  const storage = store.eventStorage?.();
  if (storage?.kind === 'postgres') return PostgresEvents.open(storage.pool);
  if (storage?.kind === 'sqlite') return new SqliteEvents(storage.file);
  return new SqliteEvents(':memory:');
}
