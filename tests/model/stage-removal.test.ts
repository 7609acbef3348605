// Deleting a stage that holds touchpoints: they move to a neighbouring stage or go with it, counted
// first; either way one transaction, and one undo brings everything back.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  LOCAL_USER,
  addComment,
  addStage,
  addTouchpoint,
  attachMedia,
  connect,
  readEdges,
  readMedia,
  readMetrics,
  removeStage,
  roots,
  rootMaps,
  setMetricValue,
  stageRemovalSummary,
  stagesInOrder,
  touchpointsByStage,
  type MediaRef,
} from './model';
import { expectOneTransaction, expectRejected, journeyJSON, newDoc } from './helpers';

const PHOTO: MediaRef = { id: 'a'.repeat(64), name: 'receipt.png', mime: 'image/png', size: 10, kind: 'image' };

/** One person's undo, over every root of the doc (as the app's per-person undo is). */
function undoOf(doc: Y.Doc): Y.UndoManager {
  const { meta, stageOrder, nodes, edges, metricDefs, comments } = roots(doc);
  return new Y.UndoManager([meta, stageOrder, nodes, edges, metricDefs, comments], {
    trackedOrigins: new Set([LOCAL_USER]),
  });
}

function note(doc: Y.Doc, id: string, text: string): void {
  const paragraph = new Y.XmlElement('paragraph');
  const run = new Y.XmlText();
  paragraph.insert(0, [run]);
  (rootMaps(doc).nodes.get(id)?.get('notes') as Y.XmlFragment).insert(0, [paragraph]);
  run.insert(0, text);
}

/** Three stages; "Compare" holds two cards with a note, metrics, a photo and a comment, on the path. */
function journey(): Y.Doc {
  const doc = newDoc(1);
  addStage(doc, { label: 'Research', id: 'research' });
  addStage(doc, { label: 'Compare', id: 'compare' });
  addStage(doc, { label: 'Buy', id: 'buy' });
  addTouchpoint(doc, { stageId: 'research', label: 'Reads reviews', id: 'reviews', x: 20, y: 110 });
  addTouchpoint(doc, { stageId: 'compare', label: 'Compares prices', id: 'prices', x: 20, y: 110 });
  addTouchpoint(doc, { stageId: 'compare', label: 'Asks a friend', id: 'friend', x: 20, y: 240 });
  addTouchpoint(doc, { stageId: 'buy', label: 'Checks out', id: 'checkout', x: 20, y: 110 });
  connect(doc, { source: 'reviews', target: 'prices' });
  connect(doc, { source: 'prices', target: 'friend' });
  connect(doc, { source: 'friend', target: 'checkout' });
  note(doc, 'prices', 'Three tabs open, one per shop');
  setMetricValue(doc, { nodeId: 'prices', key: 'csat', value: 3.5, source: 'manual' });
  setMetricValue(doc, { nodeId: 'friend', key: 'csat', value: 4, source: 'manual' });
  setMetricValue(doc, { nodeId: 'friend', key: 'dropoff', value: 12, source: 'manual' });
  attachMedia(doc, 'friend', PHOTO);
  addComment(doc, { nodeId: 'prices', text: 'Is this still true?', author: 'Giulia', authorId: 'g' });
  return doc;
}

describe('stageRemovalSummary', () => {
  it('counts what goes with the stage and names its neighbours', () => {
    const doc = journey();
    expect(stageRemovalSummary(doc, 'compare')).toEqual({
      touchpoints: ['prices', 'friend'],
      notes: 1,
      metrics: 3,
      media: 1,
      comments: 1,
      previous: 'research',
      next: 'buy',
    });
    expect(stageRemovalSummary(doc, 'research')).toMatchObject({
      touchpoints: ['reviews'],
      previous: null,
      next: 'compare',
    });
    expect(stageRemovalSummary(doc, 'buy')).toMatchObject({ previous: 'compare', next: null });
  });
});

describe('removeStage', () => {
  it('moves the touchpoints to a neighbouring stage under its cards, with their edges and content', () => {
    const doc = journey();
    expectOneTransaction(doc, () => removeStage(doc, 'compare', { action: 'move', toStageId: 'research' }));
    expect(stagesInOrder(doc).map((stage) => stage.id)).toEqual(['research', 'buy']);
    const research = touchpointsByStage(doc).get('research') ?? [];
    expect(research.map((tp) => tp.id)).toEqual(['reviews', 'prices', 'friend']);
    // below the card already there, keeping their spacing (130 apart)
    const [reviews, prices, friend] = research;
    expect(prices!.y).toBeGreaterThanOrEqual(reviews!.y + reviews!.h);
    expect(friend!.y - prices!.y).toBe(130);
    expect(readEdges(doc)).toHaveLength(3);
    expect(readMedia(doc, 'friend')).toEqual([PHOTO]);
    expect(Object.keys(readMetrics(doc, 'friend'))).toEqual(['csat', 'dropoff']);
  });

  it('deletes the touchpoints with the stage, and one undo restores all of it', () => {
    const doc = journey();
    const before = journeyJSON(doc);
    const undo = undoOf(doc);
    expectOneTransaction(doc, () => removeStage(doc, 'compare', { action: 'delete' }));
    expect(stagesInOrder(doc).map((stage) => stage.id)).toEqual(['research', 'buy']);
    expect(
      [...touchpointsByStage(doc).values()]
        .flat()
        .map((tp) => tp.id)
        .sort(),
    ).toEqual(['checkout', 'reviews']);
    expect(readEdges(doc)).toHaveLength(0);
    undo.undo();
    expect(journeyJSON(doc)).toBe(before);
    expect(readMedia(doc, 'friend')).toEqual([PHOTO]);
    expect(stageRemovalSummary(doc, 'compare')).toMatchObject({ notes: 1, metrics: 3, media: 1, comments: 1 });
  });

  it('undoes a move in one step too', () => {
    const doc = journey();
    const before = journeyJSON(doc);
    const undo = undoOf(doc);
    removeStage(doc, 'compare', { action: 'move', toStageId: 'buy' });
    undo.undo();
    expect(journeyJSON(doc)).toBe(before);
  });

  it('refuses a target that is not another stage, and writes nothing', () => {
    const doc = journey();
    expectRejected(doc, () => removeStage(doc, 'compare', { action: 'move', toStageId: 'compare' }), 'invalid-value');
    expectRejected(doc, () => removeStage(doc, 'compare', { action: 'move', toStageId: 'prices' }), 'wrong-kind');
    expectRejected(doc, () => removeStage(doc, 'compare', { action: 'move', toStageId: 'nowhere' }), 'not-found');
    expectRejected(doc, () => removeStage(doc, 'compare', { action: 'explode' } as never), 'invalid-value');
    expectRejected(doc, () => removeStage(doc, 'prices', { action: 'delete' }), 'wrong-kind');
  });
});
