// The storage contract of the server, in three parts: `docs` (maps, their update log and snapshots),
// `media` (which map holds which upload) and `features` (ingest keys, webhooks, versions). Each
// backend lives in its own folder (sqlite/, postgres/, memory/) and implements the parts; README.md
// says how to add one. Every method returns a Promise so an asynchronous store fits; a synchronous
// store may do its work before returning an already-settled Promise.
import type pg from 'pg';
import type { Member, WorkspaceRole } from '../auth/actor';
import type { MediaFiles } from '../media/files';

export interface MapRecord {
  id: string;
  title: string;
  editorKeyHash: string;
  viewerKeyHash: string;
  createdAt: string; // ISO time
}

export interface NewMap extends MapRecord {
  /** The seeded document (`Y.encodeStateAsUpdate`), stored as the map's first snapshot. */
  snapshot: Uint8Array;
}

export interface StoredDocument {
  /** Latest snapshot, or null if the map never had one. */
  snapshot: Uint8Array | null;
  /** Updates with seq ≤ this are contained in the snapshot. */
  uptoSeq: number;
  /** Updates after the snapshot, in seq order. */
  updates: { seq: number; bytes: Uint8Array }[];
}

// uploads of a map (the bytes live elsewhere, content-addressed by hash)
export interface MediaRecord {
  hash: string; // sha-256 of the bytes, lower-case hex
  name: string;
  mime: string;
  size: number;
  kind: 'image' | 'audio' | 'video' | 'document';
  createdAt: string; // ISO time
}

// ingest API, metric alerts, version history
export interface IngestKeyRecord {
  keyHash: string; // SHA-256 hex, like the editor and viewer keys
  rotatedAt: string; // ISO time it was created or last rotated
}

export interface WebhookRecord {
  id: string;
  mapId: string;
  url: string; // http(s)
  /** HMAC key of the signature; stored in clear because the server must sign with it. */
  secret: string;
  createdAt: string;
  /** The last delivery: HTTP status of its last attempt (null: none yet, or no answer). */
  lastStatus: number | null;
  /** Why its last attempt failed; null when it succeeded (or none was made). */
  lastError: string | null;
  /** Attempts the last delivery took (1 + retries). */
  attempts: number;
  lastAttemptAt: string | null;
}

export interface WebhookDelivery {
  status: number | null;
  error: string | null;
  attempts: number;
  at: string;
}

export interface VersionInfo {
  id: string;
  mapId: string;
  name: string;
  createdAt: string;
  /** Made by the server (daily, or before a restore), not named by a user. */
  auto: boolean;
}

export interface NewVersion extends VersionInfo {
  snapshot: Uint8Array; // Y.encodeStateAsUpdate of the map's document
}

export type StoredVersion = NewVersion;

export interface VersionSize {
  id: string;
  auto: boolean;
  bytes: number;
}

export type NewWebhook = Pick<WebhookRecord, 'id' | 'mapId' | 'url' | 'secret' | 'createdAt'>;

/** Maps, their update log and their snapshots. deleteMap removes the map's media and features too. */
export interface DocStore {
  createMap(map: NewMap): Promise<void>;
  getMap(id: string): Promise<MapRecord | null>;
  /** Removes the map and all its data (media records, keys, webhooks, versions); false if it did not exist. */
  deleteMap(id: string): Promise<boolean>;
  /**
   * Appends one Yjs update durably (committed when the Promise resolves) and returns its seq,
   * which increases per map and is never reused. Calls for one map commit in call order.
   * Rejects if the map does not exist.
   */
  appendUpdate(mapId: string, update: Uint8Array): Promise<number>;
  /** Snapshot plus the updates after it, or null if the map does not exist. */
  loadDocument(mapId: string): Promise<StoredDocument | null>;
  /**
   * Atomically replaces the snapshot with one that contains every update with seq ≤ uptoSeq,
   * and deletes those updates. A no-op if the map no longer exists or a newer snapshot is stored.
   */
  compact(mapId: string, snapshot: Uint8Array, uptoSeq: number): Promise<void>;
  setTitle(mapId: string, title: string): Promise<void>;
  /** Replaces the hash of the map's editor or viewer key: the old key stops opening it. */
  setKeyHash(mapId: string, role: 'editor' | 'viewer', keyHash: string): Promise<void>;
}

