// Row shapes shared by the SQL stores (SQLite and PostgreSQL name their columns alike) and their
// conversion to the Store's records.
import type { VersionInfo, WebhookRecord } from './store';

export interface WebhookRow {
  id: string;
  map_id: string;
  url: string;
  secret: string;
  created_at: string;
  last_status: number | null;
  last_error: string | null;
  attempts: number;
  last_attempt_at: string | null;
}

export interface VersionRow {
  id: string;
  map_id: string;
  name: string;
  created_at: string;
  /** PostgreSQL returns a boolean, SQLite stores 0 or 1. */
  auto: boolean | number;
}

export function toHook(row: WebhookRow): WebhookRecord {
  return {
    id: row.id,
    mapId: row.map_id,
    url: row.url,
    secret: row.secret,
    createdAt: row.created_at,
    lastStatus: row.last_status,
    lastError: row.last_error,
    attempts: row.attempts,
    lastAttemptAt: row.last_attempt_at,
  };
}

export function toVersion(row: VersionRow): VersionInfo {
  return { id: row.id, mapId: row.map_id, name: row.name, createdAt: row.created_at, auto: row.auto === true || row.auto === 1 };
}
