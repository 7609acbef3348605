// The route and label place of one path edge, computed again only when something it depends on
// changed: its two ends, its label, or a card near it. A drop changes the cards' boxes of the whole
// map (one new array), but only the edges near the moved card need routing again; on a 500-node map
// routing every edge froze the page for most of a second after each drop.
import { useMemo } from 'react';
import type { Point } from '../../state/noOverlap';
import { EDGE_OFFSET, isBackEdge, obstaclesAround, roundedPath, routeEdge, type Obstacle } from '../../state/edgeRoute';
import { cardsNearLabel, placeEdgeLabel } from '../../state/edgeLabel';

export interface EdgeRouteInput {
  source: string;
  target: string;
  from: Point;
  to: Point;
  /** The label's box; none: no label to place. */
  label: { width: number; height: number } | null;
  cardBoxes: readonly Obstacle[];
  /** Draw a plain step between the ends, without routing (an edge of a card being dragged far out). */
  sketch?: boolean;
}

export interface EdgeRoute {
  path: string;
  labelX: number;
  labelY: number;
  back: boolean;
}

const boxesKey = (boxes: readonly Obstacle[]) =>
  boxes.map((box) => `${box.id}:${box.x},${box.y},${box.width},${box.height}`).join(';');

/** A step from a right-side handle to a left-side one, through the middle (or just outside the cards when the target is behind). */
export function sketchPoints(from: Point, to: Point): Point[] {
  const x = to.x - from.x >= 2 * EDGE_OFFSET ? (from.x + to.x) / 2 : null;
  if (x !== null) return [from, { x, y: from.y }, { x, y: to.y }, to];
  const out = { x: from.x + EDGE_OFFSET, y: from.y };
  const into = { x: to.x - EDGE_OFFSET, y: to.y };
  const middle = (from.y + to.y) / 2;
  return [from, out, { x: out.x, y: middle }, { x: into.x, y: middle }, into, to];
}

/**
 * The last route and label place of each edge (by its two cards), kept outside the component: an
 * edge mounted again (after a drag that drew it as a still picture, StillEdges.tsx) is not routed
 * again unless something near it changed.
 */
const lastRoutes = new Map<string, { key: string; points: Point[] }>();
const lastLabels = new Map<string, { key: string; at: Point }>();

export function useEdgeRoute({
  source,
  target,
  from,
  to,
  label,
  cardBoxes,
  sketch = false,
}: EdgeRouteInput): EdgeRoute {
  const { x: fromX, y: fromY } = from;
  const { x: toX, y: toY } = to;
  const width = label?.width ?? 0;
  const height = label?.height ?? 0;
  return useMemo(() => {
    const start = { x: fromX, y: fromY };
    const end = { x: toX, y: toY };
    if (sketch) {
      const points = sketchPoints(start, end);
      const middle = points[Math.floor(points.length / 2)] ?? start;
      return { path: roundedPath(points), labelX: middle.x, labelY: middle.y, back: isBackEdge(start, end) };
    }
    const others = cardBoxes.filter((box) => box.id !== source && box.id !== target);
    const joined = cardBoxes.filter((box) => box.id === source || box.id === target);
    const near = obstaclesAround(start, end, others);
    const routeKey = `${fromX},${fromY},${toX},${toY}|${boxesKey(near)}|${boxesKey(joined)}`;
    const slot = `${source}\n${target}`;
    let routed = lastRoutes.get(slot);
    if (routed?.key !== routeKey) {
      routed = { key: routeKey, points: routeEdge(start, end, near, joined) };
      lastRoutes.set(slot, routed);
    }
    const points = routed.points;
    let at = { x: 0, y: 0 };
    if (width > 0) {
      // the label clears every card, the two it joins included
      const size = { width, height };
      const cards = cardsNearLabel(points, size, cardBoxes);
      const labelKey = `${routeKey}|${width}x${height}|${boxesKey(cards)}`;
      let placed = lastLabels.get(slot);
      if (placed?.key !== labelKey) {
        placed = { key: labelKey, at: placeEdgeLabel(points, size, cards) };
        lastLabels.set(slot, placed);
      }
      at = placed.at;
    }
    return { path: roundedPath(points), labelX: at.x, labelY: at.y, back: isBackEdge(start, end) };
  }, [cardBoxes, source, target, fromX, fromY, toX, toY, width, height, sketch]);
}
