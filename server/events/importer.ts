// One import of a contact log: rows are checked one by one (a bad row is named and skipped, the
// rest kept), their texts turned into term ids through per-import caches, and written in batches
// (one transaction each), so memory stays bounded whatever the size of the log.
import { createHmac } from 'node:crypto';
import { normalizeLabel, resolveChannel, resolveTouchpoint, type MapIndex } from './mapIndex';
import { parseEventTime } from './time';
import { TERM, type EventBackend, type EventBatch, type EventSpace, type TermKind } from './types';

export const MAX_ERRORS_LISTED = 100;
export const TEXT_MAX = 200;
export const ATTRIBUTE_NAME_MAX = 100;
export const ATTRIBUTE_VALUE_MAX = 500;
export const ATTRIBUTES_MAX = 50;
/** Rows per transaction: big enough to amortise a commit, small enough to keep the event loop moving. */
const BATCH_ROWS = 10_000;

/** One row of a log, as CSV cells or JSON values (anything: validated here). */
export interface RawEvent {
  customer: unknown;
  at: unknown;
  touchpoint: unknown;
  channel?: unknown;
  attributes?: unknown;
}

export interface ImportResult {
  accepted: number;
  rejected: number;
  duplicates: number;
  unmapped: number;
  errors: { row: number; reason: string }[];
}

export interface ImportOptions {
  /** Replace customer ids by an HMAC with the map's salt before they are stored. */
  hashCustomers: boolean;
  /** Events before this time (ms) are refused (EVENT_RETENTION_DAYS); null keeps everything. */
  retentionCutoff: number | null;
  retentionDays: number | null;
  /** Told of each batch written (duplicates included), after it is committed. */
  onInserted?(batch: EventBatch): void;
}

/** The stored form of a customer id when the map hashes them: HMAC-SHA256 with the map's salt, hex. */
export function hashCustomer(salt: string, customer: string): string {
  return createHmac('sha256', salt).update(customer).digest('hex').slice(0, 32);
}

/** A key term's text: `tp:<touchpoint id>`, or `a:<activity, normalised>` for an unmapped one. */
export function touchpointKey(id: string): string {
  return `tp:${id}`;
}
export function activityKey(activity: string): string {
  return `a:${normalizeLabel(activity)}`;
}

/** The attribute set of a row as one canonical text (sorted names), or '' when it has none. */
export function attributesText(attributes: Map<string, string>): string {
  if (attributes.size === 0) return '';
  return JSON.stringify(Object.fromEntries([...attributes.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))));
}

/** attributesText with a memo: a log repeats a few combinations (segment × country) over many rows. */
const ATTRIBUTE_MEMO_MAX = 100_000;
function memoAttributesText(attributes: Map<string, string>, memo: Map<string, string>): string {
  if (attributes.size === 0) return '';
  let key = '';
  for (const [name, value] of attributes) key += `${name.length}:${name}${value.length}:${value}`;
  let text = memo.get(key);
  if (text === undefined) {
    text = attributesText(attributes);
    if (memo.size < ATTRIBUTE_MEMO_MAX) memo.set(key, text);
  }
  return text;
}

class RowError extends Error {}

function text(value: unknown, what: string, required: boolean): string | null {
  if (value === undefined || value === null) {
    if (required) throw new RowError(`${what} is missing`);
    return null;
  }
  if (typeof value === 'number' && Number.isFinite(value)) value = String(value);
  if (typeof value !== 'string') throw new RowError(`${what} must be text`);
  const trimmed = value.trim();
  if (trimmed === '') {
    if (required) throw new RowError(`${what} is missing`);
    return null;
  }
  if (trimmed.length > TEXT_MAX) throw new RowError(`${what} is longer than ${TEXT_MAX} characters`);
  return trimmed;
}

