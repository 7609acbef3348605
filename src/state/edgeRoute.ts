// Path edges routed around cards: orthogonal segments (out of the source's right side, into the
// target's left side) that never cross a card the edge does not join. The route is the shortest of
// a few candidates (a middle vertical in the free space between columns, or a detour through the gap
// above or below a card); pure, so it is unit-tested and the same on every client.
import type { Point, Rect } from './noOverlap';

/** How far an edge leaves a card before it turns. */
export const EDGE_OFFSET = 14;
/** An edge keeps this far from the cards it passes. */
const CLEARANCE = 6;
/** Obstacles further than this from the edge's own box are not looked at. */
const REACH = 260;

export interface Obstacle extends Rect {
  id: string;
}

function segmentHits(a: Point, b: Point, box: Rect): boolean {
  const left = box.x - CLEARANCE / 2;
  const right = box.x + box.width + CLEARANCE / 2;
  const top = box.y - CLEARANCE / 2;
  const bottom = box.y + box.height + CLEARANCE / 2;
  if (a.y === b.y) {
    const [x0, x1] = a.x < b.x ? [a.x, b.x] : [b.x, a.x];
    return a.y > top && a.y < bottom && x1 > left && x0 < right;
  }
  const [y0, y1] = a.y < b.y ? [a.y, b.y] : [b.y, a.y];
  return a.x > left && a.x < right && y1 > top && y0 < bottom;
}

export function routeIsClear(points: readonly Point[], obstacles: readonly Rect[]): boolean {
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1] as Point;
    const b = points[i] as Point;
    if (obstacles.some((box) => segmentHits(a, b, box))) return false;
  }
  return true;
}

function routeLength(points: readonly Point[]): number {
  let length = 0;
  for (let i = 1; i < points.length; i++)
    length +=
      Math.abs((points[i] as Point).x - (points[i - 1] as Point).x) +
      Math.abs((points[i] as Point).y - (points[i - 1] as Point).y);
  return length + points.length * 4; // fewer bends win a tie
}

/** Drops repeated and collinear points. */
function simplify(points: readonly Point[]): Point[] {
  const out: Point[] = [];
  for (const point of points) {
    const last = out[out.length - 1];
    if (last && last.x === point.x && last.y === point.y) continue;
    const before = out[out.length - 2];
    if (before && last && ((before.x === last.x && last.x === point.x) || (before.y === last.y && last.y === point.y)))
      out.pop();
    out.push(point);
  }
  return out;
}

/** An edge to a card earlier on the path: in a column to the left, or above in the same column. */
export function isBackEdge(source: Point, target: Point, cardWidth = 220): boolean {
  return target.x < source.x - cardWidth - EDGE_OFFSET || (target.x < source.x && target.y < source.y);
}

/** The obstacles a route from `source` to `target` looks at: the rest cannot change it. */
export function obstaclesAround<T extends Rect>(source: Point, target: Point, obstacles: readonly T[]): T[] {
  const left = Math.min(source.x, target.x) - REACH;
  const right = Math.max(source.x, target.x) + REACH;
  const top = Math.min(source.y, target.y) - REACH;
  const bottom = Math.max(source.y, target.y) + REACH;
  return obstacles.filter(
    (box) => box.x < right && box.x + box.width > left && box.y < bottom && box.y + box.height > top,
  );
}

/**
 * The corners of an orthogonal route from `source` (a right-side handle) to `target` (a left-side
 * handle) that passes no obstacle; `joined` are the boxes of the two cards (avoided too, except
 * where the edge leaves and enters them).
 */
