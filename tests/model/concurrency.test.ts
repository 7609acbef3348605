// Two or three users editing the same map at once, each in an in-memory Y.Doc, exchanging updates.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addPersona,
  addStage,
  addTouchpoint,
  connect,
  moveStage,
  readEdges,
  readNode,
  readStageOrder,
  removeNode,
  setTouchpointPersonas,
  touchpointsByStage,
  validateJourney,
} from './model';
import { expectConverged, newDoc, settle, syncAll } from './helpers';

/** `n` peers that all start from the same journey. */
function peers(n: number, seed: (doc: Y.Doc) => void): Y.Doc[] {
  const docs = Array.from({ length: n }, (_, i) => newDoc(i + 1));
  const [first] = docs;
  if (first) seed(first);
  syncAll(docs);
  return docs;
}

const threeStages = (doc: Y.Doc) => {
  for (const id of ['s1', 's2', 's3']) addStage(doc, { label: id, id });
};

describe('concurrent edits', () => {
  it('two users add touchpoints to the same stage: both survive', () => {
    const [a, b] = peers(2, threeStages) as [Y.Doc, Y.Doc];
    addTouchpoint(a, { stageId: 's2', label: 'from A', id: 'ta' });
    addTouchpoint(b, { stageId: 's2', label: 'from B', id: 'tb' });
    expect(settle([a, b])).toBe(0);
    expect(
      touchpointsByStage(a)
        .get('s2')
        ?.map((t) => t.id)
        .sort(),
    ).toEqual(['ta', 'tb']);
    expectConverged([a, b]);
  });

  it('A removes a stage while B adds a touchpoint to it: the touchpoint goes to a surviving stage, counted there', () => {
    const [a, b] = peers(2, threeStages) as [Y.Doc, Y.Doc];
    removeNode(a, 's2');
    addTouchpoint(b, { stageId: 's2', label: 'orphan', id: 't', x: 5, y: 6 });
    syncAll([a, b]);
    expect(validateJourney(a).map((i) => i.code)).toEqual(['dangling-stage']);
    expect(settle([a, b])).toBe(1);
    // no path to follow: the map's first stage (before, it had no stage and was drawn in another's column)
    expect(readNode(a, 't')).toMatchObject({ stageId: 's1', x: 5, y: 6 });
    expect(
      touchpointsByStage(a)
        .get('s1')
        ?.map((t) => t.id),
    ).toEqual(['t']);
    expect(readStageOrder(a)).toEqual(['s1', 's3']);
    expectConverged([a, b]);
  });

  it('a card whose stage vanished follows its path: the stage of the card it comes from, the same on every peer', () => {
    const [a, b] = peers(2, threeStages) as [Y.Doc, Y.Doc];
    addTouchpoint(a, { stageId: 's3', label: 'before', id: 'before' });
    syncAll([a, b]);
    removeNode(a, 's2');
    addTouchpoint(b, { stageId: 's2', label: 'orphan', id: 't' });
    connect(b, { source: 'before', target: 't' });
    expect(settle([a, b])).toBe(1);
    expect(readNode(a, 't')).toMatchObject({ stageId: 's3' });
    expect(readNode(b, 't')).toMatchObject({ stageId: 's3' });
    expectConverged([a, b]);
  });

  it('two users reorder stages concurrently, the same stage to different places', () => {
    const [a, b] = peers(2, (doc) => {
      for (const id of ['s1', 's2', 's3', 's4']) addStage(doc, { label: id, id });
    }) as [Y.Doc, Y.Doc];
    moveStage(a, 's1', 3);
    moveStage(a, 's4', 0);
    moveStage(b, 's1', 1);
    moveStage(b, 's3', 0);
    syncAll([a, b]);
    expect(readStageOrder(a).filter((s) => s === 's1')).toHaveLength(2); // both moves inserted it
    settle([a, b]);
    expectConverged([a, b]);
    const order = readStageOrder(a);
    expect([...order].sort()).toEqual(['s1', 's2', 's3', 's4']);
  });

  it('three users move the same stage: it ends up exactly once, the same everywhere', () => {
    const docs = peers(3, threeStages);
    docs.forEach((d, i) => moveStage(d, 's2', i === 0 ? 0 : i === 1 ? 2 : 1));
    settle(docs);
    expectConverged(docs);
    expect([...readStageOrder(docs[0] as Y.Doc)].sort()).toEqual(['s1', 's2', 's3']);
  });

  it('A removes a persona while B assigns it; A removes a touchpoint while B connects to it', () => {
    const [a, b] = peers(2, (doc) => {
      threeStages(doc);
      addPersona(doc, { name: 'Pat', id: 'pat' });
      addPersona(doc, { name: 'Quinn', id: 'quinn' });
      addTouchpoint(doc, { stageId: 's1', label: 't1', id: 't1' });
      addTouchpoint(doc, { stageId: 's1', label: 't2', id: 't2' });
    }) as [Y.Doc, Y.Doc];
    removeNode(a, 'pat');
    removeNode(a, 't2');
    setTouchpointPersonas(b, 't1', ['pat', 'quinn']);
    connect(b, { source: 't1', target: 't2', id: 'e' });
    settle([a, b]);
    expectConverged([a, b]);
    expect(readNode(a, 't1')).toMatchObject({ personaIds: ['quinn'] });
    expect(readEdges(a)).toEqual([]);
  });

  it('two users connect the same pair: one edge stays (smallest id)', () => {
    const [a, b] = peers(2, (doc) => {
      threeStages(doc);
      addTouchpoint(doc, { stageId: 's1', label: 't1', id: 't1' });
      addTouchpoint(doc, { stageId: 's1', label: 't2', id: 't2' });
    }) as [Y.Doc, Y.Doc];
    connect(a, { source: 't1', target: 't2', id: 'eB' });
    connect(b, { source: 't1', target: 't2', id: 'eA' });
    settle([a, b]);
    expectConverged([a, b]);
    expect(readEdges(a).map((e) => e.id)).toEqual(['eA']);
  });
});