/** Which map may read which stored bytes (the bytes themselves live in MediaFiles). */
export interface MediaStore {
  /** Records that `mapId` holds these bytes; a second record of the same hash keeps the first. False if the map does not exist. */
  add(mapId: string, media: MediaRecord): Promise<boolean>;
  /** The map's record of this hash, or null (also for an unknown map). */
  get(mapId: string, hash: string): Promise<MediaRecord | null>;
  /** Hashes of every media record of the map. */
  listHashes(mapId: string): Promise<string[]>;
  /** Whether any map still records this hash (its file must then be kept). */
  isReferenced(hash: string): Promise<boolean>;
}

/** Ingest keys, webhooks and versions of maps. */
export interface FeatureStore {
  /** The map's ingest key, or null if it has none (or the map does not exist). */
  getIngestKey(mapId: string): Promise<IngestKeyRecord | null>;
  /** Creates or replaces the map's ingest key. False if the map does not exist. */
  setIngestKey(mapId: string, key: IngestKeyRecord): Promise<boolean>;
  /** False if the map does not exist. A new hook has no deliveries (attempts 0). */
  addWebhook(hook: NewWebhook): Promise<boolean>;
  /** The map's hooks, oldest first. */
  listWebhooks(mapId: string): Promise<WebhookRecord[]>;
  deleteWebhook(mapId: string, hookId: string): Promise<boolean>;
  /** Records the outcome of a delivery (a no-op if the hook was deleted meanwhile). */
  recordWebhookDelivery(hookId: string, delivery: WebhookDelivery): Promise<void>;
  /** False if the map does not exist. */
  addVersion(version: NewVersion): Promise<boolean>;
  /** The map's versions without their bytes, newest first. */
  listVersions(mapId: string): Promise<VersionInfo[]>;
  getVersion(mapId: string, versionId: string): Promise<StoredVersion | null>;
  /** createdAt of the map's newest automatic version, or null. */
  latestAutoVersionAt(mapId: string): Promise<string | null>;
  /** Every version's id, kind and snapshot size, oldest first (the bound per map thins them). */
  listVersionSizes(mapId: string): Promise<VersionSize[]>;
  /** Deletes these versions of the map (unknown ids are ignored). */
  deleteVersions(mapId: string, ids: readonly string[]): Promise<void>;
}

// accounts: the workspace's members, their sign-in sessions and invites (one workspace per server)
export interface MemberRecord extends Member {
  /** The password's KDF hash (auth/passwords.ts), or null for a member who signs in only with SSO. */
  passwordHash: string | null;
  /** `issuer|subject` of the single sign-on identity linked to this member, or null. */
  ssoSubject: string | null;
  createdAt: string;
}

export interface SessionRecord {
  tokenHash: string; // SHA-256 hex of the cookie's token; the token itself is never stored
  memberId: string;
  createdAt: string;
  expiresAt: string;
}

export interface InviteRecord {
  tokenHash: string;
  email: string;
  role: WorkspaceRole;
  createdBy: string; // member id
  createdAt: string;
  expiresAt: string;
}

export type InviteOutcome = 'accepted' | 'unknown' | 'email_taken';

