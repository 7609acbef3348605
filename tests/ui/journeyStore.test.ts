import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addChannel, addStage, addTouchpoint, connect, moveNodes, moveStage, removeNode, setLabel, setTouchpointChannel } from '../../src/model';
import { createJourneyStore } from '../../src/state/journeyStore';
import { LAYOUT } from '../../src/canvas/layout';

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
    expect(nodes.find((node) => node.id === 'checkout')).toMatchObject({ parentId: 'buy', position: { x: 10, y: 100 } });
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