export function routeEdge(
  source: Point,
  target: Point,
  obstacles: readonly Rect[],
  joined: readonly Rect[] = [],
): Point[] {
  const near = obstaclesAround(source, target, obstacles);
  const blockers = [...near, ...joined];
  const out = { x: source.x + EDGE_OFFSET, y: source.y };
  const into = { x: target.x - EDGE_OFFSET, y: target.y };
  const candidates: Point[][] = [];
  const gapX = (box: Rect) => [box.x - CLEARANCE - 2, box.x + box.width + CLEARANCE + 2];
  const gapY = (box: Rect) => [box.y - CLEARANCE - 4, box.y + box.height + CLEARANCE + 4];

  if (into.x >= out.x) {
    // forward: one vertical between the two cards
    const xs = new Set([(source.x + target.x) / 2, out.x, into.x]);
    for (const box of near) for (const x of gapX(box)) if (x > out.x && x < into.x) xs.add(x);
    for (const x of xs) candidates.push([source, { x, y: source.y }, { x, y: target.y }, target]);
  }
  // around: out to the right, along a free row, down to the target's row on its left
  const ys = new Set([source.y, target.y]);
  for (const box of blockers) for (const y of gapY(box)) ys.add(y);
  // the three nearest turning columns on each side are enough (and keep a big map's routing cheap)
  const nearest = (from: number, xs: number[]) => [
    from,
    ...xs.sort((a, b) => Math.abs(a - from) - Math.abs(b - from)).slice(0, 3),
  ];
  const outXs = nearest(
    out.x,
    near.flatMap(gapX).filter((x) => x > out.x),
  );
  const intoXs = nearest(
    into.x,
    near.flatMap(gapX).filter((x) => x < into.x),
  );
  for (const y of ys) {
    for (const x1 of outXs) {
      for (const x2 of intoXs)
        candidates.push([source, { x: x1, y: source.y }, { x: x1, y }, { x: x2, y }, { x: x2, y: target.y }, target]);
    }
  }
  const ranked = candidates.map(simplify).map((points) => ({ points, length: routeLength(points) }));
  ranked.sort((a, b) => a.length - b.length);
  // the first and last segments touch their own cards by design: the middle ones must miss them too,
  // and the route leaves its card rightwards and enters the other from the left (never back across
  // the card it leaves or enters)
  const best = ranked.find(
    ({ points }) =>
      (points[1]?.x ?? source.x) >= source.x &&
      (points[points.length - 2]?.x ?? target.x) <= target.x &&
      routeIsClear(points, near) &&
      routeIsClear(points.slice(1, -1), joined),
  )?.points;
  return best ?? simplify([source, out, { x: out.x, y: target.y }, into, target]);
}

/** An SVG path through the corners, rounded with `radius` (a smooth step). */
export function roundedPath(points: readonly Point[], radius = 8): string {
  const first = points[0];
  if (!first) return '';
  let d = `M ${first.x} ${first.y}`;
  for (let i = 1; i < points.length; i++) {
    const point = points[i] as Point;
    const next = points[i + 1];
    if (!next) {
      d += ` L ${point.x} ${point.y}`;
      break;
    }
    const prev = points[i - 1] as Point;
    const r = Math.min(
      radius,
      Math.hypot(point.x - prev.x, point.y - prev.y) / 2,
      Math.hypot(next.x - point.x, next.y - point.y) / 2,
    );
    const inX = point.x - Math.sign(point.x - prev.x) * r;
    const inY = point.y - Math.sign(point.y - prev.y) * r;
    const outX = point.x + Math.sign(next.x - point.x) * r;
    const outY = point.y + Math.sign(next.y - point.y) * r;
    d += ` L ${inX} ${inY} Q ${point.x} ${point.y} ${outX} ${outY}`;
  }
  return d;
}

/** The middle of a route, along its length (where its label goes). */
export function routeMidpoint(points: readonly Point[]): Point {
  const total = routeLength(points) - points.length * 4;
  let walked = 0;
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1] as Point;
    const b = points[i] as Point;
    const step = Math.abs(b.x - a.x) + Math.abs(b.y - a.y);
    if (walked + step >= total / 2) {
      const t = step === 0 ? 0 : (total / 2 - walked) / step;
      return { x: a.x + (b.x - a.x) * t, y: a.y + (b.y - a.y) * t };
    }
    walked += step;
  }
  return points[0] ?? { x: 0, y: 0 };
}
