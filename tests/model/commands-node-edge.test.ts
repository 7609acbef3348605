import { describe, expect, it } from 'vitest';
import {
  STAGE_LAYOUT,
  addChannel,
  addOwner,
  addPersona,
  addStage,
  addTouchpoint,
  assignStageOwner,
  connect,
  moveNode,
  moveNodes,
  readEdges,
  readNode,
  readNodes,
  readStageOrder,
  removeEdge,
  removeNode,
  removeNodes,
  resizeNode,
  rootMaps,
  setEdgeLabel,
  setLabel,
  setTouchpointPersonas,
  stageColumns,
  validateJourney,
} from './model';
import { expectOneTransaction, expectRejected, newDoc } from './helpers';

function setup() {
  const doc = newDoc();
  addStage(doc, { label: 'S1', id: 's1', w: 300 });
  addStage(doc, { label: 'S2', id: 's2', w: 250 });
  addChannel(doc, { label: 'Web', type: 'digital', medium: 'web', id: 'web' });
  addOwner(doc, { name: 'Ann', id: 'ann' });
  addPersona(doc, { name: 'Pat', id: 'pat' });
  addPersona(doc, { name: 'Quinn', id: 'quinn' });
  addTouchpoint(doc, { stageId: 's1', label: 'a', id: 'a', channelId: 'web', x: 10, y: 100 });
  addTouchpoint(doc, { stageId: 's2', label: 'b', id: 'b', channelId: 'web', x: 20, y: 100 });
  addTouchpoint(doc, { stageId: null, label: 'c', id: 'c', x: 900, y: 50 });
  assignStageOwner(doc, 's1', 'ann');
  assignStageOwner(doc, 's2', 'ann');
  setTouchpointPersonas(doc, 'a', ['pat', 'quinn']);
  connect(doc, { source: 'a', target: 'b', id: 'e1' });
  connect(doc, { source: 'b', target: 'c', id: 'e2' });
  return doc;
}

describe('setLabel / move / resize', () => {
  it('setLabel renames any node; owners and personas also get the name', () => {
    const doc = setup();
    expectOneTransaction(doc, () => setLabel(doc, 'ann', ' Annie '));
    setLabel(doc, 'pat', 'Patricia');
    setLabel(doc, 's1', 'Need');
    expect(readNode(doc, 'ann')).toMatchObject({ label: 'Annie', name: 'Annie' });
    expect(readNode(doc, 'pat')).toMatchObject({ label: 'Patricia', name: 'Patricia' });
    expect(readNode(doc, 's1')).toMatchObject({ label: 'Need' });
    expectRejected(doc, () => setLabel(doc, 's1', ''), 'invalid-label');
    expectRejected(doc, () => setLabel(doc, 'ghost', 'x'), 'not-found');
  });

  it('moveNodes moves many nodes in one transaction; moveNode moves one', () => {
    const doc = setup();
    expectOneTransaction(
      doc,
      () =>
        moveNodes(
          doc,
          [
            { id: 'a', x: 1, y: 2 },
            { id: 'c', x: -3, y: 4 },
          ],
          { kind: 'local-user', userId: 'u1' },
        ),
      { kind: 'local-user', userId: 'u1' },
    );
    expect(readNode(doc, 'a')).toMatchObject({ x: 1, y: 2 });
    expect(readNode(doc, 'c')).toMatchObject({ x: -3, y: 4 });
    expectOneTransaction(doc, () => moveNode(doc, 'web', { x: 7, y: 8 }));
    expect(readNode(doc, 'web')).toMatchObject({ x: 7, y: 8 });
    expectRejected(
      doc,
      () =>
        moveNodes(doc, [
          { id: 'a', x: 5, y: 5 },
          { id: 'ghost', x: 0, y: 0 },
        ]),
      'not-found',
    );
    expectRejected(doc, () => moveNodes(doc, [{ id: 'a', x: 5, y: Number.NaN }]), 'invalid-value');
    expectRejected(doc, () => moveNode(doc, 'a', { x: 1_000_001, y: 0 }), 'invalid-value');
  });

  it('resizeNode: 20..10000, a stage may have h 0', () => {
    const doc = setup();
    expectOneTransaction(doc, () => resizeNode(doc, 'a', { w: 300, h: 120 }));
    expect(readNode(doc, 'a')).toMatchObject({ w: 300, h: 120 });
    resizeNode(doc, 's1', { w: 500, h: 0 });
    expect(readNode(doc, 's1')).toMatchObject({ w: 500, h: 0 });
    expectRejected(doc, () => resizeNode(doc, 'a', { w: 300, h: 0 }), 'invalid-value');
    expectRejected(doc, () => resizeNode(doc, 'a', { w: 19, h: 100 }), 'invalid-value');
    expectRejected(doc, () => resizeNode(doc, 's1', { w: 10_001, h: 0 }), 'invalid-value');
  });
});

