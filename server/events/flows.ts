// The directly-follows graph of a contact log, in one pass over events ordered by customer and
// time: each customer's consecutive contacts are a transition, with the virtual `start` before the
// first and `end` after the last. Pure: the log arrives as columns, names as arrays.
import type { FlowEdge, FlowNode, Flows } from '../../src/model';

export type { FlowEdge, FlowNode, Flows };

export const START = 'start';
export const END = 'end';

/** One map's events as dense columns, ordered by customer, then time (then key). */
export interface FlowLog {
  count: number;
  customer: Int32Array;
  at: Float64Array;
  /** Index into FlowNames.nodeOfKey. */
  key: Int32Array;
  /** Index of the event's attribute set (0: none), for filters. */
  attrs: Int32Array;
}

export interface FlowNames {
  /** Dense key → node id: a touchpoint id, or `unmapped:<activity>`. */
  nodeOfKey: string[];
  /** Dense key → the unmapped activity it names, or null when it is a touchpoint. */
  activityOfKey: (string | null)[];
  /** Whether the map designs a path edge source → target (two touchpoint ids). */
  isDesigned(source: string, target: string): boolean;
}

export interface FlowFilter {
  /** Events at or after (ms). */
  from: number | null;
  /** Events before (ms). */
  to: number | null;
  /** Dense attribute-set index → 1 when it passes the attribute filters; null: no attribute filter. */
  attrsAllowed: Uint8Array | null;
}

export const VARIANTS_LISTED = 20;

interface EdgeAcc {
  source: number;
  target: number;
  transitions: number;
  cases: number;
  lastCase: number;
  durations: number[];
}

