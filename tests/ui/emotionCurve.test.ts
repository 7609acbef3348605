import { describe, expect, it } from 'vitest';
import { emotionCurvePoints, smoothPath } from '../../src/canvas/emotionCurve';
import type { JourneyFlowNode } from '../../src/state/viewTypes';

describe('emotion curve path', () => {
  it('never loops back when two points share an x', () => {
    const path = smoothPath([
      { x: 0, y: 50 },
      { x: 100, y: 20 },
      { x: 100, y: 80 },
      { x: 200, y: 40 },
    ]);
    const xs = [...path.matchAll(/(-?[\d.]+) (-?[\d.]+)/g)].map((match) => Number(match[1]));
    for (let i = 1; i < xs.length; i++) expect(xs[i]).toBeGreaterThanOrEqual(xs[i - 1]! - 1e-9);
  });
});

describe('emotion curve points', () => {
  const stage = {
    id: 's',
    type: 'stage',
    position: { x: 100, y: 0 },
    width: 300,
    data: {},
  } as unknown as JourneyFlowNode;
  const card = (id: string, y: number, emotion: number, personaIds: string[] = []) =>
    ({
      id,
      type: 'touchpoint',
      parentId: 's',
      position: { x: 20, y },
      width: 220,
      data: { touchpoint: { id, lane: 'front', w: 220, emotion, personaIds } },
    }) as unknown as JourneyFlowNode;

  it('follows the path within a stage (edges first, not ids) and spreads stacked cards along the column', () => {
    // z is drawn first but the path goes a → z
    const nodes = [stage, card('z', 100, 2), card('a', 300, -1)];
    const points = emotionCurvePoints(nodes, ['s'], { edges: [{ source: 'a', target: 'z' }] });
    expect(points.map((p) => p.id)).toEqual(['a', 'z']);
    expect(points[0]!.x).toBeLessThan(points[1]!.x);
    expect(emotionCurvePoints(nodes, ['s']).map((p) => p.id)).toEqual(['z', 'a']); // no edges: top to bottom
  });

  it('keeps only the cards of the persona being read', () => {
    const nodes = [stage, card('a', 100, 1, ['p1']), card('b', 250, -2, ['p2']), card('c', 400, 0)];
    const points = emotionCurvePoints(nodes, ['s'], {
      keep: (t) => t.personaIds.length === 0 || t.personaIds.includes('p1'),
    });
    expect(points.map((p) => p.id)).toEqual(['a', 'c']);
  });
});
