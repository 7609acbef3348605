import { describe, expect, it } from 'vitest';
import {
  addComment,
  addOwner,
  addStage,
  addTouchpoint,
  assignStageOwner,
  moveStage,
  ownerWorkload,
  rootMaps,
  setCommentResolved,
  stagesOwnedBy,
  unownedStages,
} from './model';
import { newDoc } from './helpers';

function setup() {
  const doc = newDoc();
  addOwner(doc, { name: 'Ann', id: 'ann' });
  addOwner(doc, { name: 'Bob', id: 'bob' });
  for (const s of ['s1', 's2', 's3', 's4']) addStage(doc, { label: s, id: s });
  assignStageOwner(doc, 's1', 'ann');
  assignStageOwner(doc, 's3', 'ann');
  assignStageOwner(doc, 's2', 'bob');
  addTouchpoint(doc, { stageId: 's1', label: 'a', id: 'a' });
  addTouchpoint(doc, { stageId: 's1', label: 'b', id: 'b', lane: 'back' });
  addTouchpoint(doc, { stageId: 's3', label: 'c', id: 'c' });
  addTouchpoint(doc, { stageId: 's2', label: 'd', id: 'd' });
  addTouchpoint(doc, { stageId: null, label: 'free', id: 'f' });
  return doc;
}

const who = { author: 'Ann', authorId: 'u1' };

describe('owner queries', () => {
  it('lists the stages an owner answers for, in stage order', () => {
    const doc = setup();
    expect(stagesOwnedBy(doc, 'ann').map((s) => s.id)).toEqual(['s1', 's3']);
    moveStage(doc, 's3', 0);
    expect(stagesOwnedBy(doc, 'ann').map((s) => s.id)).toEqual(['s3', 's1']);
    expect(stagesOwnedBy(doc, 'nobody')).toEqual([]);
  });

  it('lists unowned stages, counting a dangling owner as none', () => {
    const doc = setup();
    expect(unownedStages(doc).map((s) => s.id)).toEqual(['s4']);
    rootMaps(doc).nodes.get('s2')?.set('ownerId', 'ghost'); // as a merge with a removal can leave it
    expect(unownedStages(doc).map((s) => s.id)).toEqual(['s2', 's4']);
  });

  it('sums stages, touchpoints and open comments of the owned stages', () => {
    const doc = setup();
    addComment(doc, { ...who, nodeId: 's1', text: 'on the stage' });
    addComment(doc, { ...who, nodeId: 'a', text: 'on a touchpoint' });
    const done = addComment(doc, { ...who, nodeId: 'c', text: 'resolved' });
    setCommentResolved(doc, 'c', done, true);
    addComment(doc, { ...who, nodeId: 'd', text: "bob's" });
    addComment(doc, { ...who, nodeId: 'f', text: 'unassigned' });
    expect(ownerWorkload(doc, 'ann')).toEqual({ stages: 2, touchpoints: 3, openComments: 2 });
    expect(ownerWorkload(doc, 'bob')).toEqual({ stages: 1, touchpoints: 1, openComments: 1 });
    expect(ownerWorkload(doc, 'nobody')).toEqual({ stages: 0, touchpoints: 0, openComments: 0 });
  });
});
