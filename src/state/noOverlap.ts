// Boxes that never overlap: pure geometry for the canvas's layout rules (cards stacking in a stage
// cell, pills in a row, a dropped node snapping to the nearest free slot). No React, no doc.

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Item extends Rect {
  id: string;
}

export interface Point {
  x: number;
  y: number;
}

/** True when two boxes overlap, or come closer than `gap` to each other. */
export function overlaps(a: Rect, b: Rect, gap = 0): boolean {
  return (
    a.x < b.x + b.width + gap && b.x < a.x + a.width + gap && a.y < b.y + b.height + gap && b.y < a.y + a.height + gap
  );
}

/**
 * Moves items along one axis ('y': down, 'x': right) just enough that none overlaps another, with
 * at least `gap` between them. Items are taken in their order along that axis (ties by the other
 * axis, then id, so every client computes the same result); an item never moves backwards, so a
 * card that grows pushes the cards under it down, and they come back when it shrinks.
 */
export function pushApart(items: readonly Item[], gap: number, axis: 'x' | 'y' = 'y'): Map<string, Point> {
  const other = axis === 'y' ? 'x' : 'y';
  const size = axis === 'y' ? 'height' : 'width';
  const sorted = [...items].sort(
    (a, b) => a[axis] - b[axis] || a[other] - b[other] || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  const placed: Item[] = [];
  const result = new Map<string, Point>();
  for (const item of sorted) {
    const box = { ...item };
    // each pass moves past one blocker; the blockers are already placed, so this ends
    for (let guard = 0; guard <= placed.length; guard++) {
      const blocker = placed.find((p) => overlaps(box, p, gap));
      if (!blocker) break;
      box[axis] = blocker[axis] + blocker[size] + gap;
    }
    placed.push(box);
    result.set(item.id, { x: box.x, y: box.y });
  }
  return result;
}

export interface SlotBounds {
  minX?: number;
  minY?: number;
  maxX?: number;
  /** How much a move down or up counts against one sideways (1: plain distance). */
  yCost?: number;
}

/**
 * The free place nearest to where `box` was put: not closer than `gap` to any of `others`, inside
 * the bounds (left, top, and right edge for the box's right side). Candidates are the box's own
 * place and the places flush with each other box's sides, so a dropped card lands next to, above or
 * below the cards around it, as a person would put it.
 */
export function nearestFreeSlot(box: Rect, others: readonly Rect[], gap: number, bounds: SlotBounds = {}): Point {
  const clampX = (x: number) => {
    let value = x;
    if (bounds.maxX !== undefined) value = Math.min(value, bounds.maxX - box.width);
    if (bounds.minX !== undefined) value = Math.max(value, bounds.minX);
    return value;
  };
  const clampY = (y: number) => (bounds.minY !== undefined ? Math.max(y, bounds.minY) : y);
  const xs = new Set([clampX(box.x)]);
  const ys = new Set([clampY(box.y)]);
  for (const other of others) {
    xs.add(clampX(other.x));
    xs.add(clampX(other.x + other.width + gap));
    xs.add(clampX(other.x - gap - box.width));
    ys.add(clampY(other.y + other.height + gap));
    ys.add(clampY(other.y - gap - box.height));
  }
  let best: Point | null = null;
  let bestDistance = Infinity;
  for (const x of xs) {
    for (const y of ys) {
      const distance = Math.hypot(x - box.x, (y - box.y) * (bounds.yCost ?? 1));
      if (distance >= bestDistance) continue;
      const candidate = { x, y, width: box.width, height: box.height };
      if (others.some((other) => overlaps(candidate, other, gap))) continue;
      best = { x, y };
      bestDistance = distance;
    }
  }
  // below everything is always free
  return (
    best ?? { x: clampX(box.x), y: Math.max(clampY(box.y), ...others.map((other) => other.y + other.height + gap)) }
  );
}

/**
 * Lays boxes out in rows from `left`, each as near its wanted x as the ones before allow, wrapping
 * to a new row when one would pass `right`. Returns positions in the order of `items`.
 */
export function flowInRows(
  items: ReadonlyArray<Item & { wantX: number }>,
  gap: number,
  area: { left: number; right: number; top: number },
): Map<string, Point> {
  const sorted = [...items].sort((a, b) => a.wantX - b.wantX || (a.id < b.id ? -1 : 1));
  const result = new Map<string, Point>();
  let rowTop = area.top;
  let rowHeight = 0;
  let cursor = area.left;
  for (const item of sorted) {
    let x = Math.max(cursor, item.wantX);
    if (x + item.width > area.right && cursor > area.left) {
      rowTop += rowHeight + gap;
      rowHeight = 0;
      cursor = area.left;
      x = Math.max(cursor, Math.min(item.wantX, area.right - item.width));
    }
    result.set(item.id, { x, y: rowTop });
    cursor = x + item.width + gap;
    rowHeight = Math.max(rowHeight, item.height);
  }
  return result;
}

/** A column boxes are kept inside (a stage's x range). */
export interface Span {
  x: number;
  w: number;
}

/** Room kept between a pill and its column's sides. */
const COLUMN_INSET = 6;

/**
 * Places boxes (the channels lane's pills) each inside one column, never across the gap between two:
 * the column under the box's centre (or the nearest one), at the free place nearest to where it was
 * put (sideways before down), in a new row under the others when the row is full. A column whose rows
 * would no longer fit between `minY` and `maxY` passes the box on to the nearest column with room;
 * rows that reach past `maxY` move up together (not above `minY`). A box wider than its column starts
 * at the column's left. Taken in order of (y, x, id), so every client computes the same result.
 */
export function placeInColumns(
  items: readonly Item[],
  columns: readonly Span[],
  gap: number,
  minY: number,
  maxY = Infinity,
): Map<string, Point> {
  const sorted = [...items].sort((a, b) => a.y - b.y || a.x - b.x || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const placed: Array<Item & { column: number }> = [];
  const result = new Map<string, Point>();
  const slotIn = (item: Item, index: number, column: Span): Item => {
    const left = column.x + COLUMN_INSET;
    const right = column.x + column.w - COLUMN_INSET;
    const bounds: SlotBounds = { minX: left, maxX: Math.max(right, left + item.width), minY, yCost: 4 };
    const at = nearestFreeSlot(
      item,
      placed.filter((other) => other.column === index),
      gap,
      bounds,
    );
    return { ...item, ...at };
  };
  const fits = (box: Item, index: number) => {
    const own = [...placed.filter((other) => other.column === index), box];
    const top = Math.max(minY, Math.min(...own.map((other) => other.y)));
    return Math.max(...own.map((other) => other.y + other.height)) - top <= maxY - minY;
  };
  for (const item of sorted) {
    const centre = item.x + item.width / 2;
    const distance = (column: Span) =>
      centre >= column.x && centre <= column.x + column.w ? -1 : Math.abs(column.x + column.w / 2 - centre);
    const order = columns
      .map((_, index) => index)
      .sort((a, b) => distance(columns[a]!) - distance(columns[b]!) || a - b);
    const first = order[0];
    if (first === undefined) {
      result.set(item.id, { x: item.x, y: item.y });
      continue;
    }
    let chosen = { index: first, box: slotIn(item, first, columns[first]!) };
    if (!fits(chosen.box, first)) {
      for (const index of order.slice(1)) {
        const box = slotIn(item, index, columns[index]!);
        if (fits(box, index)) {
          chosen = { index, box };
          break;
        }
      }
    }
    placed.push({ ...chosen.box, column: chosen.index });
    result.set(item.id, { x: chosen.box.x, y: chosen.box.y });
  }
  // a column whose rows reach past maxY moves them up together, as far as minY allows
  columns.forEach((_, index) => {
    const own = placed.filter((box) => box.column === index);
    const bottom = Math.max(...own.map((box) => box.y + box.height));
    const top = Math.min(...own.map((box) => box.y));
    const lift = Math.min(bottom - maxY, top - minY);
    if (own.length === 0 || lift <= 0) return;
    for (const box of own) result.set(box.id, { x: box.x, y: box.y - lift });
  });
  return result;
}
