// Points of the emotion curve: one per touchpoint of the customer's front stage, in stage order and
// then left to right, at the card's centre x. Pure, from flow nodes.
import type { JourneyFlowNode, TouchpointFlowNode } from '../state/viewTypes';

export interface CurvePoint {
  id: string;
  x: number;
  emotion: number;
}

export function emotionCurvePoints(nodes: readonly JourneyFlowNode[], stageOrder: readonly string[]): CurvePoint[] {
  const stageX = new Map<string, number>();
  for (const node of nodes) if (node.type === 'stage') stageX.set(node.id, node.position.x);
  const rank = new Map(stageOrder.map((id, index) => [id, index]));
  const points: Array<CurvePoint & { rank: number }> = [];
  for (const node of nodes) {
    if (node.type !== 'touchpoint') continue;
    const { touchpoint } = (node as TouchpointFlowNode).data;
    if (touchpoint.lane === 'back' || !node.parentId) continue;
    const offset = stageX.get(node.parentId);
    if (offset === undefined) continue;
    const width = node.measured?.width ?? node.width ?? touchpoint.w;
    points.push({ id: node.id, x: offset + node.position.x + width / 2, emotion: touchpoint.emotion, rank: rank.get(node.parentId) ?? 0 });
  }
  points.sort((a, b) => a.rank - b.rank || a.x - b.x || a.id.localeCompare(b.id));
  return points.map(({ id, x, emotion }) => ({ id, x, emotion }));
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
