// Points of the emotion curve: one per front-stage touchpoint, in stage order and, within a stage,
// along the customer's path (path edges between its cards first, then top to bottom, then left to
// right: the model's journeyPath rule). Cards stacked in one column are spread across it, so the
// curve reads left to right. `keep` filters the cards (the persona being read). Pure, from flow nodes.
import type { TouchpointNode } from '../model';
import type { JourneyFlowNode, TouchpointFlowNode } from '../state/viewTypes';

export interface CurvePoint {
  id: string;
  x: number;
  emotion: number;
}

export interface CurveOptions {
  edges?: ReadonlyArray<{ source: string; target: string }>;
  keep?: (touchpoint: TouchpointNode) => boolean;
}

interface Card {
  id: string;
  x: number;
  y: number;
  centre: number;
  emotion: number;
}

/** Cards in path order: a card comes once the cards with an edge into it have; ties by y, x, id. */
function alongPath(cards: Card[], edges: CurveOptions['edges']): Card[] {
  const ids = new Set(cards.map((card) => card.id));
  const before = new Map(cards.map((card) => [card.id, new Set<string>()]));
  for (const edge of edges ?? [])
    if (edge.source !== edge.target && ids.has(edge.source) && ids.has(edge.target))
      before.get(edge.target)?.add(edge.source);
  const remaining = [...cards].sort((a, b) => a.y - b.y || a.x - b.x || a.id.localeCompare(b.id));
  const done = new Set<string>();
  const out: Card[] = [];
  while (remaining.length > 0) {
    let i = remaining.findIndex((card) => [...(before.get(card.id) ?? [])].every((id) => done.has(id)));
    if (i < 0) i = 0; // a cycle: break it at the topmost card left
    const [next] = remaining.splice(i, 1);
    if (!next) break;
    done.add(next.id);
    out.push(next);
  }
  return out;
}

export function emotionCurvePoints(
  nodes: readonly JourneyFlowNode[],
  stageOrder: readonly string[],
  options: CurveOptions = {},
): CurvePoint[] {
  const stages = new Map<string, { x: number; width: number }>();
  for (const node of nodes)
    if (node.type === 'stage') stages.set(node.id, { x: node.position.x, width: node.width ?? 0 });
  const groups = new Map<string, Card[]>();
  for (const node of nodes) {
    if (node.type !== 'touchpoint') continue;
    const { touchpoint } = (node as TouchpointFlowNode).data;
    if (touchpoint.lane === 'back' || !node.parentId || !stages.has(node.parentId)) continue;
    if (options.keep && !options.keep(touchpoint)) continue;
    const width = node.measured?.width ?? node.width ?? touchpoint.w;
    const group = groups.get(node.parentId) ?? [];
    group.push({
      id: node.id,
      x: node.position.x,
      y: node.position.y,
      centre: (stages.get(node.parentId)?.x ?? 0) + node.position.x + width / 2,
      emotion: touchpoint.emotion,
    });
    groups.set(node.parentId, group);
  }
  const points: CurvePoint[] = [];
  for (const stageId of stageOrder) {
    const stage = stages.get(stageId);
    const group = groups.get(stageId);
    if (!stage || !group) continue;
    const ordered = alongPath(group, options.edges);
    // cards side by side keep their own x; cards that share a column are spread along it
    const leftToRight = ordered.every((card, i) => i === 0 || card.centre > (ordered[i - 1] as Card).centre);
    ordered.forEach((card, i) =>
      points.push({
        id: card.id,
        x: leftToRight ? card.centre : stage.x + (stage.width * (i + 1)) / (ordered.length + 1),
        emotion: card.emotion,
      }),
    );
  }
  return points;
}

/** A smooth SVG path through the points (Catmull-Rom turned into cubic Béziers). */
export function smoothPath(points: ReadonlyArray<{ x: number; y: number }>): string {
  if (points.length === 0) return '';
  const first = points[0]!;
  if (points.length === 1) return `M ${first.x} ${first.y}`;
  let path = `M ${first.x} ${first.y}`;
  for (let i = 0; i < points.length - 1; i++) {
    const p0 = points[i - 1] ?? points[i]!;
    const p1 = points[i]!;
    const p2 = points[i + 1]!;
    const p3 = points[i + 2] ?? p2;
    // control points stay between the two ends in x, so the curve never loops back (two cards of
    // one stage often share an x)
    const clampX = (x: number) => Math.min(Math.max(x, Math.min(p1.x, p2.x)), Math.max(p1.x, p2.x));
    const c1 = { x: clampX(p1.x + (p2.x - p0.x) / 6), y: p1.y + (p2.y - p0.y) / 6 };
    const c2 = { x: clampX(p2.x - (p3.x - p1.x) / 6), y: p2.y - (p3.y - p1.y) / 6 };
    path += ` C ${c1.x} ${c1.y}, ${c2.x} ${c2.y}, ${p2.x} ${p2.y}`;
  }
  return path;
}
