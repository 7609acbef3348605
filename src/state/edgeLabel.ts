// Where a path edge's label goes: on the edge's route where its whole box clears every card, else
// just beside the route (above or below a horizontal stretch, left or right of a vertical one), else
// straight above or below the route's middle, past the cards there. The nearest such place to the
// route's middle wins, so a label stays by its edge. Pure: the same on every client.
import type { Point, Rect } from './noOverlap';
import { routeMidpoint } from './edgeRoute';

/** Room kept between a label and a card. */
const LABEL_CLEARANCE = 3;
/** Spacing of the places tried along the route. */
const STEP = 6;

function hitsAny(centre: Point, size: { width: number; height: number }, cards: readonly Rect[]): boolean {
  const left = centre.x - size.width / 2 - LABEL_CLEARANCE;
  const right = centre.x + size.width / 2 + LABEL_CLEARANCE;
  const top = centre.y - size.height / 2 - LABEL_CLEARANCE;
  const bottom = centre.y + size.height / 2 + LABEL_CLEARANCE;
  return cards.some((c) => left < c.x + c.width && c.x < right && top < c.y + c.height && c.y < bottom);
}

/** Points every STEP along the route, each with the direction of its segment. */
function samples(points: readonly Point[]): Array<{ at: Point; horizontal: boolean }> {
  const out: Array<{ at: Point; horizontal: boolean }> = [];
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1] as Point;
    const b = points[i] as Point;
    const length = Math.abs(b.x - a.x) + Math.abs(b.y - a.y);
    const horizontal = Math.abs(b.x - a.x) >= Math.abs(b.y - a.y);
    for (let walked = 0; walked <= length; walked += STEP) {
      const t = length === 0 ? 0 : walked / length;
      out.push({ at: { x: a.x + (b.x - a.x) * t, y: a.y + (b.y - a.y) * t }, horizontal });
    }
  }
  return out;
}

/** The cards a label of `size` on the route through `points` looks at: the rest cannot move it. */
export function cardsNearLabel<T extends Rect>(
  points: readonly Point[],
  size: { width: number; height: number },
  cards: readonly T[],
): T[] {
  const middle = routeMidpoint(points);
  const reach = size.width + size.height + 200;
  return cards.filter(
    (c) =>
      c.x < middle.x + reach &&
      c.x + c.width > middle.x - reach &&
      c.y < middle.y + reach &&
      c.y + c.height > middle.y - reach,
  );
}

/**
 * The centre of a `size` label for the route through `points` that overlaps none of `cards` (flow
 * coordinates). Falls back to the route's middle when nothing nearby is free.
 */
export function placeEdgeLabel(
  points: readonly Point[],
  size: { width: number; height: number },
  cards: readonly Rect[],
): Point {
  const middle = routeMidpoint(points);
  const near = cardsNearLabel(points, size, cards);
  const candidates: Array<{ at: Point; cost: number }> = [{ at: middle, cost: -1 }];
  const cost = (at: Point, penalty: number) => Math.abs(at.x - middle.x) + Math.abs(at.y - middle.y) + penalty;
  for (const { at, horizontal } of samples(points)) {
    candidates.push({ at, cost: cost(at, 0) });
    const side = horizontal ? { x: 0, y: size.height / 2 + 4 } : { x: size.width / 2 + 4, y: 0 };
    for (const sign of [-1, 1]) {
      const beside = { x: at.x + sign * side.x, y: at.y + sign * side.y };
      candidates.push({ at: beside, cost: cost(beside, 12) });
    }
  }
  // straight up or down from the middle, past whatever cards are there
  for (const c of near) {
    for (const y of [
      c.y - size.height / 2 - LABEL_CLEARANCE - 1,
      c.y + c.height + size.height / 2 + LABEL_CLEARANCE + 1,
    ]) {
      const at = { x: middle.x, y };
      candidates.push({ at, cost: cost(at, 24) });
    }
  }
  candidates.sort((a, b) => a.cost - b.cost);
  return candidates.find(({ at }) => !hitsAny(at, size, near))?.at ?? middle;
}
