// Metric value commands. A node's `metrics` is a Y.Map<key, Y.Map { value, target?, source,
// updatedAt, history: Y.Array<{ value, at }> }>. Touchpoints get the map at creation; stages and
// channels get it on their first metric write. Ingest is idempotent: a point whose `at` a node+key's
// history already has is skipped, so the same item sent twice is applied once.
import * as Y from 'yjs';
import { type Origin } from './schema';
import { ModelError, isModelError, type ModelErrorCode } from './errors';
import { requireNode, setIfChanged, write } from './tx';
import { checkMetricKey, readMetricDefs, type MetricDef } from './metrics-defs';
import { METRIC_HISTORY_MAX, METRIC_NODE_KINDS, METRIC_SOURCES, pointFrom, type MetricSource } from './metrics-read';

export interface MetricValueInput {
  nodeId: string;
  key: string;
  value: number;
  target?: number;
  source: MetricSource;
  /** ISO date or date-time the value is of (no offset = UTC); default: now. */
  at?: string;
}

/** 'duplicate': that time is already in the history; 'stale': older than a full history keeps. */
export type MetricWriteStatus = 'applied' | 'duplicate' | 'stale';

export interface MetricValuesResult {
  applied: number;
  skipped: number; // duplicates and stale points (not errors)
  errors: Array<{ index: number; code: ModelErrorCode; reason: string }>;
  /** Per input item, in order. */
  statuses: Array<MetricWriteStatus | 'error'>;
  /** Items that changed a node's current value (for alerts: see redCrossings). */
  changes: Array<{ index: number; nodeId: string; key: string; before: number | null; after: number }>;
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** An ISO date or date-time, normalised by toISOString so equal instants compare equal. */
export function checkIsoTime(at: unknown, what = 'at'): string {
  const text = typeof at === 'string' ? at.trim() : '';
  const m = ISO.exec(text);
  if (!m) throw new ModelError('invalid-value', `${what} must be an ISO date or date-time`);
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  // Date.parse rolls 2024-02-30 over into March: check the calendar date itself.
  if (new Date(Date.UTC(y, mo - 1, d)).getUTCDate() !== d || mo < 1 || mo > 12) throw new ModelError('invalid-value', `${what} is not a real date`);
  // A date-time without an offset would parse as local time (different on every machine): read it as UTC.
  const ms = Date.parse(text.replace(' ', 'T') + (m[4] !== undefined && m[7] === undefined ? 'Z' : ''));
  if (Number.isNaN(ms)) throw new ModelError('invalid-value', `${what} is not a real time`);
  return new Date(ms).toISOString();
}

function checkInRange(v: unknown, def: MetricDef, what: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new ModelError('invalid-value', `${what} must be a finite number`);
  if ((def.min !== undefined && v < def.min) || (def.max !== undefined && v > def.max)) {
    throw new ModelError('invalid-value', `${what} ${v} is outside ${def.label}'s range ${def.min ?? '−∞'}..${def.max ?? '∞'}`);
  }
  return v;
}

interface CheckedItem {
  node: Y.Map<unknown>;
  nodeId: string;
  key: string;
  value: number;
  target?: number;
  source: MetricSource;
  at?: string;
}

function checkItem(doc: Y.Doc, item: unknown, defs: Map<string, MetricDef>): CheckedItem {
  if (typeof item !== 'object' || item === null) throw new ModelError('invalid-value', 'a metric value must be an object');
  const i = item as Partial<Record<keyof MetricValueInput, unknown>>;
  const node = requireNode(doc, i.nodeId, METRIC_NODE_KINDS, 'node');
  const key = checkMetricKey(i.key);
  const def = defs.get(key);
  if (!def) throw new ModelError('not-found', `unknown metric ${key}`);
  const value = checkInRange(i.value, def, 'value');
  const target = i.target === undefined ? undefined : checkInRange(i.target, def, 'target');
  if (!(METRIC_SOURCES as readonly unknown[]).includes(i.source)) throw new ModelError('invalid-value', `source must be one of ${METRIC_SOURCES.join(', ')}`);
  const at = i.at === undefined ? undefined : checkIsoTime(i.at);
  const out: CheckedItem = { node, nodeId: i.nodeId as string, key, value, source: i.source as MetricSource };
  if (target !== undefined) out.target = target;
  if (at !== undefined) out.at = at;
  return out;
}

const defsByKey = (doc: Y.Doc) => new Map(readMetricDefs(doc).map((d) => [d.key, d]));

/** The node's metric map for `key`, created (with its history) when absent. Inside a transaction. */
function metricMapForWrite(node: Y.Map<unknown>, key: string): Y.Map<unknown> {
  let metrics = node.get('metrics');
  if (!(metrics instanceof Y.Map)) {
    metrics = new Y.Map<unknown>();
    node.set('metrics', metrics);
  }
  const all = metrics as Y.Map<unknown>;
  let mm = all.get(key);
  if (!(mm instanceof Y.Map)) {
    mm = new Y.Map<unknown>();
    all.set(key, mm);
  }
  return mm as Y.Map<unknown>;
}

/** The value readers see (metricFrom): the newest history point's, else the stored value. */
function currentValue(mm: Y.Map<unknown>, mir: Mirror): number | null {
  let newest: Mirror['points'][number] | undefined;
  for (const p of mir.points) if (!Number.isNaN(p.ms) && (newest === undefined || p.ms >= newest.ms)) newest = p;
  if (newest) return newest.value;
  const v = mm.get('value');
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

interface Mirror {
  history: Y.Array<unknown>;
  points: Array<{ at: string; ms: number; value: number }>; // same order as `history`; bad entries have ms NaN
}

/** Applies points inside one transaction, mirroring each history so a batch does not re-read it per item. */
class MetricWriter {
  private mirrors = new Map<Y.Map<unknown>, Mirror>();
  private pending = new Map<Y.Map<unknown>, Map<string, unknown>>();

  private mirror(mm: Y.Map<unknown>): Mirror {
    let m = this.mirrors.get(mm);
    if (m) return m;
    let history = mm.get('history');
    if (!(history instanceof Y.Array)) {
      history = new Y.Array<unknown>();
      mm.set('history', history);
    }
    const h = history as Y.Array<unknown>;
    const points = h.toArray().map((v) => {
      const p = pointFrom(v);
      return { at: p?.at ?? '', ms: Date.parse(p?.at ?? ''), value: p?.value ?? Number.NaN };
    });
    m = { history: h, points };
    this.mirrors.set(mm, m);
    return m;
  }

  apply(item: CheckedItem, now: string): { status: MetricWriteStatus; before: number | null; changed: boolean } {
    const mm = metricMapForWrite(item.node, item.key);
    const mir = this.mirror(mm);
    const before = currentValue(mm, mir);
    const at = item.at ?? now;
    const ms = Date.parse(at);
    const same = mir.points.findIndex((p) => p.at === at);
    // An explicit time seen before is a re-sent item; a manual edit in the same millisecond replaces it.
    if (same >= 0 && item.at !== undefined) return { status: 'duplicate', before, changed: false };
    if (same >= 0) this.remove(mir, same);
    let valid = 0;
    let oldest = Infinity;
    let latest = -Infinity;
    for (const p of mir.points) {
      if (Number.isNaN(p.ms)) continue;
      valid++;
      if (p.ms < oldest) oldest = p.ms;
      if (p.ms > latest) latest = p.ms;
    }
    if (valid >= METRIC_HISTORY_MAX && ms < oldest) return { status: 'stale', before, changed: false };
    if (valid === 0 && before !== null) latest = Date.parse(String(mm.get('updatedAt'))) || -Infinity; // a value written without history
    let idx = mir.points.length;
    while (idx > 0 && (mir.points[idx - 1]?.ms ?? 0) > ms) idx--;
    mir.history.insert(idx, [{ value: item.value, at }]);
    mir.points.splice(idx, 0, { at, ms, value: item.value });
    this.trim(mir);
    if (item.target !== undefined) this.stage(mm, 'target', item.target);
    if (ms < latest) return { status: 'applied', before, changed: false }; // a back-filled past point
    this.stage(mm, 'value', item.value);
    this.stage(mm, 'source', item.source);
    this.stage(mm, 'updatedAt', at);
    return { status: 'applied', before, changed: before !== item.value };
  }

  /** Field writes wait for flush(): a batch sets each metric's fields once, not once per point. */
  private stage(mm: Y.Map<unknown>, field: string, value: unknown): void {
    let fields = this.pending.get(mm);
    if (!fields) {
      fields = new Map();
      this.pending.set(mm, fields);
    }
    fields.set(field, value);
  }

  /** Write the staged fields. Call once, at the end of the transaction. */
  flush(): void {
    for (const [mm, fields] of this.pending) for (const [field, value] of fields) setIfChanged(mm, field, value);
    this.pending.clear();
  }

  private remove(mir: Mirror, i: number): void {
    mir.history.delete(i, 1);
    mir.points.splice(i, 1);
  }

  /** Keep the newest METRIC_HISTORY_MAX points; unreadable entries go first. */
  private trim(mir: Mirror): void {
    while (mir.points.length > METRIC_HISTORY_MAX) {
      let drop = mir.points.findIndex((p) => Number.isNaN(p.ms));
      if (drop < 0) {
        drop = 0;
        mir.points.forEach((p, i) => {
          if (p.ms < (mir.points[drop]?.ms ?? Infinity)) drop = i;
        });
      }
      this.remove(mir, drop);
    }
  }
}

/** Set one value (validated first; ModelError and no write on bad input). Returns what happened to it. */
export function setMetricValue(doc: Y.Doc, input: MetricValueInput, origin?: Origin): MetricWriteStatus {
  const item = checkItem(doc, input, defsByKey(doc));
  let status: MetricWriteStatus = 'applied';
  const now = new Date().toISOString();
  write(doc, origin, () => {
    const writer = new MetricWriter();
    status = writer.apply(item, now).status;
    writer.flush();
  });
  return status;
}

/**
 * Apply many values in ONE transaction. Each item is validated on its own: bad ones are reported in
 * `errors` (by index) and not applied, the valid ones are applied in input order.
 */
export function setMetricValues(doc: Y.Doc, items: MetricValueInput[], origin?: Origin): MetricValuesResult {
  if (!Array.isArray(items)) throw new ModelError('invalid-value', 'items must be an array');
  const defs = defsByKey(doc);
  const result: MetricValuesResult = { applied: 0, skipped: 0, errors: [], statuses: [], changes: [] };
  const checked = items.map((item, index) => {
    try {
      return checkItem(doc, item, defs);
    } catch (e) {
      if (!isModelError(e)) throw e;
      result.errors.push({ index, code: e.code, reason: e.message });
      return undefined;
    }
  });
  const now = new Date().toISOString();
  write(doc, origin, () => {
    const writer = new MetricWriter();
    checked.forEach((item, index) => {
      if (!item) {
        result.statuses.push('error');
        return;
      }
      const r = writer.apply(item, now);
      result.statuses.push(r.status);
      if (r.status === 'applied') result.applied++;
      else result.skipped++;
      if (r.changed) result.changes.push({ index, nodeId: item.nodeId, key: item.key, before: r.before, after: item.value });
    });
    writer.flush();
  });
  return result;
}

/** Set (a number) or clear (null) a node's target for a metric; a metric with a target but no value reads value null. */
export function setMetricTarget(doc: Y.Doc, nodeId: string, key: string, target: number | null, origin?: Origin): void {
  const node = requireNode(doc, nodeId, METRIC_NODE_KINDS, 'node');
  const k = checkMetricKey(key);
  const def = defsByKey(doc).get(k);
  if (!def) throw new ModelError('not-found', `unknown metric ${k}`);
  const t = target === null ? null : checkInRange(target, def, 'target');
  write(doc, origin, () => {
    if (t !== null) {
      setIfChanged(metricMapForWrite(node, k), 'target', t);
      return;
    }
    const metrics = node.get('metrics');
    const mm = metrics instanceof Y.Map ? metrics.get(k) : undefined;
    if (mm instanceof Y.Map && mm.has('target')) mm.delete('target');
  });
}

/** Remove a node's metric entirely (value, target and history). No-op when it has none. */
export function clearMetricValue(doc: Y.Doc, nodeId: string, key: string, origin?: Origin): void {
  const node = requireNode(doc, nodeId, METRIC_NODE_KINDS, 'node');
  const k = checkMetricKey(key);
  write(doc, origin, () => {
    const metrics = node.get('metrics');
    if (metrics instanceof Y.Map && metrics.has(k)) metrics.delete(k);
  });
}
