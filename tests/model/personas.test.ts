import { describe, expect, it } from 'vitest';
import {
  addNote,
  addPersona,
  addStage,
  addTouchpoint,
  attachMedia,
  comparePersonas,
  connect,
  detachMedia,
  readMedia,
  readNode,
  setEmotion,
  setPersonaPhoto,
  setTouchpointPersonas,
  touchpointsForPersona,
  type MediaRef,
} from './model';
import { expectOneTransaction, expectRejected, newDoc } from './helpers';

const IMG: MediaRef = { id: 'b'.repeat(64), name: 'face.jpg', mime: 'image/jpeg', size: 2048, kind: 'image' };
const PDF: MediaRef = { id: 'c'.repeat(64), name: 'cv.pdf', mime: 'application/pdf', size: 10, kind: 'document' };

describe('setPersonaPhoto', () => {
  it('sets an attached image as the photo, clears it with null', () => {
    const doc = newDoc();
    addPersona(doc, { name: 'Pat', id: 'p' });
    attachMedia(doc, 'p', IMG);
    expectOneTransaction(doc, () => setPersonaPhoto(doc, 'p', IMG.id));
    expect(readNode(doc, 'p')).toMatchObject({ kind: 'persona', photoMediaId: IMG.id });
    expectOneTransaction(doc, () => setPersonaPhoto(doc, 'p', null));
    expect(readNode(doc, 'p')).not.toHaveProperty('photoMediaId');
    expect(readMedia(doc, 'p')).toEqual([IMG]); // the media stays attached
  });

  it('attaches a given MediaRef and makes it the photo in one transaction', () => {
    const doc = newDoc();
    addPersona(doc, { name: 'Pat', id: 'p' });
    expectOneTransaction(doc, () => setPersonaPhoto(doc, 'p', IMG));
    expect(readMedia(doc, 'p')).toEqual([IMG]);
    expect(readNode(doc, 'p')).toMatchObject({ photoMediaId: IMG.id });
  });

  it('clears the photo when its media is detached', () => {
    const doc = newDoc();
    addPersona(doc, { name: 'Pat', id: 'p' });
    setPersonaPhoto(doc, 'p', IMG);
    detachMedia(doc, 'p', IMG.id);
    expect(readNode(doc, 'p')).not.toHaveProperty('photoMediaId');
  });

  it('refuses non-images, unattached ids, bad ids and non-personas', () => {
    const doc = newDoc();
    addPersona(doc, { name: 'Pat', id: 'p' });
    addNote(doc, { label: 'n', x: 0, y: 0, id: 'n' });
    attachMedia(doc, 'p', PDF);
    expectRejected(doc, () => setPersonaPhoto(doc, 'p', PDF.id), 'invalid-value');
    expectRejected(doc, () => setPersonaPhoto(doc, 'p', PDF), 'invalid-value');
    expectRejected(doc, () => setPersonaPhoto(doc, 'p', IMG.id), 'not-found');
    expectRejected(doc, () => setPersonaPhoto(doc, 'p', 'nope'), 'invalid-value');
    expectRejected(doc, () => setPersonaPhoto(doc, 'n', IMG), 'wrong-kind');
    expectRejected(doc, () => setPersonaPhoto(doc, 'ghost', null), 'not-found');
  });
});

/**
 * Two stages. s1: t1 (everyone, +2), t2 (A only, −2), t3 (B only, 0). s2: t4 (A and B, −1),
 * t5 (B only, +1, back lane). s3: t6 (everyone).
 */
function personaMap() {
  const doc = newDoc();
  addPersona(doc, { name: 'A', id: 'pa' });
  addPersona(doc, { name: 'B', id: 'pb' });
  addPersona(doc, { name: 'C', id: 'pc' });
  for (const s of ['s1', 's2', 's3']) addStage(doc, { label: s, id: s });
  const tp = (
    id: string,
    stageId: string,
    y: number,
    emotion: number,
    personas: string[],
    lane: 'front' | 'back' = 'front',
  ) => {
    addTouchpoint(doc, { id, stageId, label: id, x: 20, y, lane });
    setEmotion(doc, id, emotion);
    setTouchpointPersonas(doc, id, personas);
  };
  tp('t1', 's1', 100, 2, []);
  tp('t2', 's1', 212, -2, ['pa']);
  tp('t3', 's1', 324, 0, ['pb', 'pc']);
  tp('t4', 's2', 100, -1, ['pa', 'pb']);
  tp('t5', 's2', 212, 1, ['pb'], 'back');
  tp('t6', 's3', 100, 0, []);
  connect(doc, { source: 't1', target: 't2' });
  return doc;
}

