import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  SCHEMA_VERSION,
  addChannel,
  addOwner,
  addPersona,
  addStage,
  addTouchpoint,
  assignStageOwner,
  connect,
  readEdges,
  readNode,
  readNodes,
  readStageOrder,
  repairJourney,
  rootMaps,
  setTouchpointPersonas,
  validateJourney,
} from './model';
import { newDoc, transactionsOf } from './helpers';

/** A valid journey, then raw writes that break every invariant (as a bad merge could). */
function broken() {
  const doc = newDoc();
  for (const id of ['s1', 's2', 's3']) addStage(doc, { label: id, id });
  addChannel(doc, { label: 'Web', type: 'digital', medium: 'web', id: 'web' });
  addOwner(doc, { name: 'Ann', id: 'ann' });
  addPersona(doc, { name: 'Pat', id: 'pat' });
  addTouchpoint(doc, { stageId: 's1', label: 't1', id: 't1', channelId: 'web' });
  addTouchpoint(doc, { stageId: 's2', label: 't2', id: 't2' });
  assignStageOwner(doc, 's1', 'ann');
  setTouchpointPersonas(doc, 't1', ['pat']);
  connect(doc, { source: 't1', target: 't2', id: 'e1' });
  expect(validateJourney(doc)).toEqual([]);
  const { nodes, edges } = rootMaps(doc);
  doc.transact(() => {
    const t1 = nodes.get('t1');
    const t2 = nodes.get('t2');
    const s1 = nodes.get('s1');
    t1?.set('stageId', 'gone-stage');
    t1?.set('channelId', 'ann');
    (t1?.get('personaIds') as Y.Array<string>).push(['ghost', 'pat', 'pat']);
    t1?.set('emotion', 7);
    t2?.set('lane', 'sideways');
    s1?.set('ownerId', 'nobody');
    nodes.get('web')?.set('medium', 'fax');
    const dup = new Y.Map<unknown>();
    edges.set('e0', dup); // same pair as e1, smaller id: e0 wins
    dup.set('source', 't1');
    dup.set('target', 't2');
    const dangling = new Y.Map<unknown>();
    edges.set('e2', dangling);
    dangling.set('source', 't1');
    dangling.set('target', 'gone');
    const loop = new Y.Map<unknown>();
    edges.set('e3', loop);
    loop.set('source', 't2');
    loop.set('target', 't2');
    const weird = new Y.Map<unknown>();
    nodes.set('w', weird);
    weird.set('kind', 'spaceship');
    const order = doc.getArray<string>('stageOrder');
    order.delete(0, order.length);
    order.push(['s2', 'w', 's2', 'ghost', 's1']); // s3 missing
  });
  return doc;
}

describe('validateJourney / repairJourney', () => {
  it('reports every broken invariant', () => {
    const codes = validateJourney(broken())
      .map((i) => `${i.code}:${i.nodeId ?? ''}`)
      .sort();
    expect(codes).toEqual([
      'dangling-channel:t1',
      'dangling-edge:',
      'dangling-owner:s1',
      'dangling-persona:t1',
      'dangling-stage:t1',
      'duplicate-edge:',
      'duplicate-persona:t1',
      'duplicate-persona:t1',
      'invalid-value:t1',
      'invalid-value:t2',
      'invalid-value:web',
      'self-loop:',
      'stage-order-duplicate:s2',
      'stage-order-missing:s3',
      'stage-order-stray:ghost',
      'stage-order-stray:w',
    ]);
  });

  it('repairs in one transaction with the repair origin, then is valid', () => {
    const doc = broken();
    let changed = false;
    const origins = transactionsOf(doc, () => {
      changed = repairJourney(doc);
    });
    expect(changed).toBe(true);
    expect(origins).toEqual([{ kind: 'repair' }]);
    expect(validateJourney(doc)).toEqual([]);
    // its stage is gone: the map's first stage (nearestSurvivingStage), never none
    expect(readNode(doc, 't1')).toMatchObject({ stageId: 's2', channelId: null, personaIds: ['pat'], emotion: 2 });
    expect(readNode(doc, 't2')).toMatchObject({ lane: 'front', stageId: 's2' });
    expect(readNode(doc, 's1')).toMatchObject({ ownerId: null });
    expect(readNode(doc, 'web')).toMatchObject({ medium: 'other' });
    expect(readNode(doc, 'w')).toBeUndefined(); // hidden from views…
    expect(rootMaps(doc).nodes.get('w')?.get('kind')).toBe('spaceship'); // …but kept: a newer build may know it
    expect(readEdges(doc).map((e) => e.id)).toEqual(['e0']);
    expect(readStageOrder(doc)).toEqual(['s2', 's1', 's3']);
  });

  it('does not transact when nothing is wrong (also on a fresh doc)', () => {
    const fresh = newDoc();
    const valid = newDoc();
    addStage(valid, { label: 's', id: 's' });
    for (const doc of [fresh, valid]) {
      const origins = transactionsOf(doc, () => expect(repairJourney(doc)).toBe(false));
      expect(origins).toEqual([]);
    }
  });

  it('two peers repairing the same state write the same result', () => {
    const a = broken();
    const b = newDoc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expect(repairJourney(a)).toBe(true);
    expect(repairJourney(b)).toBe(true);
    expect(readNodes(a)).toEqual(readNodes(b));
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    // Identical writes merge into one, except the append of the missing stage s3: both peers
    // inserted it, so it is there twice — and the next repair (the same on both) keeps the first.
    expect(validateJourney(a).map((i) => i.code)).toEqual(['stage-order-duplicate']);
    expect(repairJourney(a)).toBe(true);
    expect(repairJourney(b)).toBe(true);
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expect(validateJourney(a)).toEqual([]);
    expect(a.toJSON()).toEqual(b.toJSON());
    expect(readStageOrder(a)).toEqual(['s2', 's1', 's3']);
  });

  it('leaves a document of a newer schema alone', () => {
    const doc = broken();
    doc.transact(() => rootMaps(doc).meta.set('schemaVersion', SCHEMA_VERSION + 1));
    expect(transactionsOf(doc, () => expect(repairJourney(doc)).toBe(false))).toEqual([]);
    expect(validateJourney(doc).length).toBeGreaterThan(0);
  });
});