function attributes(value: unknown): Map<string, string> {
  const out = new Map<string, string>();
  if (value === undefined || value === null) return out;
  const entries =
    value instanceof Map
      ? [...(value as Map<unknown, unknown>).entries()]
      : typeof value === 'object' && !Array.isArray(value)
        ? Object.entries(value)
        : null;
  if (!entries) throw new RowError('attributes must be an object of names and values');
  for (const [rawName, rawValue] of entries) {
    const name = typeof rawName === 'string' ? rawName.trim() : '';
    if (name === '') continue;
    if (name.length > ATTRIBUTE_NAME_MAX)
      throw new RowError(`an attribute name is longer than ${ATTRIBUTE_NAME_MAX} characters`);
    if (rawValue === undefined || rawValue === null) continue;
    const v =
      typeof rawValue === 'string'
        ? rawValue.trim()
        : typeof rawValue === 'number' || typeof rawValue === 'boolean'
          ? String(rawValue)
          : null;
    if (v === null) throw new RowError(`attribute ${JSON.stringify(name.slice(0, 40))} must be text or a number`);
    if (v === '') continue;
    if (v.length > ATTRIBUTE_VALUE_MAX)
      throw new RowError(
        `attribute ${JSON.stringify(name.slice(0, 40))} is longer than ${ATTRIBUTE_VALUE_MAX} characters`,
      );
    out.set(name, v);
  }
  if (out.size > ATTRIBUTES_MAX) throw new RowError(`more than ${ATTRIBUTES_MAX} attributes`);
  return out;
}

/** The rows waiting for the next write, as columns of texts (turned into term ids at the write). */
class PendingRows {
  customer: string[] = [];
  at: number[] = [];
  key: string[] = [];
  raw: string[] = [];
  channel: string[] = [];
  attrs: string[] = [];
  mapped: boolean[] = [];
  get length(): number {
    return this.at.length;
  }
}

/** What an activity text resolves to: its key term text, and whether that is a touchpoint. */
interface Resolved {
  key: string;
  mapped: boolean;
}

/** Memos of texts a log repeats (activities, channels): bounded, as a hostile log may never repeat one. */
const MEMO_MAX = 100_000;

export class EventImport {
  readonly result: ImportResult = { accepted: 0, rejected: 0, duplicates: 0, unmapped: 0, errors: [] };
  private pending = new PendingRows();
  /** Per kind: text → term id, for the texts met in this import. */
  private readonly ids = new Map<TermKind, Map<string, number>>();
  private readonly hashes = new Map<string, string>();
  private readonly attributeMemo = new Map<string, string>();
  /** Attribute objects met before (the CSV reader shares one per combination of values) → their text. */
  private readonly attributesSeen = new WeakMap<object, string>();
  private readonly activities = new Map<string, Resolved>();
  private readonly channels = new Map<string, string>();

  constructor(
    private readonly backend: EventBackend,
    private readonly space: EventSpace,
    private readonly index: MapIndex,
    /** normalised activity → touchpoint id (the map's saved mappings). */
    private readonly mappings: Map<string, string>,
    private readonly options: ImportOptions,
  ) {}

  private reject(row: number, reason: string): void {
    this.result.rejected++;
    if (this.result.errors.length < MAX_ERRORS_LISTED) this.result.errors.push({ row, reason });
  }

  /** Checks rows ([line in the file, row]); valid ones are queued, and written once a batch is full. */
  async addAll(rows: [number, RawEvent][]): Promise<void> {
    for (const [row, event] of rows) {
      try {
        this.check(event);
      } catch (err) {
        if (!(err instanceof RowError)) throw err;
        this.reject(row, err.message);
      }
      if (this.pending.length >= BATCH_ROWS) await this.flush();
    }
  }

  private attributesText(value: unknown): string {
    const known = typeof value === 'object' && value !== null ? this.attributesSeen.get(value) : undefined;
    if (known !== undefined) return known;
    const text = memoAttributesText(attributes(value), this.attributeMemo);
    if (typeof value === 'object' && value !== null) this.attributesSeen.set(value, text);
    return text;
  }

  private resolveActivity(activity: string): Resolved {
    let resolved = this.activities.get(activity);
    if (resolved === undefined) {
      const touchpoint = resolveTouchpoint(this.index, this.mappings, activity);
      resolved =
        touchpoint === null
          ? { key: activityKey(activity), mapped: false }
          : { key: touchpointKey(touchpoint), mapped: true };
      if (this.activities.size < MEMO_MAX) this.activities.set(activity, resolved);
    }
    return resolved;
  }

  private resolveChannel(text: string): string {
    let channel = this.channels.get(text);
    if (channel === undefined) {
      channel = resolveChannel(this.index, text);
      if (this.channels.size < MEMO_MAX) this.channels.set(text, channel);
    }
    return channel;
  }

