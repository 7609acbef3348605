// What the "Observed" overlay draws, derived (pure) from the server's flows and the designed map:
// the observed transitions between the map's touchpoints (width by customers, designed or a detour,
// forward or back), the designed path edges nobody takes, and each card's customers and drop-out.
import type { FlowEdge, Flows } from '../../sync/observedApi';

/** What the overlay needs of the designed map. */
export interface DesignedMap {
  /** Touchpoints: their channel, their stage's position in the journey (null: unassigned) and x. */
  touchpoints: ReadonlyMap<string, { channelId: string | null; stageIndex: number | null; x: number }>;
  /** How many stages the map has (the last one is stageCount − 1). */
  stageCount: number;
  /** The designed path edges. */
  edges: ReadonlyArray<{ id: string; source: string; target: string }>;
}

export interface ObservedEdge {
  /** `source→target`, unique per pair. */
  key: string;
  source: string;
  target: string;
  cases: number;
  transitions: number;
  medianSeconds: number | null;
  /** The map designs this step (a path edge source→target). */
  designed: boolean;
  /** A step back in the journey or a repeat of the same touchpoint. */
  back: boolean;
  /** Stroke width in px. */
  width: number;
  /** The designed edge's id, when designed. */
  edgeId: string | null;
}

export interface ObservedCard {
  cases: number;
  /** Customers whose journey ends here, before the last stage (0 in the last stage). */
  dropOut: number;
}

export interface ObservedView {
  edges: ObservedEdge[];
  /** Designed path edges no customer (in the filtered log) takes: drawn greyed. */
  unused: string[];
  cards: ReadonlyMap<string, ObservedCard>;
  maxCases: number;
}

export const MIN_WIDTH = 2;
export const MAX_WIDTH = 14;

/** Stroke width by customers: linear from MIN_WIDTH (one customer) to MAX_WIDTH (the busiest step). */
export function edgeWidth(cases: number, maxCases: number): number {
  if (maxCases <= 1) return MIN_WIDTH;
  const share = Math.max(0, Math.min(1, (cases - 1) / (maxCases - 1)));
  return Math.round((MIN_WIDTH + share * (MAX_WIDTH - MIN_WIDTH)) * 10) / 10;
}

export const pairKey = (source: string, target: string) => `${source}→${target}`;

/** A step that goes back in the journey (an earlier stage, or further left in the same one) or repeats a touchpoint. */
export function isBackStep(map: DesignedMap, source: string, target: string): boolean {
  if (source === target) return true;
  const a = map.touchpoints.get(source);
  const b = map.touchpoints.get(target);
  if (!a || !b) return false;
  const order = (tp: { stageIndex: number | null }) => tp.stageIndex ?? map.stageCount;
  if (order(a) !== order(b)) return order(b) < order(a);
  return b.x < a.x;
}

export function observedView(flows: Flows, map: DesignedMap, minCases = 1): ObservedView {
  const designedByPair = new Map(map.edges.map((e) => [pairKey(e.source, e.target), e.id]));
  const onMap = (edge: FlowEdge) => map.touchpoints.has(edge.source) && map.touchpoints.has(edge.target);
  const drawn = flows.edges.filter((edge) => onMap(edge) && edge.cases >= minCases);
  const maxCases = drawn.reduce((max, edge) => Math.max(max, edge.cases), 0);
  const edges = drawn.map<ObservedEdge>((edge) => {
    const key = pairKey(edge.source, edge.target);
    const edgeId = designedByPair.get(key) ?? null;
    return {
      key,
      source: edge.source,
      target: edge.target,
      cases: edge.cases,
      transitions: edge.transitions,
      medianSeconds: edge.medianSeconds,
      // the map as it is now decides (the server's flag is from when it answered)
      designed: edgeId !== null,
      back: isBackStep(map, edge.source, edge.target),
      width: edgeWidth(edge.cases, maxCases),
      edgeId,
    };
  });
  // "nobody takes" is about the whole filtered log, not about what the frequency slider hides
  const taken = new Set(flows.edges.filter((edge) => edge.cases > 0).map((edge) => pairKey(edge.source, edge.target)));
  const unused = map.edges.filter((edge) => !taken.has(pairKey(edge.source, edge.target))).map((edge) => edge.id);
  const cards = new Map<string, ObservedCard>();
  const lastStage = map.stageCount - 1;
  for (const node of flows.nodes) {
    const tp = map.touchpoints.get(node.id);
    if (!tp) continue;
    const inLastStage = tp.stageIndex !== null && tp.stageIndex === lastStage;
    cards.set(node.id, { cases: node.cases, dropOut: inLastStage ? 0 : node.ends });
  }
  return { edges, unused: unused.sort(), cards, maxCases };
}

/** The consecutive steps of a variant's path, as pair keys (to highlight it on the map). */
export function variantSteps(path: readonly string[]): Set<string> {
  const steps = new Set<string>();
  for (let i = 1; i < path.length; i++) steps.add(pairKey(path[i - 1]!, path[i]!));
  return steps;
}

/** A duration for an edge label: 45 s, 12 min, 3.5 h, 2 d. */
export function formatDuration(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return '–';
  if (seconds < 60) return `${Math.round(seconds)} s`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} min`;
  if (seconds < 86400) return `${Math.round((seconds / 3600) * 10) / 10} h`;
  return `${Math.round((seconds / 86400) * 10) / 10} d`;
}