describe('edges', () => {
  it('connect joins two touchpoints once; removeEdge; setEdgeLabel', () => {
    const doc = setup();
    const id = expectOneTransaction(doc, () => connect(doc, { source: 'a', target: 'c', label: ' then ' }));
    expect(readEdges(doc).find((e) => e.id === id)).toEqual({
      id,
      source: 'a',
      target: 'c',
      kind: 'path',
      label: 'then',
    });
    expectOneTransaction(doc, () => setEdgeLabel(doc, id, 'later'));
    expect(readEdges(doc).find((e) => e.id === id)?.label).toBe('later');
    expectOneTransaction(doc, () => removeEdge(doc, id));
    expect(readEdges(doc).map((e) => e.id)).toEqual(['e1', 'e2']);
  });

  it('connect rejects self-loops, duplicates, non-touchpoints and missing nodes', () => {
    const doc = setup();
    expectRejected(doc, () => connect(doc, { source: 'a', target: 'a' }), 'self-loop');
    expectRejected(doc, () => connect(doc, { source: 'a', target: 'b' }), 'duplicate');
    expectRejected(doc, () => connect(doc, { source: 'a', target: 's1' }), 'wrong-kind');
    expectRejected(doc, () => connect(doc, { source: 'ghost', target: 'b' }), 'not-found');
    expectRejected(doc, () => connect(doc, { source: 'c', target: 'a', id: 'e1' }), 'duplicate');
    expectRejected(doc, () => connect(doc, { source: 'c', target: 'a', label: 'x'.repeat(201) }), 'invalid-value');
    expectRejected(doc, () => removeEdge(doc, 'nope'), 'not-found');
    expectRejected(doc, () => setEdgeLabel(doc, 'e1', 'x'.repeat(201)), 'invalid-value');
  });
});

describe('removeNodes', () => {
  it('removing a touchpoint removes its edges', () => {
    const doc = setup();
    expectOneTransaction(doc, () => removeNode(doc, 'b'));
    expect(readNode(doc, 'b')).toBeUndefined();
    expect(readEdges(doc)).toEqual([]);
    expect(validateJourney(doc)).toEqual([]);
  });

  it('removing a stage unassigns its touchpoints at their absolute position and leaves stageOrder', () => {
    const doc = setup();
    const col = stageColumns(doc).find((c) => c.id === 's2');
    expect(col).toMatchObject({ x: 300 + STAGE_LAYOUT.gap, y: 0, w: 250 });
    expectOneTransaction(doc, () => removeNode(doc, 's2'));
    expect(readStageOrder(doc)).toEqual(['s1']);
    expect(readNode(doc, 'b')).toMatchObject({ stageId: null, x: 320 + STAGE_LAYOUT.gap, y: 100 });
    expect(readEdges(doc)).toHaveLength(2);
    expect(validateJourney(doc)).toEqual([]);
  });

  it('removing a channel, owner and persona clears every reference', () => {
    const doc = setup();
    rootMaps(doc).comments.set('ann', 'thread');
    expectOneTransaction(doc, () => removeNodes(doc, ['web', 'ann', 'pat', 'web']));
    expect(readNode(doc, 'a')).toMatchObject({ channelId: null, personaIds: ['quinn'] });
    expect(readNode(doc, 'b')).toMatchObject({ channelId: null });
    expect(readNode(doc, 's1')).toMatchObject({ ownerId: null });
    expect(readNode(doc, 's2')).toMatchObject({ ownerId: null });
    expect(rootMaps(doc).comments.has('ann')).toBe(false);
    expect(readNodes(doc).map((n) => n.id)).toEqual(['a', 'b', 'c', 'quinn', 's1', 's2']);
    expect(validateJourney(doc)).toEqual([]);
  });

  it('removes everything at once and rejects unknown ids without writing', () => {
    const doc = setup();
    expectRejected(doc, () => removeNodes(doc, ['a', 'ghost']), 'not-found');
    expectRejected(doc, () => removeNodes(doc, ['bad id']), 'invalid-id');
    removeNodes(
      doc,
      readNodes(doc).map((n) => n.id),
    );
    expect(readNodes(doc)).toEqual([]);
    expect(readEdges(doc)).toEqual([]);
    expect(readStageOrder(doc)).toEqual([]);
  });
});
