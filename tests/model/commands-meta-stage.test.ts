import { describe, expect, it } from 'vitest';
import {
  SCHEMA_VERSION,
  STAGE_COLORS,
  addOwner,
  addStage,
  assignStageOwner,
  initJourney,
  moveStage,
  readMeta,
  readNode,
  roots,
  setJourneyMeta,
  setStageColor,
  setStageGoal,
  stagesInOrder,
} from './model';
import { expectOneTransaction, expectRejected, newDoc } from './helpers';

const order = (doc: ReturnType<typeof newDoc>) => roots(doc).stageOrder.toArray();

describe('initJourney / setJourneyMeta', () => {
  it('sets meta once, then only updates title and goal', () => {
    const doc = newDoc();
    expectOneTransaction(doc, () =>
      initJourney(doc, { title: '  Buy a bike ', goal: 'own a bike', templateId: 'retail' }),
    );
    const m = readMeta(doc);
    expect(m).toMatchObject({
      title: 'Buy a bike',
      goal: 'own a bike',
      description: '',
      schemaVersion: SCHEMA_VERSION,
      templateId: 'retail',
    });
    expect(new Date(m.createdAt).toISOString()).toBe(m.createdAt);
    initJourney(doc, { title: 'Again', description: 'ignored', templateId: 'other' });
    expect(readMeta(doc)).toEqual({ ...m, title: 'Again' });
  });

  it('rejects bad input without touching the doc', () => {
    const doc = newDoc();
    initJourney(doc, { title: 'T' });
    expectRejected(doc, () => initJourney(doc, { title: '   ' }), 'invalid-label');
    expectRejected(doc, () => setJourneyMeta(doc, { title: 'x'.repeat(201) }), 'invalid-label');
    expectRejected(doc, () => setJourneyMeta(doc, { goal: 'g'.repeat(2001) }), 'invalid-value');
  });

  it('patches only the given fields in one transaction', () => {
    const doc = newDoc();
    initJourney(doc, { title: 'T', goal: 'G' });
    expectOneTransaction(doc, () => setJourneyMeta(doc, { description: ' d ' }, { kind: 'import' }), {
      kind: 'import',
    });
    expect(readMeta(doc)).toMatchObject({ title: 'T', goal: 'G', description: 'd' });
  });
});

describe('stages', () => {
  it('addStage appends with a palette colour, or inserts at a clamped index', () => {
    const doc = newDoc();
    const a = expectOneTransaction(doc, () => addStage(doc, { label: 'Need', id: 'a' }));
    expect(a).toBe('a');
    addStage(doc, { label: 'Buy', id: 'c', color: '#AABBCC', goal: 'pay', w: 400 });
    addStage(doc, { label: 'Compare', id: 'b', index: 1 });
    addStage(doc, { label: 'First', id: 'z', index: -5 });
    addStage(doc, { label: 'Last', id: 'y', index: 99 });
    expect(order(doc)).toEqual(['z', 'a', 'b', 'c', 'y']);
    expect(readNode(doc, 'a')).toMatchObject({
      kind: 'stage',
      label: 'Need',
      color: STAGE_COLORS[0],
      ownerId: null,
      goal: '',
      w: 300,
      h: 0,
    });
    expect(readNode(doc, 'c')).toMatchObject({ color: '#aabbcc', goal: 'pay', w: 400 });
    expect(readNode(doc, 'b')).toMatchObject({ color: STAGE_COLORS[2] });
    expect(addStage(doc, { label: 'Random' })).toMatch(/^[A-Za-z0-9_-]{16}$/);
  });

  it('addStage rejects bad input', () => {
    const doc = newDoc();
    addStage(doc, { label: 'A', id: 'a' });
    expectRejected(doc, () => addStage(doc, { label: '' }), 'invalid-label');
    expectRejected(doc, () => addStage(doc, { label: 'B', id: 'bad id!' }), 'invalid-id');
    expectRejected(doc, () => addStage(doc, { label: 'B', id: 'x'.repeat(65) }), 'invalid-id');
    expectRejected(doc, () => addStage(doc, { label: 'B', id: 'a' }), 'duplicate');
    expectRejected(doc, () => addStage(doc, { label: 'B', color: 'red' }), 'invalid-value');
    expectRejected(doc, () => addStage(doc, { label: 'B', w: 10 }), 'invalid-value');
    expectRejected(doc, () => addStage(doc, { label: 'B', w: Number.NaN }), 'invalid-value');
    expectRejected(doc, () => addStage(doc, { label: 'B', index: 1.5 }), 'invalid-value');
  });

  it('setStageColor / setStageGoal', () => {
    const doc = newDoc();
    addStage(doc, { label: 'A', id: 'a' });
    addOwner(doc, { name: 'Ann', id: 'o' });
    expectOneTransaction(doc, () => setStageColor(doc, 'a', '#123456'));
    expectOneTransaction(doc, () => setStageGoal(doc, 'a', ' find '));
    expect(readNode(doc, 'a')).toMatchObject({ color: '#123456', goal: 'find' });
    expectRejected(doc, () => setStageColor(doc, 'a', '#12345'), 'invalid-value');
    expectRejected(doc, () => setStageColor(doc, 'nope', '#123456'), 'not-found');
    expectRejected(doc, () => setStageColor(doc, 'o', '#123456'), 'wrong-kind');
    expectRejected(doc, () => setStageGoal(doc, 'a', 'g'.repeat(2001)), 'invalid-value');
  });

  it('moveStage reorders, clamping the index into the resulting order', () => {
    const doc = newDoc();
    for (const id of ['a', 'b', 'c', 'd']) addStage(doc, { label: id, id });
    expectOneTransaction(doc, () => moveStage(doc, 'a', 2));
    expect(order(doc)).toEqual(['b', 'c', 'a', 'd']);
    moveStage(doc, 'd', 0);
    expect(order(doc)).toEqual(['d', 'b', 'c', 'a']);
    moveStage(doc, 'b', 100);
    expect(order(doc)).toEqual(['d', 'c', 'a', 'b']);
    moveStage(doc, 'b', -3);
    expect(stagesInOrder(doc).map((s) => s.id)).toEqual(['b', 'd', 'c', 'a']);
    expectOneTransaction(doc, () => moveStage(doc, 'b', 0)); // no-op still one transaction
    expectRejected(doc, () => moveStage(doc, 'zz', 0), 'not-found');
    expectRejected(doc, () => moveStage(doc, 'a', 0.5), 'invalid-value');
  });

  it('assignStageOwner sets and clears the owner', () => {
    const doc = newDoc();
    addStage(doc, { label: 'A', id: 'a' });
    addOwner(doc, { name: 'Ann', id: 'o' });
    expectOneTransaction(doc, () => assignStageOwner(doc, 'a', 'o'));
    expect(readNode(doc, 'a')).toMatchObject({ ownerId: 'o' });
    assignStageOwner(doc, 'a', null);
    expect(readNode(doc, 'a')).toMatchObject({ ownerId: null });
    expectRejected(doc, () => assignStageOwner(doc, 'a', 'a'), 'wrong-kind');
    expectRejected(doc, () => assignStageOwner(doc, 'a', 'ghost'), 'not-found');
    expectRejected(doc, () => assignStageOwner(doc, 'o', null), 'wrong-kind');
  });
});
