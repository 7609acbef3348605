// Read side: plain snapshots of the document (never Y types), in deterministic order so two peers
// with the same state derive the same views.
import * as Y from 'yjs';
import {
  STAGE_LAYOUT,
  type JourneyMeta,
  type JourneyNode,
  type PathEdge,
  type StageNode,
  type TouchpointNode,
} from './schema';
import { edgeFromYMap, isNodeKind, nodeFromYMap } from './convert';
import { readStageOrder, rootMaps } from './doc-roots';

/** Code-unit order (not locale order): the same on every machine. */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Canvas reading order: left to right, then top to bottom, then id. */
export function byPosition(a: { x: number; y: number; id: string }, b: { x: number; y: number; id: string }): number {
  return a.x - b.x || a.y - b.y || compareIds(a.id, b.id);
}

export function readMeta(doc: Y.Doc): JourneyMeta {
  const m = rootMaps(doc).meta;
  const s = (k: string) => {
    const v = m.get(k);
    return typeof v === 'string' ? v : '';
  };
  const v = m.get('schemaVersion');
  return {
    title: s('title'),
    goal: s('goal'),
    description: s('description'),
    schemaVersion: typeof v === 'number' ? v : 0, // 0: initJourney has not run yet
    createdAt: s('createdAt'),
    templateId: s('templateId'),
  };
}

/** A node map of a kind this build knows (a newer build's kind is kept in the doc but not shown). */
function isKnownNode(m: unknown): m is Y.Map<unknown> {
  return m instanceof Y.Map && isNodeKind(m.get('kind'));
}

export function readNode(doc: Y.Doc, id: string): JourneyNode | undefined {
  const m = rootMaps(doc).nodes.get(id);
  return isKnownNode(m) ? nodeFromYMap(id, m) : undefined;
}

/** All nodes of known kinds, sorted by id. */
export function readNodes(doc: Y.Doc): JourneyNode[] {
  const out: JourneyNode[] = [];
  rootMaps(doc).nodes.forEach((m, id) => {
    if (isKnownNode(m)) out.push(nodeFromYMap(id, m));
  });
  return out.sort((a, b) => compareIds(a.id, b.id));
}

/** All path edges, sorted by id. */
export function readEdges(doc: Y.Doc): PathEdge[] {
  const out: PathEdge[] = [];
  rootMaps(doc).edges.forEach((m, id) => {
    if (m instanceof Y.Map) out.push(edgeFromYMap(id, m));
  });
  return out.sort((a, b) => compareIds(a.id, b.id));
}

/**
 * Stages left to right: stageOrder's ids that are stages (first occurrence only), then stages that
 * stageOrder lacks, by id. Total even on a doc that needs repair.
 */
export function stagesInOrder(doc: Y.Doc): StageNode[] {
  const stages: StageNode[] = [];
  for (const n of readNodes(doc)) if (n.kind === 'stage') stages.push(n);
  return orderStages(stages, readStageOrder(doc));
}

/**
 * The one rule for the order of stages, on plain data (the doc's queries and the canvas's derived
 * view both use it): the ids of `order` that name one of `stages` (first occurrence only), then the
 * stages it lacks, by id.
 */
export function orderStages<S extends { id: string }>(stages: Iterable<S>, order: readonly unknown[]): S[] {
  const byId = new Map<string, S>();
  for (const s of stages) byId.set(s.id, s);
  const out: S[] = [];
  const seen = new Set<string>();
  for (const id of order) {
    const s = typeof id === 'string' ? byId.get(id) : undefined;
    if (s && !seen.has(s.id)) {
      seen.add(s.id);
      out.push(s);
    }
  }
  const rest = [...byId.values()].filter((s) => !seen.has(s.id)).sort((a, b) => compareIds(a.id, b.id));
  return rest.length ? out.concat(rest) : out;
}

export interface StageColumn {
  id: string;
  index: number;
  /** Absolute top-left of the column; a staged touchpoint's x,y are relative to it. */
  x: number;
  y: number;
  w: number;
}

/**
 * The one rule for column geometry (see STAGE_LAYOUT): stages in order, each as wide as its `w`,
 * STAGE_LAYOUT.gap apart. The canvas draws these columns, a drop on the canvas reads them, and
 * removing a stage converts its touchpoints' positions with them.
 */
export function layoutStageColumns(stages: ReadonlyArray<{ id: string; w: number }>): StageColumn[] {
  let x: number = STAGE_LAYOUT.originX;
  return stages.map((s, index) => {
    const col = { id: s.id, index, x, y: STAGE_LAYOUT.originY, w: s.w };
    x += s.w + STAGE_LAYOUT.gap;
    return col;
  });
}

/** The doc's stage columns: layoutStageColumns of stagesInOrder. */
export function stageColumns(doc: Y.Doc): StageColumn[] {
  return layoutStageColumns(stagesInOrder(doc));
}

/**
 * Touchpoints per stage: one entry per stage in stage order (possibly empty), then the null key for
 * unassigned touchpoints (including any whose stageId names no stage). Lists sorted by x, y, id.
 */
export function touchpointsByStage(doc: Y.Doc): Map<string | null, TouchpointNode[]> {
  const out = new Map<string | null, TouchpointNode[]>();
  for (const s of stagesInOrder(doc)) out.set(s.id, []);
  out.set(null, []);
  for (const n of readNodes(doc)) {
    if (n.kind !== 'touchpoint') continue;
    const list = (n.stageId !== null ? out.get(n.stageId) : undefined) ?? out.get(null);
    list?.push(n);
  }
  for (const list of out.values()) list.sort(byPosition);
  return out;
}

/**
 * The customer's way through the map. Rule: stages in stage order, unassigned touchpoints last.
 * Within a group, path edges between two of its touchpoints order them topologically; whenever
 * several are free to come next, the leftmost (then topmost, then smallest id) comes first. A
 * touchpoint with no edges is therefore placed by its position, and a cycle is broken at its
 * leftmost remaining touchpoint. Edges between groups do not reorder anything.
 */
export function journeyPath(doc: Y.Doc): TouchpointNode[] {
  const edges = readEdges(doc);
  const out: TouchpointNode[] = [];
  for (const group of touchpointsByStage(doc).values()) out.push(...orderGroup(group, edges));
  return out;
}

function orderGroup(group: TouchpointNode[], edges: PathEdge[]): TouchpointNode[] {
  const inGroup = new Set(group.map((t) => t.id));
  const preds = new Map<string, Set<string>>(group.map((t) => [t.id, new Set<string>()]));
  for (const e of edges) {
    if (e.source !== e.target && inGroup.has(e.source) && inGroup.has(e.target)) preds.get(e.target)?.add(e.source);
  }
  const remaining = [...group]; // already sorted by position
  const done = new Set<string>();
  const out: TouchpointNode[] = [];
  while (remaining.length > 0) {
    let i = remaining.findIndex((t) => [...(preds.get(t.id) ?? [])].every((p) => done.has(p)));
    if (i < 0) i = 0; // a cycle: break it at the leftmost remaining touchpoint
    const [next] = remaining.splice(i, 1);
    if (!next) break;
    done.add(next.id);
    out.push(next);
  }
  return out;
}
