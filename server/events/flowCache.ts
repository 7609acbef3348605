// The events of a few maps held in memory as dense columns, so a flows request is one pass over
// arrays instead of a scan of the database. An entry is valid while the space's version (bumped by
// every import, deletion, mapping or retention sweep, in any process) is the one it was read at.
import { eventsByAttrs, type FlowLog } from './flows';
import { TERM, type EventBackend, type Term } from './types';

export interface CachedLog {
  version: number;
  log: FlowLog;
  /** Dense key index → key term text (`tp:<id>` or `a:<activity>`). */
  keyTexts: string[];
  /** Dense attribute-set index → its attributes (index 0: none). */
  attrSets: Record<string, string>[];
  /** normalised activity → the first way the log wrote it (raw terms), for display. */
  rawTexts: Term[];
  /** Attribute names and the values the log has for each (attributeValues), once asked. */
  attributes?: Record<string, string[]>;
}

/** Names listed and values per name: the filters offer them as choices, not a full dump of the log. */
export const ATTRIBUTE_NAMES_LISTED = 50;
export const ATTRIBUTE_VALUES_LISTED = 200;

/** The attribute names of a log's attribute sets and their values, sorted (the first ones of each). */
export function attributeValues(attrSets: Record<string, string>[]): Record<string, string[]> {
  const values = new Map<string, Set<string>>();
  for (const set of attrSets) {
    for (const [name, value] of Object.entries(set)) {
      let seen = values.get(name);
      if (!seen) values.set(name, (seen = new Set()));
      seen.add(value);
    }
  }
  const sorted = (list: Iterable<string>): string[] => [...list].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const out: Record<string, string[]> = {};
  for (const name of sorted(values.keys()).slice(0, ATTRIBUTE_NAMES_LISTED)) {
    out[name] = sorted(values.get(name)!).slice(0, ATTRIBUTE_VALUES_LISTED);
  }
  return out;
}

/** Maps kept; a map's columns take about 28 bytes per event. */
const ENTRIES = 4;

export class FlowCache {
  private readonly entries = new Map<number, CachedLog>();
  private readonly loading = new Map<number, Promise<CachedLog>>();

  constructor(private readonly backend: EventBackend) {}

  async get(space: number): Promise<CachedLog> {
    const version = await this.backend.version(space);
    const cached = this.entries.get(space);
    if (cached && cached.version === version) {
      // most recently used last
      this.entries.delete(space);
      this.entries.set(space, cached);
      return cached;
    }
    let pending = this.loading.get(space);
    if (!pending) {
      pending = this.load(space, version).finally(() => this.loading.delete(space));
      this.loading.set(space, pending);
    }
    const loaded = await pending;
    // read at an older version while this request waited: read again
    return loaded.version === version ? loaded : this.get(space);
  }

  private async load(space: number, version: number): Promise<CachedLog> {
    const terms = await this.backend.terms(space, [TERM.key, TERM.attrs, TERM.raw]);
    const scanned = await this.backend.scan(space);
    const keyIndex = new Map<number, number>();
    const keyTexts: string[] = [];
    const attrIndex = new Map<number, number>([[0, 0]]);
    const attrSets: Record<string, string>[] = [{}];
    const rawTexts: Term[] = [];
    for (const term of terms) {
      if (term.kind === TERM.key) {
        keyIndex.set(term.id, keyTexts.length);
        keyTexts.push(term.text);
      } else if (term.kind === TERM.attrs) {
        attrIndex.set(term.id, attrSets.length);
        attrSets.push(JSON.parse(term.text) as Record<string, string>);
      } else rawTexts.push(term);
    }
    const key = new Int32Array(scanned.count);
    const attrs = new Int32Array(scanned.count);
    let kept = 0;
    const customer = scanned.customer;
    const at = scanned.at;
    for (let i = 0; i < scanned.count; i++) {
      const k = keyIndex.get(scanned.key[i]!);
      if (k === undefined) continue; // a term deleted meanwhile (the map's events were deleted): skip
      customer[kept] = customer[i]!;
      at[kept] = at[i]!;
      key[kept] = k;
      attrs[kept] = attrIndex.get(scanned.attrs[i]!) ?? 0;
      kept++;
    }
    const log: FlowLog = {
      count: kept,
      customer,
      at,
      key,
      attrs,
      eventsByAttrs: eventsByAttrs(attrs, kept, attrSets.length),
    };
    const entry: CachedLog = { version, log, keyTexts, attrSets, rawTexts };
    this.entries.delete(space);
    this.entries.set(space, entry);
    while (this.entries.size > ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    return entry;
  }

  forget(space: number): void {
    this.entries.delete(space);
  }
}
