import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addChannel,
  addNote,
  addPersona,
  addStage,
  addTouchpoint,
  readNode,
  rootMaps,
  setEmotion,
  setTouchpointChannel,
  setTouchpointLane,
  setTouchpointList,
  setTouchpointPersonas,
  setTouchpointStage,
} from './model';
import { expectOneTransaction, expectRejected, newDoc } from './helpers';

function setup() {
  const doc = newDoc();
  addStage(doc, { label: 'S1', id: 's1' });
  addStage(doc, { label: 'S2', id: 's2' });
  addChannel(doc, { label: 'Web', type: 'digital', medium: 'web', id: 'web' });
  addPersona(doc, { name: 'Pat', id: 'p1' });
  addPersona(doc, { name: 'Quinn', id: 'p2' });
  addNote(doc, { label: 'n', x: 0, y: 0, id: 'note' });
  return doc;
}

describe('addTouchpoint', () => {
  it('creates a touchpoint with every field and its nested types', () => {
    const doc = setup();
    const id = expectOneTransaction(doc, () =>
      addTouchpoint(doc, {
        stageId: 's1',
        label: ' Read a review ',
        channelId: 'web',
        x: 10,
        y: 20,
        lane: 'back',
        id: 't1',
      }),
    );
    expect(id).toBe('t1');
    expect(readNode(doc, 't1')).toEqual({
      id: 't1',
      kind: 'touchpoint',
      label: 'Read a review',
      x: 10,
      y: 20,
      w: 220,
      h: 96,
      stageId: 's1',
      lane: 'back',
      channelId: 'web',
      personaIds: [],
      needIds: [],
      emotion: 0,
      painPoints: [],
      opportunities: [],
    });
    const m = rootMaps(doc).nodes.get('t1');
    expect(m?.get('notes')).toBeInstanceOf(Y.XmlFragment);
    expect(m?.get('media')).toBeInstanceOf(Y.Array);
    expect(m?.get('metrics')).toBeInstanceOf(Y.Map);
    expect(m?.get('personaIds')).toBeInstanceOf(Y.Array);
  });

  it("defaults: front lane, no channel, stacked under the stage's touchpoints; stageId may be null", () => {
    const doc = setup();
    addTouchpoint(doc, { stageId: 's1', label: 'a', id: 'a' });
    addTouchpoint(doc, { stageId: 's1', label: 'b', id: 'b' });
    addTouchpoint(doc, { stageId: null, label: 'free', id: 'f', x: -500, y: 7 });
    const a = readNode(doc, 'a');
    const b = readNode(doc, 'b');
    expect(a).toMatchObject({ lane: 'front', channelId: null, stageId: 's1' });
    expect(b && a && b.y > a.y).toBe(true);
    expect(readNode(doc, 'f')).toMatchObject({ stageId: null, x: -500, y: 7 });
  });

  it('rejects bad input', () => {
    const doc = setup();
    expectRejected(doc, () => addTouchpoint(doc, { stageId: 'nope', label: 'x' }), 'not-found');
    expectRejected(doc, () => addTouchpoint(doc, { stageId: 'web', label: 'x' }), 'wrong-kind');
    expectRejected(doc, () => addTouchpoint(doc, { stageId: 's1', label: 'x', channelId: 's2' }), 'wrong-kind');
    expectRejected(doc, () => addTouchpoint(doc, { stageId: 's1', label: ' ' }), 'invalid-label');
    expectRejected(doc, () => addTouchpoint(doc, { stageId: 's1', label: 'x', x: 2e6 }), 'invalid-value');
    expectRejected(doc, () => addTouchpoint(doc, { stageId: 's1', label: 'x', y: Infinity }), 'invalid-value');
    expectRejected(
      doc,
      () => addTouchpoint(doc, { stageId: 's1', label: 'x', lane: 'side' as 'front' }),
      'invalid-value',
    );
    expectRejected(doc, () => addTouchpoint(doc, { stageId: 's1', label: 'x', id: 's2' }), 'duplicate');
  });
});