  /** Validates one row and queues it; throws RowError for a row to reject. */
  private check(event: RawEvent): void {
    let customer = text(event.customer, 'customer', true)!;
    const atText = event.at;
    if (atText === undefined || atText === null || (typeof atText === 'string' && atText.trim() === ''))
      throw new RowError('at is missing');
    const at = typeof atText === 'string' ? parseEventTime(atText) : null;
    if (at === null)
      throw new RowError(`at is not an ISO 8601 date or time: ${JSON.stringify(String(atText).slice(0, 40))}`);
    const { retentionCutoff, retentionDays } = this.options;
    if (retentionCutoff !== null && at < retentionCutoff)
      throw new RowError(`at is older than the ${retentionDays} days events are kept (EVENT_RETENTION_DAYS)`);
    const activity = text(event.touchpoint, 'touchpoint', true)!;
    const channelText = text(event.channel, 'channel', false);
    const attrs = this.attributesText(event.attributes);
    if (this.options.hashCustomers) {
      let hashed = this.hashes.get(customer);
      if (hashed === undefined) {
        hashed = hashCustomer(this.space.salt, customer);
        if (this.hashes.size < 1_000_000) this.hashes.set(customer, hashed);
      }
      customer = hashed;
    }
    const { key, mapped } = this.resolveActivity(activity);
    const p = this.pending;
    p.customer.push(customer);
    p.at.push(at);
    p.key.push(key);
    p.raw.push(activity);
    p.channel.push(channelText === null ? '' : this.resolveChannel(channelText));
    p.attrs.push(attrs);
    p.mapped.push(mapped);
  }

  /** Term ids of `texts` ('' is 0: none), asking the backend only for those not met before. */
  private async termIds(kind: TermKind, texts: string[]): Promise<Int32Array> {
    let cache = this.ids.get(kind);
    // customer ids are many: keep the cache bounded (the backend finds the others again)
    if (!cache || cache.size > 500_000) this.ids.set(kind, (cache = new Map()));
    const out = new Int32Array(texts.length);
    const missing = new Set<string>();
    for (let i = 0; i < texts.length; i++) {
      const t = texts[i]!;
      if (t === '') continue;
      const id = cache.get(t);
      if (id === undefined) missing.add(t);
      else out[i] = id;
    }
    if (missing.size > 0) {
      const list = [...missing];
      const ids = await this.backend.termIds(this.space.n, kind, list);
      list.forEach((t, i) => cache.set(t, ids[i]!));
      for (let i = 0; i < texts.length; i++) if (out[i] === 0 && texts[i] !== '') out[i] = cache.get(texts[i]!)!;
    }
    return out;
  }

  /** Writes the queued rows: mapped and unmapped apart, so the answer can count the unmapped kept. */
  async flush(): Promise<void> {
    const rows = this.pending;
    this.pending = new PendingRows();
    const n = rows.length;
    if (n === 0) return;
    const batch: EventBatch = {
      customer: await this.termIds(TERM.customer, rows.customer),
      at: Float64Array.from(rows.at),
      key: await this.termIds(TERM.key, rows.key),
      raw: await this.termIds(TERM.raw, rows.raw),
      channel: await this.termIds(TERM.channel, rows.channel),
      attrs: await this.termIds(TERM.attrs, rows.attrs),
    };
    let unmappedRows = 0;
    for (const m of rows.mapped) if (!m) unmappedRows++;
    if (unmappedRows === 0) {
      const added = await this.backend.insert(this.space.n, batch);
      this.options.onInserted?.(batch);
      this.result.accepted += added;
      this.result.duplicates += n - added;
      return;
    }
    for (const wanted of [true, false]) {
      const group = selectRows(batch, rows.mapped, wanted);
      if (group.at.length === 0) continue;
      const added = await this.backend.insert(this.space.n, group);
      this.options.onInserted?.(group);
      this.result.accepted += added;
      this.result.duplicates += group.at.length - added;
      if (!wanted) this.result.unmapped += added;
    }
  }
}

/** The rows of `batch` whose `mapped` flag is `wanted`. */
function selectRows(batch: EventBatch, mapped: boolean[], wanted: boolean): EventBatch {
  const rows: number[] = [];
  mapped.forEach((m, i) => {
    if (m === wanted) rows.push(i);
  });
  const pick = <T extends Int32Array | Float64Array>(column: T): T => {
    const out = new (column.constructor as new (n: number) => T)(rows.length);
    rows.forEach((r, i) => (out[i] = column[r]!));
    return out;
  };
  return {
    customer: pick(batch.customer),
    at: pick(batch.at),
    key: pick(batch.key),
    raw: pick(batch.raw),
    channel: pick(batch.channel),
    attrs: pick(batch.attrs),
  };
}
