// Metric value commands. A node's `metrics` is a Y.Map<key, Y.Map { value, target?, source,
// updatedAt, history: Y.Array<{ value, at }> }>. Touchpoints get the map at creation; stages and
// channels get it on their first metric write. Ingest is idempotent: a point whose `at` a node+key's
// history already has is skipped, so the same item sent twice is applied once.
import * as Y from 'yjs';
import { type Origin } from '../schema';
import { ModelError, isModelError, type ModelErrorCode } from '../errors';
import { requireNode, setIfChanged, write } from '../tx';
import { checkMetricKey, readMetricDefs, type MetricDef } from './defs';
import { METRIC_NODE_KINDS, METRIC_SOURCES, type MetricSource } from './read';
import { MetricWriter, metricMapForWrite, type CheckedItem, type MetricWriteStatus } from './writer';

export type { MetricWriteStatus } from './writer';

export interface MetricValueInput {
  nodeId: string;
  key: string;
  value: number;
  target?: number;
  source: MetricSource;
  /** ISO date or date-time the value is of (no offset = UTC); default: now. */
  at?: string;
}

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
  if (new Date(Date.UTC(y, mo - 1, d)).getUTCDate() !== d || mo < 1 || mo > 12)
    throw new ModelError('invalid-value', `${what} is not a real date`);
  // A date-time without an offset would parse as local time (different on every machine): read it as UTC.
  const ms = Date.parse(text.replace(' ', 'T') + (m[4] !== undefined && m[7] === undefined ? 'Z' : ''));
  if (Number.isNaN(ms)) throw new ModelError('invalid-value', `${what} is not a real time`);
  return new Date(ms).toISOString();
}

function checkInRange(v: unknown, def: MetricDef, what: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v))
    throw new ModelError('invalid-value', `${what} must be a finite number`);
  if ((def.min !== undefined && v < def.min) || (def.max !== undefined && v > def.max)) {
    throw new ModelError(
      'invalid-value',
      `${what} ${v} is outside ${def.label}'s range ${def.min ?? '−∞'}..${def.max ?? '∞'}`,
    );
  }
  return v;
}

/** checkIsoTime with a memo: a batch usually repeats a few times over many items. */
function isoCached(at: unknown, memo?: Map<string, string>): string {
  if (memo === undefined || typeof at !== 'string') return checkIsoTime(at);
  let iso = memo.get(at);
  if (iso === undefined) memo.set(at, (iso = checkIsoTime(at)));
  return iso;
}

function checkItem(doc: Y.Doc, item: unknown, defs: Map<string, MetricDef>, memo?: Map<string, string>): CheckedItem {
  if (typeof item !== 'object' || item === null)
    throw new ModelError('invalid-value', 'a metric value must be an object');
  const i = item as Partial<Record<keyof MetricValueInput, unknown>>;
  const node = requireNode(doc, i.nodeId, METRIC_NODE_KINDS, 'node');
  const key = checkMetricKey(i.key);
  const def = defs.get(key);
  if (!def) throw new ModelError('not-found', `unknown metric ${key}`);
  const value = checkInRange(i.value, def, 'value');
  const target = i.target === undefined ? undefined : checkInRange(i.target, def, 'target');
  if (!(METRIC_SOURCES as readonly unknown[]).includes(i.source))
    throw new ModelError('invalid-value', `source must be one of ${METRIC_SOURCES.join(', ')}`);
  const at = i.at === undefined ? undefined : isoCached(i.at, memo);
  const out: CheckedItem = { node, nodeId: i.nodeId as string, key, value, source: i.source as MetricSource };
  if (target !== undefined) out.target = target;
  if (at !== undefined) out.at = at;
  return out;
}

const defsByKey = (doc: Y.Doc) => new Map(readMetricDefs(doc).map((d) => [d.key, d]));

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
  const memo = new Map<string, string>();
  const checked = items.map((item, index) => {
    try {
      return checkItem(doc, item, defs, memo);
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
      if (r.changed)
        result.changes.push({ index, nodeId: item.nodeId, key: item.key, before: r.before, after: item.value });
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
