// Reading metric values off nodes. Tolerant like convert.ts: a merge or an old client can leave odd
// data, and readers never throw (bad history entries are dropped, a bad source reads as 'manual').
import * as Y from 'yjs';
import { rootMaps } from '../doc-roots';

export const METRIC_SOURCES = ['manual', 'csv', 'api'] as const;
export type MetricSource = (typeof METRIC_SOURCES)[number];

/** The node kinds that carry metrics. */
export const METRIC_NODE_KINDS = ['touchpoint', 'channel', 'stage'] as const;

/** How many past values a metric keeps (the oldest are dropped). */
export const METRIC_HISTORY_MAX = 50;

export interface MetricPoint {
  value: number;
  at: string; // ISO time, normalised by toISOString
}

export interface Metric {
  /** The value of the newest history point (the stored `value` when there is no history); null when only a target has been set. */
  value: number | null;
  target?: number;
  source: MetricSource;
  /** The time the current value is of (its history point's `at`); '' when there is no value. */
  updatedAt: string;
  /** Oldest first, at most METRIC_HISTORY_MAX. */
  history: MetricPoint[];
}

const isFiniteNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

export function pointFrom(v: unknown): MetricPoint | undefined {
  if (typeof v !== 'object' || v === null) return undefined;
  const { value, at } = v as { value?: unknown; at?: unknown };
  if (!isFiniteNumber(value) || typeof at !== 'string' || Number.isNaN(Date.parse(at))) return undefined;
  return { value, at };
}

export function metricFrom(v: unknown): Metric | undefined {
  const o = v instanceof Y.Map ? (v.toJSON() as unknown) : v;
  if (typeof o !== 'object' || o === null) return undefined;
  const r = o as Record<string, unknown>;
  // Sorted by time; one point per time (two peers ingesting the same item concurrently both insert it).
  const history = (Array.isArray(r.history) ? r.history : [])
    .map(pointFrom)
    .filter((p): p is MetricPoint => p !== undefined)
    .sort((a, b) => Date.parse(a.at) - Date.parse(b.at))
    .filter((p, i, all) => i === 0 || all[i - 1]?.at !== p.at);
  const source = (METRIC_SOURCES as readonly unknown[]).includes(r.source) ? (r.source as MetricSource) : 'manual';
  // The newest point is the truth: `value`/`updatedAt` are last-writer-wins fields, so after two
  // peers' concurrent writes they can name an older point than the merged history's newest.
  const last = history[history.length - 1];
  const m: Metric = {
    value: last ? last.value : isFiniteNumber(r.value) ? r.value : null,
    source,
    updatedAt: last ? last.at : typeof r.updatedAt === 'string' ? r.updatedAt : '',
    history,
  };
  if (isFiniteNumber(r.target)) m.target = r.target;
  return m;
}

/** The node's `metrics` map, or undefined when it has none (stages and channels get one on first write). */
export function nodeMetricsMap(doc: Y.Doc, nodeId: string): Y.Map<unknown> | undefined {
  const node = rootMaps(doc).nodes.get(nodeId);
  if (!(node instanceof Y.Map)) return undefined;
  const metrics = node.get('metrics');
  return metrics instanceof Y.Map ? (metrics as Y.Map<unknown>) : undefined;
}

/** Every metric of a node by key (an unknown node or one without metrics reads as {}). */
export function readMetrics(doc: Y.Doc, nodeId: string): Record<string, Metric> {
  const out: Record<string, Metric> = {};
  nodeMetricsMap(doc, nodeId)?.forEach((v, key) => {
    const m = metricFrom(v);
    if (m) out[key] = m;
  });
  return out;
}

/** One metric of a node, or undefined. */
export function readMetric(doc: Y.Doc, nodeId: string, key: string): Metric | undefined {
  return metricFrom(nodeMetricsMap(doc, nodeId)?.get(key));
}

/** Just the current value (as readMetric sees it), or null. */
export function readMetricValue(doc: Y.Doc, nodeId: string, key: string): number | null {
  return readMetric(doc, nodeId, key)?.value ?? null;
}
