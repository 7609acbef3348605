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
  /**
   * Per attribute set, the indices of its events in ascending order: an attribute filter visits
   * only the events it keeps instead of every event.
   */
  eventsByAttrs?: Int32Array[];
}

/** eventsByAttrs of a log: one counting pass, one filling pass. */
export function eventsByAttrs(attrs: Int32Array, count: number, sets: number): Int32Array[] {
  const sizes = new Int32Array(sets);
  for (let i = 0; i < count; i++) sizes[attrs[i]!]!++;
  const lists = Array.from(sizes, (size) => new Int32Array(size));
  const filled = new Int32Array(sets);
  for (let i = 0; i < count; i++) {
    const a = attrs[i]!;
    lists[a]![filled[a]!++] = i;
  }
  return lists;
}

/**
 * The events a filter keeps, as ascending indices, or null for "every event". An attribute filter
 * reads the kept sets' index lists; a time filter checks the times of those (or of every event).
 */
export function selectEvents(log: FlowLog, filter: FlowFilter): Int32Array | null {
  const { from, to, attrsAllowed } = filter;
  if (attrsAllowed === null && from === null && to === null) return null;
  let candidates: Int32Array | null = null;
  if (attrsAllowed !== null) {
    const lists = log.eventsByAttrs ?? eventsByAttrs(log.attrs, log.count, attrsAllowed.length);
    const kept = lists.filter((_, a) => attrsAllowed[a] === 1);
    let total = 0;
    for (const list of kept) total += list.length;
    candidates = new Int32Array(total);
    let o = 0;
    for (const list of kept) {
      candidates.set(list, o);
      o += list.length;
    }
    if (kept.length > 1) candidates.sort(); // each list ascends; together they must too
  }
  if (from === null && to === null) return candidates;
  const lo = from ?? -Infinity;
  const hi = to ?? Infinity;
  const at = log.at;
  const n = candidates ? candidates.length : log.count;
  const out = new Int32Array(n);
  let kept = 0;
  for (let j = 0; j < n; j++) {
    const i = candidates ? candidates[j]! : j;
    const t = at[i]!;
    if (t >= lo && t < hi) out[kept++] = i;
  }
  return out.subarray(0, kept);
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

/** Puts the k-th smallest of `v` at index k, smaller ones before it and larger after (quickselect). */
function select(v: Float64Array, k: number, left: number, right: number): void {
  while (right > left) {
    const pivot = v[(left + right) >> 1]!;
    let i = left;
    let j = right;
    while (i <= j) {
      while (v[i]! < pivot) i++;
      while (v[j]! > pivot) j--;
      if (i <= j) {
        const t = v[i]!;
        v[i++] = v[j]!;
        v[j--] = t;
      }
    }
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else return;
  }
}

/**
 * Median (mean of the two middle values for an even count) and nearest-rank 95th percentile, by
 * selection instead of a sort (linear time; an edge of a big log has hundreds of thousands). Reorders `values`.
 */
export function medianAndP95(values: Float64Array): [number, number] {
  const n = values.length;
  const p = Math.max(0, Math.ceil(0.95 * n) - 1);
  select(values, p, 0, n - 1);
  const p95 = values[p]!;
  const mid = n >> 1;
  // mid <= p: the middle values are among those before p
  select(values, mid, 0, p);
  let median = values[mid]!;
  if (n % 2 === 0) {
    // the largest of those before mid
    let below = values[0]!;
    for (let i = 1; i < mid; i++) if (values[i]! > below) below = values[i]!;
    median = (below + median) / 2;
  }
  return [median, p95];
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Every customer's path (node indices in order) as a node of a trie: a path is its parent path plus
 * one node, found in an open-addressing table keyed by (parent, node), so counting the variants of
 * a million events builds no strings. Node 0 is the empty path.
 */
class PathTrie {
  parent: Int32Array;
  last: Int32Array;
  /** Customers whose whole path is this one. */
  count: Int32Array;
  size = 1;
  private readonly keys: Float64Array;
  private readonly values: Int32Array;
  private readonly mask: number;

  constructor(
    maxPaths: number,
    private readonly nodeCount: number,
  ) {
    this.parent = new Int32Array(maxPaths + 1);
    this.last = new Int32Array(maxPaths + 1);
    this.count = new Int32Array(maxPaths + 1);
    let slots = 16;
    while (slots < 2 * (maxPaths + 1)) slots *= 2;
    this.keys = new Float64Array(slots); // 0: empty; else parent * nodeCount + node + 1
    this.values = new Int32Array(slots);
    this.mask = slots - 1;
  }

  /** The path `parent` followed by `node`, added when new. */
  child(parent: number, node: number): number {
    const key = parent * this.nodeCount + node + 1;
    let slot = (Math.imul(parent, 0x9e3779b1) ^ Math.imul(node + 1, 0x85ebca6b)) & this.mask;
    for (;;) {
      const k = this.keys[slot]!;
      if (k === key) return this.values[slot]!;
      if (k === 0) break;
      slot = (slot + 1) & this.mask;
    }
    const id = this.size++;
    this.keys[slot] = key;
    this.values[slot] = id;
    this.parent[id] = parent;
    this.last[id] = node;
    return id;
  }

  nodes(path: number): number[] {
    const out: number[] = [];
    for (let p = path; p !== 0; p = this.parent[p]!) out.push(this.last[p]!);
    return out.reverse();
  }
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
  // edges as parallel arrays, found through a dense table (a map of up to 512 nodes) or a Map
  const dense = nodeCount <= 512 ? new Int32Array(nodeCount * nodeCount).fill(-1) : null;
  const sparse = dense ? null : new Map<number, number>();
  const edgeSource: number[] = [];
  const edgeTarget: number[] = [];
  const edgeTransitions: number[] = [];
  const edgeCases: number[] = [];
  const edgeLastCase: number[] = [];

  const selection = selectEvents(log, filter);
  const visited = selection ? selection.length : log.count;
  // every timed transition: its edge and seconds, grouped by edge after the pass (no array per edge)
  const durationEdge = new Int32Array(visited);
  const durations = new Float64Array(visited);
  let durationCount = 0;
  let caseCount = 0;
  let currentCustomer = -1;
  let prevNode = 0;
  let prevAt = 0;
  const paths = new PathTrie(visited, nodeCount);
  let path = 0;

  /** Counts one transition of the current case; returns its edge. */
  const transition = (source: number, target: number): number => {
    const id = source * nodeCount + target;
    let e = dense ? dense[id]! : (sparse!.get(id) ?? -1);
    if (e < 0) {
      e = edgeSource.length;
      edgeSource.push(source);
      edgeTarget.push(target);
      edgeTransitions.push(0);
      edgeCases.push(0);
      edgeLastCase.push(-1);
      if (dense) dense[id] = e;
      else sparse!.set(id, e);
    }
    edgeTransitions[e]!++;
    if (edgeLastCase[e] !== caseCount) {
      edgeLastCase[e] = caseCount;
      edgeCases[e]!++;
    }
    return e;
  };
  const endCase = (): void => {
    transition(prevNode, 1);
    ends[prevNode]!++;
    paths.count[path]!++;
  };

  const logAt = log.at;
  const logCustomer = log.customer;
  const logKey = log.key;
  for (let j = 0; j < visited; j++) {
    const i = selection ? selection[j]! : j;
    const at = logAt[i]!;
    const customer = logCustomer[i]!;
    const key = logKey[i]!;
    const node = nodeOfKey[key]!;
    eventsOfKey[key]!++;
    if (customer !== currentCustomer || caseCount === 0) {
      if (caseCount > 0) endCase();
      currentCustomer = customer;
      caseCount++;
      path = 0;
      transition(0, node);
      starts[node]!++;
    } else {
      durationEdge[durationCount] = transition(prevNode, node);
      durations[durationCount++] = (at - prevAt) / 1000;
    }
    path = paths.child(path, node);
    events[node]!++;
    if (lastCaseOfNode[node] !== caseCount) {
      lastCaseOfNode[node] = caseCount;
      cases[node]!++;
    }
    prevNode = node;
    prevAt = at;
  }
  if (caseCount > 0) endCase();
  const eventCount = visited;
  const edgeCount = edgeSource.length;

  const nodes: FlowNode[] = [];
  for (let n = 2; n < nodeCount; n++) {
    if (events[n] === 0) continue;
    nodes.push({ id: nodeIds[n]!, events: events[n]!, cases: cases[n]!, starts: starts[n]!, ends: ends[n]! });
  }
  nodes.sort((a, b) => compare(a.id, b.id));

  // durations grouped by edge (a counting sort): edge e's are at [start[e], start[e + 1])
  const start = new Int32Array(edgeCount + 1);
  for (let d = 0; d < durationCount; d++) start[durationEdge[d]! + 1]!++;
  for (let e = 0; e < edgeCount; e++) start[e + 1]! += start[e]!;
  const grouped = new Float64Array(durationCount);
  const fill = start.slice(0, edgeCount);
  for (let d = 0; d < durationCount; d++) grouped[fill[durationEdge[d]!]!++] = durations[d]!;

  const edgeList: FlowEdge[] = [];
  for (let e = 0; e < edgeCount; e++) {
    const source = nodeIds[edgeSource[e]!]!;
    const target = nodeIds[edgeTarget[e]!]!;
    const virtual = edgeSource[e] === 0 || edgeTarget[e] === 1;
    let medianSeconds: number | null = null;
    let p95Seconds: number | null = null;
    if (!virtual && start[e + 1]! > start[e]!)
      [medianSeconds, p95Seconds] = medianAndP95(grouped.subarray(start[e]!, start[e + 1]!));
    edgeList.push({
      source,
      target,
      transitions: edgeTransitions[e]!,
      cases: edgeCases[e]!,
      medianSeconds,
      p95Seconds,
      designed: virtual ? null : names.isDesigned(source, target),
    });
  }
  edgeList.sort((a, b) => compare(a.source, b.source) || compare(a.target, b.target));

  // the most frequent first; ties in the order of their node ids: one pass keeping the best 20 (a log
  // of unique journeys has as many variants as customers, and sorting them all costs seconds)
  const rankOf = new Int32Array(nodeCount);
  [...nodeIds.keys()].sort((a, b) => compare(nodeIds[a]!, nodeIds[b]!)).forEach((n, rank) => (rankOf[n] = rank));
  const before = (a: [number[], number], b: [number[], number]): boolean => {
    if (a[1] !== b[1]) return a[1] > b[1];
    const [pa, pb] = [a[0], b[0]];
    for (let i = 0; i < pa.length && i < pb.length; i++) {
      if (pa[i] !== pb[i]) return rankOf[pa[i]!]! < rankOf[pb[i]!]!;
    }
    return pa.length < pb.length;
  };
  const best: [number[], number][] = [];
  let cutoff = 0;
  for (let p = 1; p < paths.size; p++) {
    const count = paths.count[p]!;
    if (count === 0 || (best.length === VARIANTS_LISTED && count < cutoff)) continue;
    const candidate: [number[], number] = [paths.nodes(p), count];
    if (best.length === VARIANTS_LISTED && !before(candidate, best[VARIANTS_LISTED - 1]!)) continue;
    let at = best.length;
    while (at > 0 && before(candidate, best[at - 1]!)) at--;
    best.splice(at, 0, candidate);
    if (best.length > VARIANTS_LISTED) best.pop();
    if (best.length === VARIANTS_LISTED) cutoff = best[VARIANTS_LISTED - 1]![1];
  }
  const variantList = best.map(([path, count]) => ({ path: path.map((n) => nodeIds[n]!), cases: count }));

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
