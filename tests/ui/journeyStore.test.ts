import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addChannel,
  addStage,
  addTouchpoint,
  connect,
  moveNodes,
  moveStage,
  removeNode,
  setLabel,
  setTouchpointChannel,
  stageColumns,
} from '../../src/model';
import { createJourneyStore } from '../../src/state/journeyStore';
import { LAYOUT } from '../../src/state/layout';

function journey() {
  const doc = new Y.Doc();
  addStage(doc, { label: 'Need', id: 'need' });
  addStage(doc, { label: 'Buy', id: 'buy' });
  addTouchpoint(doc, { stageId: 'need', label: 'Search', id: 'search', x: 10, y: 100 });
  addTouchpoint(doc, { stageId: 'buy', label: 'Checkout', id: 'checkout', x: 10, y: 100 });
  addChannel(doc, { label: 'Web', type: 'digital', medium: 'web', id: 'web', x: 0, y: 500 });
  return doc;
}

describe('doc → view bridge', () => {
  it('derives stage columns in order with touchpoints as their children', () => {
    const doc = journey();
    const store = createJourneyStore(doc);
    const { nodes } = store.getState();
    const need = nodes.find((node) => node.id === 'need');
    const buy = nodes.find((node) => node.id === 'buy');
    expect(need?.position.x).toBe(0);
    expect(buy?.position.x).toBe((need?.width ?? 0) + LAYOUT.stageGap);
    expect(nodes.find((node) => node.id === 'search')).toMatchObject({ parentId: 'need', position: { x: 10, y: 100 } });
    // React Flow needs parents before children
    expect(nodes.findIndex((node) => node.id === 'need')).toBeLessThan(nodes.findIndex((node) => node.id === 'search'));
  });

  it('re-creates only the node a change touched', () => {
    const doc = journey();
    const store = createJourneyStore(doc);
    const before = new Map(store.getState().nodes.map((node) => [node.id, node]));
    setLabel(doc, 'search', 'Search on Google');
    const after = new Map(store.getState().nodes.map((node) => [node.id, node]));
    expect(after.get('search')).not.toBe(before.get('search'));
    for (const id of ['need', 'buy', 'checkout', 'web']) expect(after.get(id)).toBe(before.get(id));
  });

  it('moves columns (and so their touchpoints) when stages are reordered', () => {
    const doc = journey();
    const store = createJourneyStore(doc);
    moveStage(doc, 'buy', 0);
    const { nodes, stages } = store.getState();
    expect(stages.map((stage) => stage.id)).toEqual(['buy', 'need']);
    expect(nodes.find((node) => node.id === 'buy')?.position.x).toBe(0);
    expect(nodes.find((node) => node.id === 'checkout')).toMatchObject({
      parentId: 'buy',
      position: { x: 10, y: 100 },
    });
  });

  it('marks a path step that changes channel as a transition, and drops removed nodes', () => {
    const doc = journey();
    addChannel(doc, { label: 'Phone', type: 'digital', medium: 'phone', id: 'phone', x: 200, y: 500 });
    setTouchpointChannel(doc, 'search', 'web');
    setTouchpointChannel(doc, 'checkout', 'phone');
    connect(doc, { source: 'search', target: 'checkout', id: 'step' });
    const store = createJourneyStore(doc);
    expect(store.getState().edges[0]?.data).toMatchObject({ transition: true, fromChannel: 'web', toChannel: 'phone' });
    removeNode(doc, 'checkout');
    expect(store.getState().edges).toHaveLength(0);
    expect(store.getState().nodes.some((node) => node.id === 'checkout')).toBe(false);
  });

  it('keeps local selection across remote changes', () => {
    const doc = journey();
    const store = createJourneyStore(doc);
    store.applyNodeChanges([{ type: 'select', id: 'search', selected: true }]);
    setLabel(doc, 'search', 'Renamed elsewhere');
    expect(store.getState().nodes.find((node) => node.id === 'search')?.selected).toBe(true);
  });
});

describe('doc → view bridge, unchanged parts', () => {
  it('keeps the edges array when a change touched no edge (a drag frame)', () => {
    const doc = journey();
    addTouchpoint(doc, { stageId: 'need', label: 'Compare', id: 'compare', x: 10, y: 220 });
    connect(doc, { source: 'search', target: 'compare', id: 'step' });
    const store = createJourneyStore(doc);
    const edgesBefore = store.getState().edges;
    moveNodes(doc, [{ id: 'compare', x: 30, y: 240 }]);
    expect(store.getState().edges).toBe(edgesBefore);
  });
});

describe('doc → view bridge, drags', () => {
  const positionOf = (store: ReturnType<typeof createJourneyStore>, id: string) =>
    store.getState().nodes.find((node) => node.id === id)?.position;

  it('keeps a node that is being dragged here under the pointer when the doc changes it', () => {
    const doc = journey();
    const store = createJourneyStore(doc);
    store.applyNodeChanges([{ type: 'position', id: 'search', position: { x: 80, y: 300 }, dragging: true }]);
    setLabel(doc, 'search', 'Renamed elsewhere mid-drag');
    const node = store.getState().nodes.find((n) => n.id === 'search');
    expect(node?.position).toEqual({ x: 80, y: 300 });
    expect(node?.data).toMatchObject({ touchpoint: { label: 'Renamed elsewhere mid-drag' } });
  });

  it("draws another person's drag live without writing the doc, and puts the node back where the doc has it", () => {
    const doc = journey();
    const store = createJourneyStore(doc);
    let updates = 0;
    doc.on('update', () => updates++);
    const before = store.getState();
    store.showLivePositions(new Map([['search', { x: 200, y: 250 }]]));
    expect(positionOf(store, 'search')).toEqual({ x: 200, y: 250 });
    expect(updates).toBe(0);
    // the same positions again: no new state, so nothing re-renders
    const shown = store.getState();
    store.showLivePositions(new Map([['search', { x: 200, y: 250 }]]));
    expect(store.getState()).toBe(shown);
    expect(store.getState().nodes.find((n) => n.id === 'checkout')).toBe(before.nodes.find((n) => n.id === 'checkout'));
    store.restoreDocPositions(['search']);
    expect(positionOf(store, 'search')).toEqual({ x: 10, y: 100 });
  });

  it('leaves a node this person is dragging alone when another person drags it too', () => {
    const doc = journey();
    const store = createJourneyStore(doc);
    store.applyNodeChanges([{ type: 'position', id: 'search', position: { x: 50, y: 120 }, dragging: true }]);
    store.showLivePositions(new Map([['search', { x: 400, y: 400 }]]));
    expect(positionOf(store, 'search')).toEqual({ x: 50, y: 120 });
    store.restoreDocPositions(['search']);
    expect(positionOf(store, 'search')).toEqual({ x: 50, y: 120 });
  });
});

describe('stage columns: one function for the canvas and the model', () => {
  it('draws the columns the model computes, also for a stage order that needs repair', () => {
    const doc = journey();
    addStage(doc, { label: 'Use', id: 'use', w: 420, index: 0 });
    // a stray and a duplicate id in stageOrder, as a merge can leave them before repair
    doc.getArray<string>('stageOrder').push(['nothing', 'need']);
    const store = createJourneyStore(doc);
    const model = stageColumns(doc);
    expect(model.map((column) => column.id)).toEqual(['use', 'need', 'buy']);
    expect(store.getState().columns).toEqual(model);
    for (const column of model) {
      expect(store.getState().nodes.find((node) => node.id === column.id)).toMatchObject({
        position: { x: column.x, y: 0 },
        width: column.w,
      });
    }
  });
});
