// The canvas's layout rules as pure functions: nothing overlaps, whatever the doc holds.
import { describe, expect, it } from 'vitest';
import { flowInRows, nearestFreeSlot, overlaps, placeInColumns, pushApart, type Item } from '../../src/state/noOverlap';
import { CARD_GAP, arrangeView, cardDropSlot, cardsTop } from '../../src/state/arrangeView';
import { CANVAS_HEIGHT, laneTop } from '../../src/state/layout';
import type { JourneyFlowNode } from '../../src/state/viewTypes';
import { tidyUp } from '../../src/state/tidyUp';
import { snapDrop } from '../../src/state/dropSnap';

const box = (id: string, x: number, y: number, width = 220, height = 100): Item => ({ id, x, y, width, height });

function expectApart(items: readonly Item[], positions: ReadonlyMap<string, { x: number; y: number }>, gap: number) {
  const placed = items.map((item) => ({ ...item, ...positions.get(item.id) }));
  for (const a of placed)
    for (const b of placed) if (a !== b) expect(overlaps(a, b, gap - 0.001), `${a.id} and ${b.id}`).toBe(false);
}

describe('pushApart', () => {
  it('stacks cards put on the same spot, in order, a gap apart', () => {
    const items = [box('a', 20, 100), box('b', 20, 100), box('c', 20, 100), box('d', 20, 100)];
    const out = pushApart(items, 16);
    expect([...out.values()].map((p) => p.y)).toEqual([100, 216, 332, 448]);
    expectApart(items, out, 16);
  });

  it('leaves cards that do not overlap where they are, and pushes only as far as needed', () => {
    const items = [box('a', 20, 100, 220, 150), box('b', 20, 200), box('c', 20, 600), box('side', 300, 100)];
    const out = pushApart(items, 16);
    expect(out.get('a')).toEqual({ x: 20, y: 100 });
    expect(out.get('b')).toEqual({ x: 20, y: 266 }); // under the grown card
    expect(out.get('c')).toEqual({ x: 20, y: 600 });
    expect(out.get('side')).toEqual({ x: 300, y: 100 });
  });

  it('pushes pills sideways on the x axis', () => {
    const items = [box('a', 0, 0, 150, 40), box('b', 100, 0, 150, 40), box('c', 120, 0, 150, 40)];
    const out = pushApart(items, 16, 'x');
    expect([...out.values()].map((p) => p.x)).toEqual([0, 166, 332]);
  });
});

describe('nearestFreeSlot', () => {
  it('keeps a free place as it is', () => {
    expect(nearestFreeSlot(box('n', 20, 500), [box('a', 20, 100)], 16)).toEqual({ x: 20, y: 500 });
  });
  it('moves a box dropped on another to the nearest side', () => {
    const slot = nearestFreeSlot(box('n', 20, 130), [box('a', 20, 100)], 16);
    expect(slot).toEqual({ x: 20, y: 216 });
    const above = nearestFreeSlot(box('n', 20, 60), [box('a', 20, 100)], 16, { minY: 0 });
    expect(above.x === 20 && above.y === -16 ? 'above' : 'elsewhere').toBe('elsewhere'); // minY forbids above the top
  });
  it('finds the gap between two cards when it is big enough, else below', () => {
    const others = [box('a', 20, 100), box('b', 20, 400)];
    expect(nearestFreeSlot(box('n', 20, 250), others, 16, { minX: 0, maxX: 260 })).toEqual({ x: 20, y: 250 });
    const tight = [box('a', 20, 100), box('b', 20, 250)];
    const slot = nearestFreeSlot(box('n', 20, 180), tight, 16, { minX: 0, maxX: 260 });
    expect(tight.some((other) => overlaps({ ...slot, width: 220, height: 100 }, other, 15.9))).toBe(false);
  });
});

describe('flowInRows', () => {
  it('puts pills near where they are wanted and wraps to a second row', () => {
    const items = [0, 10, 20, 30].map((wantX, i) => ({ ...box(`p${i}`, 0, 0, 150, 40), wantX }));
    const out = flowInRows(items, 16, { left: 0, right: 400, top: 10 });
    expect(out.get('p0')).toEqual({ x: 0, y: 10 });
    expect(out.get('p1')).toEqual({ x: 166, y: 10 });
    expect(out.get('p2')).toEqual({ x: 20, y: 66 });
    expectApart(
      items.map((item) => ({ ...item, ...out.get(item.id) })),
      out,
      16,
    );
  });
});

