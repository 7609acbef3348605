// Which metric values one transaction changed, from the events of `nodes.observeDeep`: the previous
// and the new value of every node metric whose `value` was set, whoever set it (a client, the ingest
// API, a restore). A metric (or node) created in the transaction has no previous value.
import * as Y from 'yjs';

export interface MetricValueChange {
  nodeId: string;
  key: string;
  before: number | null;
  after: number;
  /** The metric's Y.Map (for its `updatedAt`). */
  metric: Y.Map<unknown>;
}

const finite = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** Every metric with a value in a node's `metrics` map: all of them count as new. */
function allOf(nodeId: string, metrics: unknown, out: MetricValueChange[]): void {
  if (!(metrics instanceof Y.Map)) return;
  metrics.forEach((metric, key) => {
    if (!(metric instanceof Y.Map)) return;
    const after = finite(metric.get('value'));
    if (after !== null) out.push({ nodeId, key, before: null, after, metric });
  });
}

export function metricValueChanges(events: readonly Y.YEvent<Y.AbstractType<unknown>>[]): MetricValueChange[] {
  const out: MetricValueChange[] = [];
  for (const event of events) {
    const target = event.target;
    if (!(target instanceof Y.Map)) continue;
    const path = event.path;
    // a node's own fields changed (a move, a label): nothing to do unless its metrics map was set,
    // decided from keysChanged without building the event's change list (most updates are these)
    if (path.length === 1 && !(event as Y.YMapEvent<unknown>).keysChanged.has('metrics')) continue;
    const added = [...event.changes.keys].filter(([, change]) => change.action !== 'delete').map(([key]) => key);
    if (path.length === 0) {
      // nodes added (or replaced) whole
      for (const nodeId of added) {
        const node = target.get(nodeId);
        if (node instanceof Y.Map) allOf(nodeId, node.get('metrics'), out);
      }
    } else if (path.length === 1 && added.includes('metrics')) {
      allOf(String(path[0]), target.get('metrics'), out);
    } else if (path.length === 2 && path[1] === 'metrics') {
      // metrics added (or replaced) whole on an existing node
      for (const key of added) {
        const metric = target.get(key);
        const after = metric instanceof Y.Map ? finite(metric.get('value')) : null;
        if (after !== null && metric instanceof Y.Map)
          out.push({ nodeId: String(path[0]), key, before: null, after, metric });
      }
    } else if (path.length === 3 && path[1] === 'metrics') {
      const change = event.changes.keys.get('value');
      const after = finite(target.get('value'));
      if (!change || change.action === 'delete' || after === null) continue;
      const before = change.action === 'update' ? finite(change.oldValue) : null;
      if (before !== after) out.push({ nodeId: String(path[0]), key: String(path[2]), before, after, metric: target });
    }
  }
  return out;
}
