// A path edge is routed again only when a card near it moves, and never keeps a stale route.
import { describe, expect, it } from 'vitest';
import { renderHook } from '@testing-library/react';
import { useEdgeRoute, type EdgeRouteInput } from '../../src/canvas/edges/useEdgeRoute';
import { roundedPath, routeEdge, type Obstacle } from '../../src/state/edgeRoute';
import { placeEdgeLabel } from '../../src/state/edgeLabel';

const card = (id: string, x: number, y: number): Obstacle => ({ id, x, y, width: 220, height: 80 });
const source = card('a', 0, 0);
const target = card('b', 600, 0);
const blocker = card('c', 300, -20);
const far = card('far', 4000, 3000);

function input(cardBoxes: Obstacle[]): EdgeRouteInput {
  return {
    source: 'a',
    target: 'b',
    from: { x: 220, y: 40 },
    to: { x: 600, y: 40 },
    label: { width: 80, height: 18 },
    cardBoxes,
  };
}

/** What the edge would be without any caching. */
function fresh(cardBoxes: Obstacle[]) {
  const others = cardBoxes.filter((box) => box.id !== 'a' && box.id !== 'b');
  const joined = cardBoxes.filter((box) => box.id === 'a' || box.id === 'b');
  const points = routeEdge({ x: 220, y: 40 }, { x: 600, y: 40 }, others, joined);
  const at = placeEdgeLabel(points, { width: 80, height: 18 }, cardBoxes);
  return { path: roundedPath(points), labelX: at.x, labelY: at.y };
}

describe('useEdgeRoute', () => {
  it('goes around a card between its ends and places its label clear of it', () => {
    const boxes = [source, target, blocker, far];
    const { result } = renderHook((props: EdgeRouteInput) => useEdgeRoute(props), { initialProps: input(boxes) });
    expect(result.current).toMatchObject(fresh(boxes));
    expect(result.current.path).not.toBe(
      roundedPath([
        { x: 220, y: 40 },
        { x: 600, y: 40 },
      ]),
    );
  });

  it('follows a nearby card that moves, and ignores a far one', () => {
    const first = [source, target, blocker, far];
    const { result, rerender } = renderHook((props: EdgeRouteInput) => useEdgeRoute(props), {
      initialProps: input(first),
    });
    const before = result.current;
    // a card far away moved: a new array of boxes, the same route
    const farMoved = [source, target, blocker, card('far', 4100, 3000)];
    rerender(input(farMoved));
    expect(result.current).toMatchObject(fresh(farMoved));
    expect(result.current.path).toBe(before.path);
    // the card between the ends moved out of the way: routed again
    const nearMoved = [source, target, card('c', 300, 400), far];
    rerender(input(nearMoved));
    expect(result.current).toMatchObject(fresh(nearMoved));
    expect(result.current.path).not.toBe(before.path);
  });
});