describe('placeInColumns', () => {
  it('keeps every pill inside one stage column, wrapping to a second row instead of crossing into the next', () => {
    const columns = [
      { x: 0, w: 220 },
      { x: 234, w: 220 },
    ];
    // three pills wanted in the first column, in one row: the last one would stick past its right side
    const items = [0, 10, 20].map((x, i) => box(`p${i}`, x, 500, 90, 30));
    const out = placeInColumns(items, columns, 16, 490);
    for (const item of items) {
      const at = out.get(item.id)!;
      const inside = columns.some((column) => at.x >= column.x && at.x + item.width <= column.x + column.w);
      expect(inside, item.id).toBe(true);
      expect(at.y).toBeGreaterThanOrEqual(490);
    }
    expectApart(items, out, 16);
    expect(new Set(items.map((item) => out.get(item.id)!.y)).size).toBe(2);
  });

  it('passes pills a full column cannot hold on to the nearest columns with room', () => {
    const columns = [0, 234, 468, 702].map((x) => ({ x, w: 220 }));
    // seven pills dropped on one spot of the first column; the lane holds two rows
    const items = Array.from({ length: 7 }, (_, i) => box(`p${i}`, 10, 500, 90, 30));
    const out = placeInColumns(items, columns, 16, 490, 570);
    for (const item of items) {
      const at = out.get(item.id)!;
      expect(columns.some((column) => at.x >= column.x && at.x + item.width <= column.x + column.w)).toBe(true);
      expect(at.y).toBeGreaterThanOrEqual(490);
      expect(at.y + item.height).toBeLessThanOrEqual(570);
    }
    expectApart(items, out, 16);
  });

  it('moves a column of wrapped rows up so the last row stays inside the lane', () => {
    const columns = [{ x: 0, w: 220 }];
    const items = [0, 10, 20].map((x, i) => box(`p${i}`, x, 530, 90, 30));
    const out = placeInColumns(items, columns, 16, 490, 600);
    const bottoms = items.map((item) => out.get(item.id)!.y + item.height);
    expect(Math.max(...bottoms)).toBeLessThanOrEqual(600);
    expect(Math.min(...items.map((item) => out.get(item.id)!.y))).toBeGreaterThanOrEqual(490);
    expectApart(items, out, 16);
  });
});

describe('arrangeView', () => {
  const stage = {
    id: 's',
    type: 'stage',
    position: { x: 0, y: 0 },
    width: 260,
    height: CANVAS_HEIGHT,
    data: {},
  } as unknown as JourneyFlowNode;
  const card = (id: string, y: number, height = 100) =>
    ({
      id,
      type: 'touchpoint',
      parentId: 's',
      position: { x: 20, y },
      width: 220,
      measured: { width: 220, height },
      data: { touchpoint: { x: 20, y } },
    }) as unknown as JourneyFlowNode;
  const pill = (id: string, x: number) =>
    ({
      id,
      type: 'channel',
      position: { x, y: laneTop('channels') + 22 },
      data: { channel: { x, y: laneTop('channels') + 22 } },
    }) as unknown as JourneyFlowNode;

  it('stacks a stage cell, grows the lane to hold it and moves the channels lane down with it', () => {
    const cards = Array.from({ length: 8 }, (_, i) => card(`c${i}`, 100 + i * 10));
    const view = arrangeView([stage, ...cards, pill('p', 0)]);
    const placed = view.nodes
      .filter((node) => node.type === 'touchpoint')
      .map((node) => ({ id: node.id, ...node.position, width: 220, height: 100 }));
    expectApart(placed, new Map(placed.map((p) => [p.id, p])), CARD_GAP);
    const bottom = Math.max(...placed.map((p) => p.y + 100));
    expect(view.laneGrowth).toBeGreaterThan(0);
    expect(laneTop('channels') + view.laneGrowth).toBeGreaterThanOrEqual(bottom);
    const channel = view.nodes.find((node) => node.id === 'p');
    expect(channel?.position.y).toBe(laneTop('channels') + 22 + view.laneGrowth);
    expect(view.nodes.find((node) => node.id === 's')?.height).toBe(CANVAS_HEIGHT + view.laneGrowth);
  });

  it('re-flows when a card grows and back when it shrinks', () => {
    const grown = arrangeView([stage, card('a', 100, 300), card('b', 216)]);
    expect(grown.nodes.find((node) => node.id === 'b')?.position.y).toBe(416);
    const back = arrangeView(grown.nodes.map((node) => (node.id === 'a' ? card('a', 100, 100) : node)));
    expect(back.nodes.find((node) => node.id === 'b')?.position.y).toBe(216);
  });

  it('keeps the same node objects when nothing has to move', () => {
    const nodes = [stage, card('a', 100), card('b', 300)];
    const view = arrangeView(nodes);
    view.nodes.forEach((node, i) => expect(node).toBe(nodes[i]));
  });

  it('drops a card on another into the nearest free slot of the cell', () => {
    const slot = cardDropSlot(box('n', 30, 110), [box('a', 20, 100)], 260);
    expect(overlaps({ ...slot, width: 220, height: 100 }, box('a', 20, 100), CARD_GAP - 0.001)).toBe(false);
    expect(slot.y).toBeGreaterThanOrEqual(cardsTop());
    expect(slot.x + 220).toBeLessThanOrEqual(260);
  });
});

