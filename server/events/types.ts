// The storage contract of observed journeys (contact logs): events live beside a map's document,
// in the server's database, never in the Y.Doc. sqliteEvents.ts and postgresEvents.ts implement it
// on the backend's database; everything else (import, flows, timeline) is backend-free.
//
// Texts are stored once per map in a dictionary ("terms") and events hold their integer ids, so a
// million events are a million rows of seven integers. An event's identity is (customer, at, key):
// the same contact posted twice is stored once.

/** What a term is: a customer id, a resolved node key, a raw activity, a channel, an attribute set. */
export const TERM = { customer: 1, key: 2, raw: 3, channel: 4, attrs: 5 } as const;
export type TermKind = (typeof TERM)[keyof typeof TERM];

/** A map's event space: its integer number in the event tables and the salt of hashed customer ids. */
export interface EventSpace {
  n: number;
  salt: string;
}

/** Events to insert, as parallel columns (term ids; 0 = none for channel and attrs). */
export interface EventBatch {
  customer: Int32Array;
  /** Milliseconds since the epoch (UTC). */
  at: Float64Array;
  key: Int32Array;
  raw: Int32Array;
  channel: Int32Array;
  attrs: Int32Array;
}

/** Every event of a space ordered by customer, then time, then key: one ordered scan. */
export interface ScannedEvents {
  count: number;
  customer: Int32Array;
  at: Float64Array;
  key: Int32Array;
  attrs: Int32Array;
}

export interface Term {
  id: number;
  kind: TermKind;
  text: string;
}

export interface TimelineRow {
  at: number;
  key: number;
  raw: number;
  channel: number;
  attrs: number;
}

export interface ActivityMapping {
  /** The activity as the log names it, trimmed and lower-cased (how rows match it). */
  activity: string;
  touchpoint: string;
}

export interface EventBackend {
  /** The map's space, created when `create` and missing; null if absent (or the map does not exist). */
  space(mapId: string, create: boolean): Promise<EventSpace | null>;
  /** Ids of these texts of one kind, in order, created when missing. */
  termIds(space: number, kind: TermKind, texts: string[]): Promise<number[]>;
  findTerm(space: number, kind: TermKind, text: string): Promise<number | null>;
  /** Terms of the given kinds (never customers in bulk: there may be millions). */
  terms(space: number, kinds: TermKind[]): Promise<Term[]>;
  termsById(space: number, ids: number[]): Promise<Term[]>;
  /** Inserts the events that are not stored yet; returns how many were new. */
  insert(space: number, batch: EventBatch): Promise<number>;
  /** Increases with every change of the space's events or mappings (caches compare it). */
  version(space: number): Promise<number>;
  bumpVersion(space: number): Promise<void>;
  scan(space: number): Promise<ScannedEvents>;
  timeline(space: number, customer: number): Promise<TimelineRow[]>;
  mappings(space: number): Promise<ActivityMapping[]>;
  setMapping(space: number, activity: string, touchpoint: string | null): Promise<void>;
  /**
   * Moves events from key `from` to key `to` (only those whose raw activity is in `raws`, when
   * given); an event that then equals a stored one is dropped. Returns how many moved.
   */
  rekey(space: number, from: number, to: number, raws?: number[]): Promise<number>;
  /** Deletes every event (and term and mapping) of the map; the number of events deleted. */
  deleteAll(space: number): Promise<number>;
  /** Deletes events older than `cutoffMs` in every map; the spaces that lost some. */
  deleteOlderThan(cutoffMs: number): Promise<number[]>;
  close(): Promise<void>;
}