describe('touchpoint setters', () => {
  it('setTouchpointStage moves between stages and writes the new position in the same transaction', () => {
    const doc = setup();
    addTouchpoint(doc, { stageId: 's1', label: 't', id: 't', x: 5, y: 6 });
    expectOneTransaction(doc, () => setTouchpointStage(doc, 't', 's2', { x: 1, y: 2 }));
    expect(readNode(doc, 't')).toMatchObject({ stageId: 's2', x: 1, y: 2 });
    setTouchpointStage(doc, 't', null);
    expect(readNode(doc, 't')).toMatchObject({ stageId: null, x: 1, y: 2 });
    expectRejected(doc, () => setTouchpointStage(doc, 't', 'web'), 'wrong-kind');
    expectRejected(doc, () => setTouchpointStage(doc, 't', 's1', { x: Number.NaN, y: 0 }), 'invalid-value');
    expectRejected(doc, () => setTouchpointStage(doc, 's1', 's2'), 'wrong-kind');
  });

  it('setTouchpointChannel and setTouchpointLane', () => {
    const doc = setup();
    addTouchpoint(doc, { stageId: 's1', label: 't', id: 't' });
    expectOneTransaction(doc, () => setTouchpointChannel(doc, 't', 'web'));
    expect(readNode(doc, 't')).toMatchObject({ channelId: 'web' });
    setTouchpointChannel(doc, 't', null);
    expect(readNode(doc, 't')).toMatchObject({ channelId: null });
    expectOneTransaction(doc, () => setTouchpointLane(doc, 't', 'back'));
    expect(readNode(doc, 't')).toMatchObject({ lane: 'back' });
    expectRejected(doc, () => setTouchpointChannel(doc, 't', 'p1'), 'wrong-kind');
    expectRejected(doc, () => setTouchpointChannel(doc, 't', ''), 'invalid-id');
    expectRejected(doc, () => setTouchpointLane(doc, 't', 'x' as 'front'), 'invalid-value');
  });

  it('setTouchpointPersonas makes the set exact, keeping existing entries', () => {
    const doc = setup();
    addTouchpoint(doc, { stageId: 's1', label: 't', id: 't' });
    expectOneTransaction(doc, () => setTouchpointPersonas(doc, 't', ['p1', 'p2', 'p1']));
    expect(readNode(doc, 't')).toMatchObject({ personaIds: ['p1', 'p2'] });
    setTouchpointPersonas(doc, 't', ['p2']);
    expect(readNode(doc, 't')).toMatchObject({ personaIds: ['p2'] });
    setTouchpointPersonas(doc, 't', []);
    expect(readNode(doc, 't')).toMatchObject({ personaIds: [] });
    expectRejected(doc, () => setTouchpointPersonas(doc, 't', ['p1', 'note']), 'wrong-kind');
    expectRejected(doc, () => setTouchpointPersonas(doc, 't', ['ghost']), 'not-found');
  });

  it('setEmotion takes integers −2..2', () => {
    const doc = setup();
    addTouchpoint(doc, { stageId: 's1', label: 't', id: 't' });
    expectOneTransaction(doc, () => setEmotion(doc, 't', -2));
    expect(readNode(doc, 't')).toMatchObject({ emotion: -2 });
    setEmotion(doc, 't', 2);
    expect(readNode(doc, 't')).toMatchObject({ emotion: 2 });
    expectRejected(doc, () => setEmotion(doc, 't', 3), 'invalid-value');
    expectRejected(doc, () => setEmotion(doc, 't', 0.5), 'invalid-value');
    expectRejected(doc, () => setEmotion(doc, 'note', 0), 'wrong-kind');
  });

  it('setTouchpointList replaces pain points or opportunities', () => {
    const doc = setup();
    addTouchpoint(doc, { stageId: 's1', label: 't', id: 't' });
    expectOneTransaction(doc, () => setTouchpointList(doc, 't', 'painPoints', [' slow ', 'ugly']));
    setTouchpointList(doc, 't', 'opportunities', ['faster']);
    expect(readNode(doc, 't')).toMatchObject({ painPoints: ['slow', 'ugly'], opportunities: ['faster'] });
    setTouchpointList(doc, 't', 'painPoints', ['slow', 'very ugly', 'loud']);
    expect(readNode(doc, 't')).toMatchObject({ painPoints: ['slow', 'very ugly', 'loud'] });
    setTouchpointList(doc, 't', 'painPoints', []);
    expect(readNode(doc, 't')).toMatchObject({ painPoints: [] });
    expectRejected(doc, () => setTouchpointList(doc, 't', 'painPoints', ['  ']), 'invalid-value');
    expectRejected(doc, () => setTouchpointList(doc, 't', 'painPoints', ['x'.repeat(501)]), 'invalid-value');
    expectRejected(doc, () => setTouchpointList(doc, 't', 'notes' as 'painPoints', ['a']), 'invalid-value');
  });

  it('concurrent edits of different list items both survive (minimal diff)', () => {
    const a = setup();
    addTouchpoint(a, { stageId: 's1', label: 't', id: 't' });
    setTouchpointList(a, 't', 'painPoints', ['one', 'two', 'three']);
    const b = newDoc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    setTouchpointList(a, 't', 'painPoints', ['ONE', 'two', 'three']);
    setTouchpointList(b, 't', 'painPoints', ['one', 'two', 'THREE']);
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expect(readNode(a, 't')).toMatchObject({ painPoints: ['ONE', 'two', 'THREE'] });
    expect(readNode(b, 't')).toEqual(readNode(a, 't'));
  });
});