describe('tidyUp', () => {
  const columns = [
    { id: 's1', x: 0, y: 0, w: 260, index: 0 },
    { id: 's2', x: 300, y: 0, w: 260, index: 1 },
  ];
  const card = (
    id: string,
    stageId: string,
    lane: 'front' | 'back',
    height = 100,
    channelId: string | null = null,
  ) => ({ id, stageId, lane, channelId, width: 220, height });

  it('orders cards along the path, aligns rows across stages, puts back-stage below and pills under their stages', () => {
    const path = [
      card('a', 's1', 'front', 140, 'web'),
      card('b', 's1', 'back'),
      card('c', 's1', 'front'),
      card('d', 's2', 'front', 100, 'shop'),
    ];
    const moves = new Map(
      tidyUp({
        columns,
        path,
        channels: [
          { id: 'shop', x: 0, width: 150, height: 40 },
          { id: 'web', x: 0, width: 150, height: 40 },
        ],
        owners: [],
        stageOwners: new Map(),
      }).map((m) => [m.id, m]),
    );
    expect(moves.get('a')?.y).toBe(moves.get('d')?.y); // first rows aligned
    expect(moves.get('c')?.y).toBe((moves.get('a')?.y ?? 0) + 140 + CARD_GAP); // the tallest card of row 1 sets its height
    expect(moves.get('b')?.y).toBeGreaterThan((moves.get('c')?.y ?? 0) + 100); // back-stage under the front-stage rows
    expect(moves.get('web')?.x).toBeLessThan(moves.get('shop')?.x ?? 0); // each pill under its stage
    expect((moves.get('shop')?.x ?? 0) + 75).toBeCloseTo(430, 0);
  });
});

describe('snapDrop', () => {
  it('moves a card dropped on another of its cell to the nearest free slot, in the doc and in the plan', () => {
    const columns = [{ id: 's', x: 100, y: 0, w: 260, index: 0 }];
    const drawn = [
      {
        id: 'a',
        type: 'touchpoint',
        parentId: 's',
        position: { x: 20, y: 100 },
        width: 220,
        measured: { width: 220, height: 100 },
        data: {},
      },
    ] as unknown as JourneyFlowNode[];
    const nodes = new Map([['b', { kind: 'touchpoint' }]]) as unknown as Parameters<typeof snapDrop>[0]['nodes'];
    const out = snapDrop({
      columns,
      nodes,
      drawn,
      laneGrowth: 0,
      moved: new Map([['b', { x: 25, y: 120 }]]),
      dropped: [{ id: 'b', box: { x: 125, y: 120, width: 220, height: 100 } }],
    });
    const slot = out.moved.get('b');
    expect(slot).toBeDefined();
    expect(
      overlaps({ ...slot!, width: 220, height: 100 }, { x: 20, y: 100, width: 220, height: 100 }, CARD_GAP - 0.001),
    ).toBe(false);
    expect(out.dropped[0]?.box.x).toBe(slot!.x + 100);
  });
});
