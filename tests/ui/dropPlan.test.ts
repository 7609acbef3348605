// What a drop on the canvas means (planDrop), as a pure function of the columns, the model's nodes
// and where the dragged nodes were dropped: no React Flow, no hook.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addChannel,
  addOwner,
  addStage,
  addTouchpoint,
  readNodes,
  stageColumns,
  type JourneyNode,
} from '../../src/model';
import { planDrop, type DragEnd } from '../../src/state/drop';
import { LAYOUT } from '../../src/state/layout';

/** Two stages 300 wide (columns 0–300 and 314–614), a touchpoint in the first, a channel and an owner. */
function map() {
  const doc = new Y.Doc();
  addStage(doc, { label: 'Need', id: 'need', w: 300 });
  addStage(doc, { label: 'Buy', id: 'buy', w: 300 });
  addTouchpoint(doc, { stageId: 'need', label: 'Search', id: 'search', x: 10, y: 120 });
  addChannel(doc, { label: 'Web', type: 'digital', medium: 'web', id: 'web', x: 0, y: 500 });
  addOwner(doc, { name: 'Ada', id: 'ada', x: 0, y: LAYOUT.railY });
  const nodes = new Map<string, JourneyNode>(readNodes(doc).map((node) => [node.id, node]));
  return { columns: stageColumns(doc), nodes };
}

function drop(over: Partial<DragEnd> & Pick<DragEnd, 'dropped'>): ReturnType<typeof planDrop> {
  const { columns, nodes } = map();
  return planDrop({ columns, nodes, moved: new Map(), start: new Map(), ...over });
}

const box = (x: number, y: number, width = 200, height = 100) => ({ x, y, width, height });

describe('planDrop: what a drop on the canvas means', () => {
  it('keeps the dragged positions of free nodes, and only of nodes still on the map', () => {
    const plan = drop({
      moved: new Map([
        ['web', { x: 40, y: 520 }],
        ['gone', { x: 1, y: 1 }],
        ['need', { x: 90, y: 0 }],
      ]),
      dropped: [{ id: 'web', box: box(40, 520, 150, 40) }],
    });
    expect(plan).toEqual({ steps: [{ op: 'move', moves: [{ id: 'web', x: 40, y: 520 }] }], snapBack: false });
  });

  it('gives a touchpoint the stage its centre lands in, at a position relative to that column', () => {
    const plan = drop({
      moved: new Map([['search', { x: 400, y: 130 }]]),
      dropped: [{ id: 'search', box: box(400, 130) }],
    });
    expect(plan.steps).toEqual([
      { op: 'move', moves: [{ id: 'search', x: 400, y: 130 }] },
      { op: 'setStage', touchpointId: 'search', stageId: 'buy', position: { x: 400 - 314, y: 130 } },
    ]);
  });

  it('leaves a touchpoint dropped in its own column in its stage, and one dropped in no column without one', () => {
    expect(drop({ dropped: [{ id: 'search', box: box(50, 130) }] }).steps).toEqual([]);
    // centre at x = 700: right of the last column
    expect(drop({ dropped: [{ id: 'search', box: box(600, 130) }] }).steps).toEqual([
      { op: 'setStage', touchpointId: 'search', stageId: null, position: { x: 600, y: 130 } },
    ]);
  });

  it('gives a dropped stage its new place in the order, and always snaps it back onto its column', () => {
    // Need's centre dragged past Buy's centre (464): it goes second
    expect(drop({ dropped: [{ id: 'need', box: box(340, 0, 300, 84) }] })).toEqual({
      steps: [{ op: 'moveStage', stageId: 'need', index: 1 }],
      snapBack: true,
    });
    expect(drop({ dropped: [{ id: 'need', box: box(20, 0, 300, 84) }] })).toEqual({ steps: [], snapBack: true });
  });

  it('makes an owner dropped on a stage header its owner and sends it back to the rail', () => {
    const start = new Map([['ada', { x: 0, y: LAYOUT.railY }]]);
    const plan = drop({
      start,
      moved: new Map([['ada', { x: 380, y: 20 }]]),
      dropped: [{ id: 'ada', box: box(380, 20, 170, 48) }],
    });
    expect(plan.steps).toEqual([
      { op: 'move', moves: [{ id: 'ada', x: 380, y: 20 }] },
      { op: 'assignOwner', stageId: 'buy', ownerId: 'ada' },
      { op: 'move', moves: [{ id: 'ada', x: 0, y: LAYOUT.railY }] },
    ]);
  });

  it('does not assign an owner dropped below the headers or between columns', () => {
    expect(drop({ dropped: [{ id: 'ada', box: box(380, 200, 170, 48) }] }).steps).toEqual([]);
    // centre at x = 307: in the gap between the columns
    expect(drop({ dropped: [{ id: 'ada', box: box(222, 20, 170, 48) }] }).steps).toEqual([]);
  });

  it('ignores a dropped node a peer removed meanwhile', () => {
    expect(drop({ dropped: [{ id: 'gone', box: box(400, 130) }] })).toEqual({ steps: [], snapBack: false });
  });
});
