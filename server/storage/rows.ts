// Row shapes shared by the SQL stores (SQLite and PostgreSQL name their columns alike) and their
// conversion to the Store's records.
import type {
  ChangeRecord,
  MapActivity,
  MapRecord,
  MediaRecord,
  MentionRecord,
  VersionInfo,
  WebhookRecord,
} from './store';

export const MAP_COLUMNS = 'id, title, editor_key_hash, viewer_key_hash, created_at';

export interface MapRow {
  id: string;
  title: string;
  editor_key_hash: string;
  viewer_key_hash: string;
  created_at: string;
}

export function toMap(row: MapRow): MapRecord {
  return {
    id: row.id,
    title: row.title,
    editorKeyHash: row.editor_key_hash,
    viewerKeyHash: row.viewer_key_hash,
    createdAt: row.created_at,
  };
}

export const MEDIA_COLUMNS = 'hash, name, mime, size, kind, created_at';

export interface MediaRow {
  hash: string;
  name: string;
  mime: string;
  /** PostgreSQL returns a BIGINT as a string. */
  size: number | string;
  kind: MediaRecord['kind'];
  created_at: string;
}

export function toMedia(row: MediaRow): MediaRecord {
  return {
    hash: row.hash,
    name: row.name,
    mime: row.mime,
    size: Number(row.size),
    kind: row.kind,
    createdAt: row.created_at,
  };
}

export const VERSION_COLUMNS = 'id, map_id, name, created_at, auto';

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
  return {
    id: row.id,
    mapId: row.map_id,
    name: row.name,
    createdAt: row.created_at,
    auto: row.auto === true || row.auto === 1,
  };
}

export interface ChangeRow {
  id: number | string;
  map_id: string;
  node_id: string;
  field: string;
  old_value: string | null;
  new_value: string | null;
  at: string;
  author_kind: 'member' | 'guest' | 'system';
  author_id: string | null;
  author_name: string;
}

export function toChange(row: ChangeRow): ChangeRecord {
  return {
    id: Number(row.id),
    mapId: row.map_id,
    nodeId: row.node_id,
    field: row.field,
    oldValue: row.old_value,
    newValue: row.new_value,
    at: row.at,
    author: { kind: row.author_kind, id: row.author_id, name: row.author_name },
  };
}

export interface ActivityRow {
  map_id: string;
  updated_at: string | null;
  created_by_id: string | null;
  created_by_name: string | null;
}

export function toActivity(row: ActivityRow): MapActivity {
  return {
    mapId: row.map_id,
    updatedAt: row.updated_at,
    createdBy: row.created_by_id ? { id: row.created_by_id, name: row.created_by_name ?? '' } : null,
  };
}

export interface MentionRow {
  id: string;
  member_id: string;
  map_id: string;
  node_id: string;
  comment_id: string;
  author: string;
  excerpt: string;
  created_at: string;
  read_at: string | null;
  map_title: string;
}

export function toMention(row: MentionRow): MentionRecord {
  return {
    id: row.id,
    memberId: row.member_id,
    mapId: row.map_id,
    nodeId: row.node_id,
    commentId: row.comment_id,
    author: row.author,
    excerpt: row.excerpt,
    createdAt: row.created_at,
    readAt: row.read_at,
    mapTitle: row.map_title,
  };
}
