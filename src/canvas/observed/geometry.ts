// Where the overlay draws: the boxes of the cards (from React Flow's measured nodes) and the curve
// of one observed step between two of them. A step forward to the next card runs from the right
// side of one card to the left side of the other, as a designed edge does; a step back, a repeat or
// a step past other cards arcs under the cards, so it never hides under the designed path.
import { Position, getBezierPath } from '@xyflow/react';

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface StepCurve {
  path: string;
  labelX: number;
  labelY: number;
}

/** Card size before React Flow measures it (the journey layout's card size). */
const FALLBACK = { w: 220, h: 110 };

type LookupNode = {
  internals: { positionAbsolute: { x: number; y: number } };
  measured?: { width?: number; height?: number };
  width?: number;
  height?: number;
};

/** The boxes of `ids` as a string (so a selector re-renders only when one moves or resizes). */
export function boxesKey(lookup: ReadonlyMap<string, LookupNode>, ids: readonly string[]): string {
  return ids
    .map((id) => {
      const node = lookup.get(id);
      if (!node) return '';
      const { x, y } = node.internals.positionAbsolute;
      const w = node.measured?.width ?? node.width ?? FALLBACK.w;
      const h = node.measured?.height ?? node.height ?? FALLBACK.h;
      return `${id}\t${Math.round(x)}\t${Math.round(y)}\t${Math.round(w)}\t${Math.round(h)}`;
    })
    .filter(Boolean)
    .join('\n');
}

export function parseBoxes(key: string): Map<string, Box> {
  const boxes = new Map<string, Box>();
  for (const line of key ? key.split('\n') : []) {
    const [id = '', x, y, w, h] = line.split('\t');
    boxes.set(id, { x: Number(x), y: Number(y), w: Number(w), h: Number(h) });
  }
  return boxes;
}

/** The midpoint of a cubic Bézier curve (t = ½). */
const mid = (a: number, b: number, c: number, d: number) => 0.125 * a + 0.375 * b + 0.375 * c + 0.125 * d;

/** How far the label of a forward step sits above the curve (the designed edge's own label is on it). */
const LABEL_LIFT = 16;

export function stepCurve(from: Box, to: Box, back: boolean): StepCurve {
  if (from === to || (from.x === to.x && from.y === to.y)) {
    // a repeat: a loop under the card (above it are the stage header and the card's figures)
    const x1 = from.x + from.w * 0.3;
    const x2 = from.x + from.w * 0.7;
    const y = from.y + from.h;
    const low = y + 70;
    return {
      path: `M ${x1} ${y} C ${x1} ${low}, ${x2} ${low}, ${x2} ${y}`,
      labelX: mid(x1, x1, x2, x2),
      labelY: mid(y, low, low, y),
    };
  }
  const skips = !back && to.x - (from.x + from.w) > from.w * 0.75;
  if (back || skips) {
    // back to an earlier card, or forward past the cards in between: an arc under the cards, deeper
    // the further it goes (a straight curve would cross the cards it passes)
    const x1 = from.x + from.w / 2;
    const x2 = to.x + to.w / 2;
    const y1 = from.y + from.h;
    const y2 = to.y + to.h;
    const depth = (back ? 90 : 60) + Math.min(160, Math.abs(x1 - x2) * 0.12);
    const low = Math.max(y1, y2) + depth;
    return {
      path: `M ${x1} ${y1} C ${x1} ${low}, ${x2} ${low}, ${x2} ${y2}`,
      labelX: mid(x1, x1, x2, x2),
      labelY: mid(y1, low, low, y2),
    };
  }
  const [path, labelX, labelY] = getBezierPath({
    sourceX: from.x + from.w,
    sourceY: from.y + from.h / 2,
    sourcePosition: Position.Right,
    targetX: to.x,
    targetY: to.y + to.h / 2,
    targetPosition: Position.Left,
  });
  return { path, labelX, labelY: labelY - LABEL_LIFT };
}
