// Per-item checks of an ingest request against the map's document, before anything is written:
// the node by id or else by exact label, a known metric, a finite number, a parsable time. What
// passes becomes the model's MetricValueInput (source 'api'); the model checks ranges and duplicates.
import * as Y from 'yjs';
import { METRIC_NODE_KINDS, ROOT, checkIsoTime, readMetricDefs, type MetricValueInput } from '../../src/model';

export const INGEST_MAX_ITEMS = 10_000;

export interface IngestItemError {
  /** Position of the item in the request's array. */
  index: number;
  reason: string;
}

export interface CheckedItems {
  inputs: MetricValueInput[];
  /** The request index of each input. */
  indexes: number[];
  errors: IngestItemError[];
}

const METRIC_KINDS: readonly unknown[] = METRIC_NODE_KINDS;

/** label → ids of the nodes that carry metrics (touchpoints, channels, stages). */
function labelIndex(doc: Y.Doc): Map<string, string[]> {
  const byLabel = new Map<string, string[]>();
  doc.getMap<unknown>(ROOT.nodes).forEach((node, id) => {
    if (!(node instanceof Y.Map) || !METRIC_KINDS.includes(node.get('kind'))) return;
    const label = node.get('label');
    if (typeof label !== 'string') return;
    const ids = byLabel.get(label);
    if (ids) ids.push(id);
    else byLabel.set(label, [id]);
  });
  return byLabel;
}

function describe(value: unknown): string {
  if (typeof value === 'number') return String(value); // 1e400 arrives as Infinity
  if (typeof value === 'string') return `the string ${JSON.stringify(value.slice(0, 40))}`;
  return value === null ? 'null' : typeof value;
}

/** Checks every item; never throws. */
export function checkItems(doc: Y.Doc, items: readonly unknown[]): CheckedItems {
  const nodes = doc.getMap<unknown>(ROOT.nodes);
  const metrics = new Set(readMetricDefs(doc).map((d) => d.key));
  let labels: Map<string, string[]> | null = null; // built on the first lookup by label
  const out: CheckedItems = { inputs: [], indexes: [], errors: [] };
  const fail = (index: number, reason: string): void => void out.errors.push({ index, reason });

  items.forEach((item, index) => {
    if (typeof item !== 'object' || item === null || Array.isArray(item))
      return fail(index, 'an item must be an object { node, metric, value, at? }');
    const { node, metric, value, at } = item as Record<string, unknown>;
    if (typeof node !== 'string' || node === '') return fail(index, 'node must be a node id or label');
    let nodeId = node;
    if (!nodes.has(node)) {
      labels ??= labelIndex(doc);
      const ids = labels.get(node) ?? [];
      if (ids.length === 0) return fail(index, `no node has the id or label ${JSON.stringify(node)}`);
      if (ids.length > 1)
        return fail(index, `the label ${JSON.stringify(node)} is ambiguous: ${ids.length} nodes have it (use an id)`);
      nodeId = ids[0] as string;
    }
    if (typeof metric !== 'string' || !metrics.has(metric))
      return fail(index, `unknown metric ${JSON.stringify(metric)}`);
    if (typeof value !== 'number' || !Number.isFinite(value))
      return fail(index, `value must be a finite number, got ${describe(value)}`);
    const input: MetricValueInput = { nodeId, key: metric, value, source: 'api' };
    if (at !== undefined) {
      try {
        input.at = checkIsoTime(at);
      } catch {
        return fail(index, `at must be an ISO date or date-time, got ${describe(at)}`);
      }
    }
    out.inputs.push(input);
    out.indexes.push(index);
  });
  return out;
}
