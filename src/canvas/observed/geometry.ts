// Where the overlay draws: the boxes of the cards (from React Flow's measured nodes) and the curve
// of one observed step between two of them. A step forward runs from the right side of one card to
// the left side of the next, as a designed edge does; a step back or a repeat arcs over the cards,
// so it never hides under the designed path.
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

type LookupNode = { internals: { positionAbsolute: { x: number; y: number } }; measured?: { width?: number; height?: number }; width?: number; height?: number };

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

export function stepCurve(from: Box, to: Box, back: boolean): StepCurve {
  if (from === to || (from.x === to.x && from.y === to.y)) {
    // a repeat: a loop over the card's top
    const x1 = from.x + from.w * 0.3;
    const x2 = from.x + from.w * 0.7;
    const top = from.y - 70;
    return { path: `M ${x1} ${from.y} C ${x1} ${top}, ${x2} ${top}, ${x2} ${from.y}`, labelX: mid(x1, x1, x2, x2), labelY: mid(from.y, top, top, from.y) };
  }
  if (back) {
    // back to an earlier card: an arc over both, higher the further it goes
    const x1 = from.x + from.w / 2;
    const x2 = to.x + to.w / 2;
    const y1 = from.y;
    const y2 = to.y;
    const lift = 60 + Math.min(160, Math.abs(x1 - x2) * 0.15);
    const top = Math.min(y1, y2) - lift;
    return { path: `M ${x1} ${y1} C ${x1} ${top}, ${x2} ${top}, ${x2} ${y2}`, labelX: mid(x1, x1, x2, x2), labelY: mid(y1, top, top, y2) };
  }
  const [path, labelX, labelY] = getBezierPath({
    sourceX: from.x + from.w,
    sourceY: from.y + from.h / 2,
    sourcePosition: Position.Right,
    targetX: to.x,
    targetY: to.y + to.h / 2,
    targetPosition: Position.Left,
  });
  return { path, labelX, labelY };
}
