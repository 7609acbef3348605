// Path edges leave a card on its right and enter the next on its left, never crossing either card.
import { describe, expect, it } from 'vitest';
import { routeEdge, routeIsClear } from '../../src/state/edgeRoute';
import type { Rect } from '../../src/state/noOverlap';

/**
 * The box shrunk (past routeIsClear's own clearance of 3 px) so that a route may touch a card's
 * border, where its handles are, but not run inside it.
 */
const inside = (box: Rect): Rect => ({ x: box.x + 4, y: box.y + 4, width: box.width - 8, height: box.height - 8 });

describe('routeEdge', () => {
  it('goes around the card it leaves when the next card is under it in the same stage', () => {
    const upper = { x: 0, y: 0, width: 220, height: 80 };
    const lower = { x: 0, y: 96, width: 220, height: 80 };
    const points = routeEdge({ x: 220, y: 40 }, { x: 0, y: 136 }, [], [upper, lower]);
    expect(points[1]!.x).toBeGreaterThan(220); // out to the right first
    expect(points[points.length - 2]!.x).toBeLessThan(0); // in from the left
    expect(routeIsClear(points, [inside(upper), inside(lower)])).toBe(true);
  });

  it('runs straight between two cards side by side', () => {
    const left = { x: 0, y: 0, width: 220, height: 80 };
    const right = { x: 300, y: 0, width: 220, height: 80 };
    expect(routeEdge({ x: 220, y: 40 }, { x: 300, y: 40 }, [], [left, right])).toEqual([
      { x: 220, y: 40 },
      { x: 300, y: 40 },
    ]);
  });
});
