// The events of a few maps held in memory as dense columns, so a flows request is one pass over
// arrays instead of a scan of the database. An entry is valid while the space's version (bumped by
// every import, deletion, mapping or retention sweep, in any process) is the one it was read at.
import { eventsByAttrs, type FlowLog } from './flows';
import { mergeEvents, type EventColumns } from './logMerge';
import { TERM, type EventBackend, type Term } from './types';

export interface CachedLog {
  version: number;
  log: FlowLog;
  /** Dense key index → key term text (`tp:<id>` or `a:<activity>`). */
  keyTexts: string[];
  /** Dense key index → its term id, and back. */
  keyIds: number[];
  keyIndex: Map<number, number>;
  /** Attribute-set term id → its dense index. */
  attrIndex: Map<number, number>;
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
    const keyIds: number[] = [];
    const attrIndex = new Map<number, number>([[0, 0]]);
    const attrSets: Record<string, string>[] = [{}];
    const rawTexts: Term[] = [];
    for (const term of terms) {
      if (term.kind === TERM.key) {
        keyIndex.set(term.id, keyTexts.length);
        keyTexts.push(term.text);
        keyIds.push(term.id);
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
    return this.keep(space, { version, log, keyTexts, keyIds, keyIndex, attrIndex, attrSets, rawTexts });
  }

  private keep(space: number, entry: CachedLog): CachedLog {
    this.entries.delete(space);
    this.entries.set(space, entry);
    while (this.entries.size > ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    return entry;
  }

  /** The entry held for the space now, whatever its version (an import extends it). */
  peek(space: number): CachedLog | undefined {
    return this.entries.get(space);
  }

  /**
   * The entry of `version` made from `base` and the events an import added since `base.version`,
   * merged in memory instead of read again. The caller knows nothing else changed the space in
   * between (its version moved by exactly that import's bump).
   */
  async extend(space: number, base: CachedLog, added: EventColumns, version: number): Promise<CachedLog> {
    let { keyTexts, keyIds, keyIndex, attrIndex, attrSets, rawTexts } = base;
    const keyOf = new IdTable(added.key, added.count, keyIndex);
    const attrsOf = new IdTable(added.attrs, added.count, attrIndex);
    const unknown = [...keyOf.unknown, ...attrsOf.unknown];
    if (unknown.length > 0) {
      // the import's new keys, attribute sets and raw activities (few: they are a log's vocabulary)
      const terms = await this.backend.termsById(space, unknown);
      [keyTexts, keyIds, keyIndex, attrIndex, attrSets] = [
        [...keyTexts],
        [...keyIds],
        new Map(keyIndex),
        new Map(attrIndex),
        [...attrSets],
      ];
      for (const term of terms) {
        if (term.kind === TERM.key && !keyIndex.has(term.id)) {
          keyIndex.set(term.id, keyTexts.length);
          keyOf.set(term.id, keyTexts.length);
          keyTexts.push(term.text);
          keyIds.push(term.id);
        } else if (term.kind === TERM.attrs && !attrIndex.has(term.id)) {
          attrIndex.set(term.id, attrSets.length);
          attrsOf.set(term.id, attrSets.length);
          attrSets.push(JSON.parse(term.text) as Record<string, string>);
        }
      }
      for (const id of unknown) if (!keyIndex.has(id) && !attrIndex.has(id)) return this.get(space); // deleted meanwhile
      rawTexts = await this.backend.terms(space, [TERM.raw]);
    }
    const merged = mergeEvents(base.log, added, keyIds, keyOf.get, attrsOf.get);
    const log: FlowLog = { ...merged, eventsByAttrs: eventsByAttrs(merged.attrs, merged.count, attrSets.length) };
    return this.keep(space, { version, log, keyTexts, keyIds, keyIndex, attrIndex, attrSets, rawTexts });
  }

  forget(space: number): void {
    this.entries.delete(space);
  }
}

/** Ids up to this go in a typed table (4 bytes each); larger ones in a Map. */
const TABLE_IDS_MAX = 1 << 24;

/**
 * Term id → dense index for the ids of one column of an import (a million rows, a few distinct ids):
 * a typed table indexed by id instead of a Map lookup per row. 0 is "none" (index 0).
 */
class IdTable {
  /** Ids of the column that `known` lacks. */
  readonly unknown: number[] = [];
  private readonly table: Int32Array | null;
  private readonly map: Map<number, number>;
  readonly get: (id: number) => number;

  constructor(column: Int32Array, count: number, known: Map<number, number>) {
    let max = 0;
    for (let i = 0; i < count; i++) if (column[i]! > max) max = column[i]!;
    this.map = new Map(known);
    this.map.set(0, 0);
    if (max < TABLE_IDS_MAX) {
      const table = (this.table = new Int32Array(max + 1).fill(-1));
      for (const [id, dense] of this.map) if (id <= max) table[id] = dense;
      for (let i = 0; i < count; i++) {
        const id = column[i]!;
        if (table[id] === -1) {
          table[id] = -2; // listed once
          this.unknown.push(id);
        }
      }
      this.get = (id) => table[id]!;
    } else {
      this.table = null;
      const seen = new Set<number>();
      for (let i = 0; i < count; i++) {
        const id = column[i]!;
        if (!this.map.has(id) && !seen.has(id)) {
          seen.add(id);
          this.unknown.push(id);
        }
      }
      this.get = (id) => this.map.get(id)!;
    }
  }

  set(id: number, dense: number): void {
    this.map.set(id, dense);
    if (this.table && id < this.table.length) this.table[id] = dense;
  }
}
