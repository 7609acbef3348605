// An edge's label never covers a card: it sits on the route where the route has room, else beside it.
import { describe, expect, it } from 'vitest';
import { placeEdgeLabel } from '../../src/state/edgeLabel';
import { routeEdge, routeMidpoint } from '../../src/state/edgeRoute';
import { overlaps, type Rect } from '../../src/state/noOverlap';

const SIZE = { width: 100, height: 18 };
const labelBox = (at: { x: number; y: number }): Rect => ({
  x: at.x - SIZE.width / 2,
  y: at.y - SIZE.height / 2,
  ...SIZE,
});

describe('placeEdgeLabel', () => {
  it('keeps the label on the middle of the route when the gap holds it', () => {
    const cards = [
      { x: 0, y: 0, width: 200, height: 80 },
      { x: 400, y: 0, width: 200, height: 80 },
    ];
    const points = routeEdge({ x: 200, y: 40 }, { x: 400, y: 40 }, [], cards);
    expect(placeEdgeLabel(points, SIZE, cards)).toEqual(routeMidpoint(points));
  });

  it('moves a label wider than the gap between two cards beside the edge, clear of both', () => {
    // two cards in neighbouring columns, 60 apart: "⇄ a week later" cannot sit in the gap
    const cards = [
      { x: 0, y: 0, width: 200, height: 80 },
      { x: 260, y: 0, width: 200, height: 80 },
      { x: 260, y: 96, width: 200, height: 80 },
    ];
    const points = routeEdge({ x: 200, y: 40 }, { x: 260, y: 40 }, [cards[2] as Rect], cards.slice(0, 2));
    const middle = routeMidpoint(points);
    expect(cards.some((card) => overlaps(labelBox(middle), card))).toBe(true);
    const at = placeEdgeLabel(points, SIZE, cards);
    for (const card of cards) expect(overlaps(labelBox(at), card)).toBe(false);
    // and it stays by its edge: above the pair of cards, over the gap
    expect(at.x).toBeCloseTo(middle.x, 0);
    expect(at.y).toBeLessThan(0);
  });

  it('finds room along a longer route before leaving it', () => {
    const cards = [
      { x: 0, y: 0, width: 200, height: 80 },
      { x: 500, y: 200, width: 200, height: 80 },
      // a card right where the middle of the route is
      { x: 300, y: 90, width: 100, height: 120 },
    ];
    const points = [
      { x: 200, y: 40 },
      { x: 250, y: 40 },
      { x: 250, y: 240 },
      { x: 500, y: 240 },
    ];
    const at = placeEdgeLabel(points, SIZE, cards);
    for (const card of cards) expect(overlaps(labelBox(at), card)).toBe(false);
  });
});