describe('touchpointsForPersona', () => {
  it('takes listed touchpoints and those listing nobody (meant for everyone), in path order', () => {
    const doc = personaMap();
    expect(touchpointsForPersona(doc, 'pa').map((t) => t.id)).toEqual(['t1', 't2', 't4', 't6']);
    expect(touchpointsForPersona(doc, 'pb').map((t) => t.id)).toEqual(['t1', 't3', 't4', 't5', 't6']);
    expect(touchpointsForPersona(doc, 'unknown').map((t) => t.id)).toEqual(['t1', 't6']);
  });
});

describe('comparePersonas', () => {
  it('splits each stage into onlyA / onlyB / both with mean emotions and a difference', () => {
    const doc = personaMap();
    const cmp = comparePersonas(doc, 'pa', 'pb');
    expect(cmp.stages).toEqual([
      // A: t1 (2), t2 (−2) → 0; B: t1 (2), t3 (0) → 1; |0 − 1| + 2 differing
      { stageId: 's1', onlyA: ['t2'], onlyB: ['t3'], both: ['t1'], emotionA: 0, emotionB: 1, difference: 3 },
      // A: t4 (−1); B: t4 (−1), t5 (1) → 0; |−1 − 0| + 1
      { stageId: 's2', onlyA: [], onlyB: ['t5'], both: ['t4'], emotionA: -1, emotionB: 0, difference: 2 },
      { stageId: 's3', onlyA: [], onlyB: [], both: ['t6'], emotionA: 0, emotionB: 0, difference: 0 },
    ]);
    expect(cmp.mostDifferent).toEqual(['s1', 's2']);
    expect(cmp.curveA.map((p) => [p.touchpointId, p.emotion])).toEqual([
      ['t1', 2],
      ['t2', -2],
      ['t4', -1],
      ['t6', 0],
    ]);
    expect(cmp.curveB.map((p) => p.touchpointId)).toEqual(['t1', 't3', 't4', 't5', 't6']);
    expect(cmp.curveB[0]).toEqual({ touchpointId: 't1', stageId: 's1', emotion: 2 });
  });

  it('breaks ties by stage order, leaves out stages that read the same, handles empty stages', () => {
    const doc = personaMap();
    addStage(doc, { label: 'empty', id: 's0', index: 0 });
    const same = comparePersonas(doc, 'pa', 'pa');
    expect(same.mostDifferent).toEqual([]);
    expect(same.stages[0]).toEqual({
      stageId: 's0',
      onlyA: [],
      onlyB: [],
      both: [],
      emotionA: null,
      emotionB: null,
      difference: 0,
    });
    setTouchpointPersonas(doc, 't6', ['pb']); // s3 now differs by 1 (B only) and A has no emotion there
    setTouchpointPersonas(doc, 't5', ['pa', 'pb']); // s2: A −1+1 → 0, B 0 → difference 0
    const cmp = comparePersonas(doc, 'pa', 'pb');
    expect(cmp.stages.find((s) => s.stageId === 's3')).toMatchObject({ emotionA: null, emotionB: 0, difference: 1 });
    expect(cmp.mostDifferent).toEqual(['s1', 's3']);
    const ab = comparePersonas(doc, 'pa', 'pc');
    expect(ab.mostDifferent[0]).toBe('s1');

    const tie = newDoc();
    addPersona(tie, { name: 'A', id: 'pa' });
    for (const s of ['x', 'y', 'z']) {
      addStage(tie, { label: s, id: s });
      addTouchpoint(tie, { stageId: s, label: s, id: `t-${s}` });
      setTouchpointPersonas(tie, `t-${s}`, ['pa']);
    }
    addStage(tie, { label: 'first', id: 'w', index: 0 });
    expect(comparePersonas(tie, 'pa', 'pb').mostDifferent).toEqual(['x', 'y']);
  });
});
