// The event tables of observed journeys, as migration 9 of each store (sqlite/store.ts,
// postgres/schema.ts). CREATE … IF NOT EXISTS because databases of earlier releases already have
// them (the events backend created them at open, before they were a migration): there the
// migration only records itself.

/** The number of the events migration in both stores (7 is the inbox, 8 the history). */
export const EVENTS_MIGRATION = 9;

/**
 * SQLite. `events` is WITHOUT ROWID with the event's identity as its key: one B-tree, the
 * duplicate check is the insert itself, and (space, customer, at) order is the flows' scan order.
 * With `linked`, a space belongs to a row of `maps` and goes with it (ON DELETE CASCADE); the
 * unlinked form is for the in-memory events database of a store without SQLite (tests' memory store).
 */
export function sqliteEventTablesSql(linked: boolean): string {
  const mapRef = linked ? 'REFERENCES maps(id) ON DELETE CASCADE' : '';
  return `
    CREATE TABLE IF NOT EXISTS event_maps (
      n INTEGER PRIMARY KEY AUTOINCREMENT,
      map_id TEXT NOT NULL UNIQUE ${mapRef},
      salt TEXT NOT NULL,
      version INTEGER NOT NULL DEFAULT 0
    );
    CREATE TABLE IF NOT EXISTS event_terms (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      space INTEGER NOT NULL REFERENCES event_maps(n) ON DELETE CASCADE,
      kind INTEGER NOT NULL,
      text TEXT NOT NULL,
      UNIQUE (space, kind, text)
    );
    CREATE TABLE IF NOT EXISTS events (
      space INTEGER NOT NULL REFERENCES event_maps(n) ON DELETE CASCADE,
      customer INTEGER NOT NULL,
      at INTEGER NOT NULL,
      key INTEGER NOT NULL,
      raw INTEGER NOT NULL,
      channel INTEGER NOT NULL,
      attrs INTEGER NOT NULL,
      PRIMARY KEY (space, customer, at, key)
    ) WITHOUT ROWID;
    CREATE TABLE IF NOT EXISTS event_mappings (
      space INTEGER NOT NULL REFERENCES event_maps(n) ON DELETE CASCADE,
      activity TEXT NOT NULL,
      touchpoint TEXT NOT NULL,
      PRIMARY KEY (space, activity)
    );
  `;
}

export const SQLITE_EVENT_TABLES_SQL = sqliteEventTablesSql(true);

/** PostgreSQL: the same tables on the store's pool, shared by every process. */
export const POSTGRES_EVENT_TABLES_SQL = `
  CREATE TABLE IF NOT EXISTS event_maps (
    n BIGSERIAL PRIMARY KEY,
    map_id TEXT NOT NULL UNIQUE REFERENCES maps(id) ON DELETE CASCADE,
    salt TEXT NOT NULL,
    version BIGINT NOT NULL DEFAULT 0
  );
  CREATE TABLE IF NOT EXISTS event_terms (
    id BIGSERIAL PRIMARY KEY,
    space BIGINT NOT NULL REFERENCES event_maps(n) ON DELETE CASCADE,
    kind SMALLINT NOT NULL,
    text TEXT NOT NULL,
    UNIQUE (space, kind, text)
  );
  CREATE TABLE IF NOT EXISTS events (
    space BIGINT NOT NULL REFERENCES event_maps(n) ON DELETE CASCADE,
    customer BIGINT NOT NULL,
    at BIGINT NOT NULL,
    key BIGINT NOT NULL,
    raw BIGINT NOT NULL,
    channel BIGINT NOT NULL,
    attrs BIGINT NOT NULL,
    PRIMARY KEY (space, customer, at, key)
  );
  CREATE TABLE IF NOT EXISTS event_mappings (
    space BIGINT NOT NULL REFERENCES event_maps(n) ON DELETE CASCADE,
    activity TEXT NOT NULL,
    touchpoint TEXT NOT NULL,
    PRIMARY KEY (space, activity)
  );
`;
