import { describe, expect, it } from 'vitest';
import { smoothPath } from '../../src/canvas/emotionCurve';

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