/** Members, sessions, invites and failed sign-ins (for the lockout). Emails are stored lower-cased. */
export interface AccountStore {
  countMembers(): Promise<number>;
  /** Adds the member only if there is none yet (the first admin): false otherwise. */
  createFirstMember(member: MemberRecord): Promise<boolean>;
  /** False if the email (or SSO subject) is already a member's. */
  createMember(member: MemberRecord): Promise<boolean>;
  getMember(id: string): Promise<MemberRecord | null>;
  getMemberByEmail(email: string): Promise<MemberRecord | null>;
  getMemberBySsoSubject(subject: string): Promise<MemberRecord | null>;
  /** Every member, oldest first. */
  listMembers(): Promise<MemberRecord[]>;
  /** False if there is no such member. */
  setMemberRole(id: string, role: WorkspaceRole): Promise<boolean>;
  setSsoSubject(id: string, subject: string): Promise<boolean>;
  createSession(session: SessionRecord): Promise<void>;
  /** The member of an unexpired session (`now`: ISO time), or null. */
  sessionMember(tokenHash: string, now: string): Promise<MemberRecord | null>;
  deleteSession(tokenHash: string): Promise<void>;
  /** Ends every session of the member; returns how many there were. */
  deleteSessionsOf(memberId: string): Promise<number>;
  /** Drops sessions that expired before `now`. */
  deleteExpiredSessions(now: string): Promise<void>;
  createInvite(invite: InviteRecord): Promise<void>;
  /** The invite, if it is unused and not expired at `now`. */
  getInvite(tokenHash: string, now: string): Promise<InviteRecord | null>;
  /**
   * Uses the invite once: creates the member with the invite's email and role and deletes the invite,
   * atomically. 'unknown': no such live invite (used, expired, never issued).
   */
  acceptInvite(tokenHash: string, now: string, member: Omit<MemberRecord, 'email' | 'role'>): Promise<InviteOutcome>;
  /** Records one failed sign-in under each subject (an account, an address). */
  recordSignInFailure(subjects: readonly string[], at: string): Promise<void>;
  /** Failed sign-ins of the subject since `since`, oldest first (their times, ISO). */
  signInFailures(subject: string, since: string): Promise<string[]>;
  /** Forgets failures older than `before`. */
  pruneSignInFailures(before: string): Promise<void>;
  /**
   * The server's secret called `name` (signing keys shared by every process): stores `candidate` if
   * there is none yet, and returns the stored one either way.
   */
  serverSecret(name: string, candidate: string): Promise<string>;
}

// the map list and the trash (one workspace per server)
export interface MapSummary {
  id: string;
  title: string;
  createdAt: string;
  /** When it was moved to the trash; null for a map in the list. */
  trashedAt: string | null;
}

export interface TrashedMap extends MapRecord {
  trashedAt: string;
}

/**
 * Which maps are in the trash. A trashed map keeps all its data but is gone for everything else:
 * `docs.getMap` answers null for it until it is restored (or purged with `docs.deleteMap`).
 */
export interface MapLifeStore {
  /** Every map not in the trash, newest first. */
  listMaps(): Promise<MapSummary[]>;
  /** Every map in the trash, most recently trashed first. */
  listTrash(): Promise<MapSummary[]>;
  /** The trashed map with its keys' hashes (a guest's editor key may restore it), or null (unknown, or not in the trash). */
  getTrashed(mapId: string): Promise<TrashedMap | null>;
  /** Moves the map to the trash at `at` (ISO); false if there is no such map or it is already there. */
  trash(mapId: string, at: string): Promise<boolean>;
  /** Takes the map out of the trash; false if it was not there. */
  restore(mapId: string): Promise<boolean>;
  /** Ids of the maps trashed before `before` (ISO), oldest first: due to be purged. */
  trashedBefore(before: string): Promise<string[]>;
}

// the mentions inbox: a member named as @Name in a comment (one row per member and comment)
export interface NewMention {
  id: string;
  memberId: string;
  mapId: string;
  nodeId: string;
  commentId: string;
  /** The comment's author as written (a display name). */
  author: string;
  /** The comment's text, cut to 280 characters. */
  excerpt: string;
  createdAt: string; // ISO time
}