/** Median (mean of the two middle values for an even count) and nearest-rank 95th percentile. */
export function medianAndP95(values: Float64Array): [number, number] {
  values.sort();
  const n = values.length;
  const mid = n >> 1;
  const median = n % 2 === 1 ? values[mid]! : (values[mid - 1]! + values[mid]!) / 2;
  const p95 = values[Math.max(0, Math.ceil(0.95 * n) - 1)]!;
  return [median, p95];
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function pathNodes(path: string, charPaths: boolean): number[] {
  if (!charPaths) return path.split(',').slice(0, -1).map(Number);
  const out: number[] = [];
  for (let i = 0; i < path.length; i++) out.push(path.charCodeAt(i));
  return out;
}

export function computeFlows(log: FlowLog, names: FlowNames, filter: FlowFilter): Flows {
  // node indices: 0 = start, 1 = end, then one per distinct node id (several keys may share one)
  const nodeIds: string[] = [START, END];
  const nodeIndex = new Map<string, number>();
  const nodeOfKey = new Int32Array(names.nodeOfKey.length);
  names.nodeOfKey.forEach((id, k) => {
    let n = nodeIndex.get(id);
    if (n === undefined) {
      n = nodeIds.length;
      nodeIds.push(id);
      nodeIndex.set(id, n);
    }
    nodeOfKey[k] = n;
  });
  const nodeCount = nodeIds.length;
  const events = new Float64Array(nodeCount);
  const cases = new Float64Array(nodeCount);
  const lastCaseOfNode = new Float64Array(nodeCount).fill(-1);
  const starts = new Float64Array(nodeCount);
  const ends = new Float64Array(nodeCount);
  const eventsOfKey = new Float64Array(names.nodeOfKey.length);
  const edges = new Map<number, EdgeAcc>();
  // a map of up to 512 nodes looks its edges up in a dense table instead of the Map
  const dense = nodeCount <= 512 ? new Array<EdgeAcc | undefined>(nodeCount * nodeCount) : null;
  const variants = new Map<string, number>();
  // a path as a string of one character per node (node indices stay below 65,536), else joined numbers
  const charPaths = nodeCount < 0xd800;

  const { from, to, attrsAllowed } = filter;
  let caseCount = 0;
  let eventCount = 0;
  let currentCustomer = -1;
  let inCase = false;
  let prevNode = 0;
  let prevAt = 0;
  let path = '';

  const transition = (source: number, target: number, seconds: number | null): void => {
    const id = source * nodeCount + target;
    let edge = dense ? dense[id] : edges.get(id);
    if (!edge) {
      edge = { source, target, transitions: 0, cases: 0, lastCase: -1, durations: [] };
      edges.set(id, edge);
      if (dense) dense[id] = edge;
    }
    edge.transitions++;
    if (edge.lastCase !== caseCount) {
      edge.lastCase = caseCount;
      edge.cases++;
    }
    if (seconds !== null) edge.durations.push(seconds);
  };
  const endCase = (): void => {
    if (!inCase) return;
    transition(prevNode, 1, null);
    ends[prevNode]!++;
    variants.set(path, (variants.get(path) ?? 0) + 1);
    inCase = false;
  };

  for (let i = 0; i < log.count; i++) {
    const at = log.at[i]!;
    if ((from !== null && at < from) || (to !== null && at >= to)) continue;
    if (attrsAllowed !== null && attrsAllowed[log.attrs[i]!] !== 1) continue;
    const customer = log.customer[i]!;
    const key = log.key[i]!;
    const node = nodeOfKey[key]!;
    eventCount++;
    eventsOfKey[key]!++;
    if (customer !== currentCustomer || !inCase) {
      endCase();
      currentCustomer = customer;
      caseCount++;
      inCase = true;
      path = '';
      transition(0, node, null);
      starts[node]!++;
    } else {
      transition(prevNode, node, (at - prevAt) / 1000);
    }
    path += charPaths ? String.fromCharCode(node) : `${node},`;
    events[node]!++;
    if (lastCaseOfNode[node] !== caseCount) {
      lastCaseOfNode[node] = caseCount;
      cases[node]!++;
    }
    prevNode = node;
    prevAt = at;
  }
  endCase();

  const nodes: FlowNode[] = [];
  for (let n = 2; n < nodeCount; n++) {
    if (events[n] === 0) continue;
    nodes.push({ id: nodeIds[n]!, events: events[n]!, cases: cases[n]!, starts: starts[n]!, ends: ends[n]! });
  }
  nodes.sort((a, b) => compare(a.id, b.id));

  const edgeList: FlowEdge[] = [];
  for (const edge of edges.values()) {
    const source = nodeIds[edge.source]!;
    const target = nodeIds[edge.target]!;
    const virtual = edge.source === 0 || edge.target === 1;
    let medianSeconds: number | null = null;
    let p95Seconds: number | null = null;
    if (!virtual && edge.durations.length > 0)
      [medianSeconds, p95Seconds] = medianAndP95(Float64Array.from(edge.durations));
    edgeList.push({
      source,
      target,
      transitions: edge.transitions,
      cases: edge.cases,
      medianSeconds,
      p95Seconds,
      designed: virtual ? null : names.isDesigned(source, target),
    });
  }
  edgeList.sort((a, b) => compare(a.source, b.source) || compare(a.target, b.target));

  // the most frequent first; ties in the order of their touchpoint ids (only the candidates are named)
  const counts = [...variants.values()].sort((a, b) => b - a);
  const cutoff = counts[Math.min(VARIANTS_LISTED, counts.length) - 1] ?? 0;
  const variantList = [...variants.entries()]
    .filter(([, count]) => count >= cutoff)
    .map(([path, count]) => ({ path: pathNodes(path, charPaths).map((n) => nodeIds[n]!), cases: count }))
    .sort((a, b) => b.cases - a.cases || compare(a.path.join('\n'), b.path.join('\n')))
    .slice(0, VARIANTS_LISTED);

  const unmappedEvents = new Map<string, number>();
  names.activityOfKey.forEach((activity, k) => {
    if (activity === null || eventsOfKey[k] === 0) return;
    unmappedEvents.set(activity, (unmappedEvents.get(activity) ?? 0) + eventsOfKey[k]!);
  });
  const unmapped = [...unmappedEvents.entries()]
    .map(([activity, count]) => ({ activity, events: count }))
    .sort((a, b) => b.events - a.events || compare(a.activity, b.activity));

  return { cases: caseCount, events: eventCount, nodes, edges: edgeList, variants: variantList, unmapped };
}