export interface MentionRecord extends NewMention {
  /** The map's title now. */
  mapTitle: string;
  /** When the member read it; null while unread. */
  readAt: string | null;
}

/** Mentions of members in comments. A mention goes with its map (deleted or in the trash: not listed). */
export interface InboxStore {
  /** Records the mention unless the member already has one for that comment; true if it is new. */
  addMention(mention: NewMention): Promise<boolean>;
  /** The member's mentions on maps not in the trash, newest first, at most `limit`. */
  listMentions(memberId: string, limit: number): Promise<MentionRecord[]>;
  /** How many of those are unread. */
  unreadMentions(memberId: string): Promise<number>;
  /** Marks the member's mentions read at `at` (every unread one when `ids` is 'all'); returns how many changed. */
  markMentionsRead(memberId: string, ids: readonly string[] | 'all', at: string): Promise<number>;
}

// who changed what: a map's creator and last edit time, and the changes of its nodes' fields
export interface ChangeAuthor {
  /** 'system': the server on someone's behalf (the metrics ingest API). */
  kind: 'member' | 'guest' | 'system';
  /** The member's id; null otherwise. */
  id: string | null;
  /** The member's name, the name a guest gave (self-declared; '' when they gave none), or the system's. */
  name: string;
}

export interface NewChange {
  mapId: string;
  nodeId: string;
  /** The field that changed ('label', 'channelId', …), or 'created' / 'removed' for the node itself. */
  field: string;
  /** The values as short JSON text (cut to 300 characters); null when there was none. */
  oldValue: string | null;
  newValue: string | null;
  at: string; // ISO time
  author: ChangeAuthor;
}

export interface ChangeRecord extends NewChange {
  /** Increasing: newer changes have larger ids (the paging cursor). */
  id: number;
}

export interface MapActivity {
  mapId: string;
  /** The last time an update of the map was stored; null if never since history was kept. */
  updatedAt: string | null;
  createdBy: { id: string; name: string } | null;
}

/** History of maps: their nodes' field changes and per-map activity. Rows go with their map. */
export interface HistoryStore {
  /** Records who created the map (a member). */
  setCreator(mapId: string, member: { id: string; name: string }): Promise<void>;
  /** The maps' last edit times (kept if a later one is already stored). */
  touchMaps(touches: readonly { mapId: string; at: string }[]): Promise<void>;
  /** Stores changes of maps that exist (others are skipped). */
  addChanges(changes: readonly NewChange[]): Promise<void>;
  /** A map's changes, newest first: of one node when `nodeId` is given; older than `beforeId` when given. */
  listChanges(mapId: string, options: { nodeId?: string; beforeId?: number; limit: number }): Promise<ChangeRecord[]>;
  /** The activity of every map that has some. */
  mapActivity(): Promise<MapActivity[]>;
}

/** A database the events module can open its tables in. */
export type EventStorage = { kind: 'postgres'; pool: pg.Pool } | { kind: 'sqlite'; file: string };

export interface Store {
  readonly docs: DocStore;
  readonly media: MediaStore;
  readonly features: FeatureStore;
  readonly accounts: AccountStore;
  readonly life: MapLifeStore;
  readonly inbox: InboxStore;
  readonly history: HistoryStore;
  /**
   * Where this backend keeps the bytes of uploads, if not as plain files in DATA_DIR/media (the
   * default): PostgreSQL keeps them in the database, shared by every process, with a local cache.
   */
  mediaFiles?(dataDir: string): MediaFiles;
  /**
   * Where observed-journey events can live beside this store's maps (server/events opens its own
   * tables there); none: a store without a database (the in-memory one), events go to memory too.
   */
  eventStorage?(): EventStorage;
  /**
   * Resolves if the store can commit a write now; rejects with the reason otherwise (a read-only
   * database or file system, a full disk). Writes nothing that stays: /api/health and sync call it.
   */
  checkWritable(): Promise<void>;
  close(): Promise<void>;
}
