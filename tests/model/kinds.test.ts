// The kind tables drive reading, repair and the journey file. Repair keeps nodes of kinds it does not
// know, clamps every node's geometry into the model's limits and resets fields of the wrong type
// (issue 17, finding 9); a throwaway kind declared here follows CONTRIBUTING.md's recipe.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  LIMITS,
  addNote,
  addStage,
  addTouchpoint,
  exportJourney,
  importJourney,
  initJourney,
  readNode,
  readNodes,
  removeNode,
  repairJourney,
  repairMayBeNeeded,
  rootMaps,
  stageColumns,
  validateJourney,
  validateJourneyJson,
} from './model';
import { defineKind } from '../../src/model/kinds/fields';
import { registerNodeKind } from '../../src/model/kinds/registry';
import { newDoc } from './helpers';

/** Writes raw fields into a node map, as a stock Yjs client can. */
function rawWrite(doc: Y.Doc, id: string, fields: Record<string, unknown>): void {
  doc.transact(
    () => {
      const nodes = rootMaps(doc).nodes;
      let m = nodes.get(id);
      if (!(m instanceof Y.Map)) {
        m = new Y.Map<unknown>();
        nodes.set(id, m);
      }
      for (const [k, v] of Object.entries(fields)) m.set(k, v);
    },
    { kind: 'remote' },
  );
}

function repairNeededBy(doc: Y.Doc, fn: () => void): boolean {
  let needed = false;
  const watch = (tr: Y.Transaction) => {
    needed ||= repairMayBeNeeded(doc, tr);
  };
  doc.on('afterTransaction', watch);
  fn();
  doc.off('afterTransaction', watch);
  return needed;
}

const within = (v: number, min: number, max: number) => Number.isFinite(v) && v >= min && v <= max;

describe('repair of geometry and field types', () => {
  it('clamps absurd coordinates and sizes of every node and resets fields of the wrong type', () => {
    const doc = newDoc();
    addStage(doc, { label: 'Need', id: 's' });
    addNote(doc, { label: 'Hi', x: 0, y: 0, id: 'n' });
    addTouchpoint(doc, { stageId: 's', label: 'Search', id: 't' });
    rawWrite(doc, 'n', { x: 1e300, y: -Infinity, w: Number.NaN, h: 'tall' });
    rawWrite(doc, 't', { label: 42, lane: 3, emotion: '2', painPoints: 'not a list', x: 'left', w: 0 });
    rawWrite(doc, 's', { color: 'red;}', goal: { evil: true } });
    rawWrite(doc, 'future', { kind: 'hologram', label: 'From a newer build', x: 5e300, w: -4, h: 0, glow: 'blue' });
    expect(validateJourney(doc).length).toBeGreaterThan(0);

    expect(repairJourney(doc)).toBe(true);
    expect(validateJourney(doc)).toEqual([]);
    const max = LIMITS.coordinateAbsMax;
    expect(readNode(doc, 'n')).toMatchObject({ x: max, y: -max, w: 200, h: 120 });
    expect(readNode(doc, 't')).toMatchObject({
      label: '',
      lane: 'front',
      emotion: 0,
      painPoints: [],
      x: 0,
      w: LIMITS.sizeMin,
    });
    expect(readNode(doc, 's')).toMatchObject({ color: '#888888', goal: '' });
    for (const node of readNodes(doc)) {
      expect(within(node.x, -max, max) && within(node.y, -max, max), node.id).toBe(true);
      expect(within(node.w, LIMITS.sizeMin, LIMITS.sizeMax), node.id).toBe(true);
    }
    // the newer kind is kept, with its own fields, and its geometry clamped like every node's
    const future = rootMaps(doc).nodes.get('future');
    expect(future?.toJSON()).toEqual({
      kind: 'hologram',
      label: 'From a newer build',
      x: max,
      w: LIMITS.sizeMin,
      h: 0,
      glow: 'blue',
    });
    expect(repairJourney(doc)).toBe(false);
  });

  it('reads absurd geometry clamped, so a client never draws it even before a repair', () => {
    const doc = newDoc();
    addNote(doc, { label: 'Hi', x: 0, y: 0, id: 'n' });
    addStage(doc, { label: 'Need', id: 's' });
    rawWrite(doc, 'n', { x: 1e300, y: -1e300, w: 1e300, h: 3 });
    const max = LIMITS.coordinateAbsMax;
    expect(readNode(doc, 'n')).toMatchObject({ x: max, y: -max, w: LIMITS.sizeMax, h: LIMITS.sizeMin });
    expect(readNode(doc, 's')).toMatchObject({ h: 0 }); // a stage's height may be 0 (the canvas's)
  });

  it('asks for a repair scan when a write leaves a bad value, not for ordinary moves and edits', () => {
    const doc = newDoc();
    addNote(doc, { label: 'Hi', x: 0, y: 0, id: 'n' });
    addTouchpoint(doc, { stageId: null, label: 'Search', id: 't' });
    expect(repairNeededBy(doc, () => rawWrite(doc, 'n', { x: 400, y: -20, w: 300 }))).toBe(false);
    expect(repairNeededBy(doc, () => rawWrite(doc, 't', { lane: 'back', emotion: -1 }))).toBe(false);
    expect(repairNeededBy(doc, () => rawWrite(doc, 'n', { x: 1e300 }))).toBe(true);
    expect(repairNeededBy(doc, () => rawWrite(doc, 't', { h: 20_000 }))).toBe(true);
    expect(repairNeededBy(doc, () => rawWrite(doc, 't', { emotion: 2.5 }))).toBe(true);
    expect(repairNeededBy(doc, () => rawWrite(doc, 't', { label: 7 }))).toBe(true);
    expect(repairNeededBy(doc, () => rawWrite(doc, 't', { painPoints: 'x' }))).toBe(true);
  });
});

// CONTRIBUTING.md, "Add a node kind", followed with a throwaway kind registered for this test only.
const STICKER = defineKind({
  kind: 'sticker',
  size: { w: 64, h: 64 },
  shared: ['notes'],
  fields: {
    stageId: { type: 'ref', target: 'stage', frame: true },
    mood: { type: 'enum', values: ['happy', 'sad'], fallback: 'happy' },
    stars: { type: 'number', integer: true, min: 0, max: 5, fallback: 0 },
    tags: { type: 'list' },
    caption: { type: 'text', max: 80 },
  },
});

describe('a node kind declared by its table (CONTRIBUTING.md recipe)', () => {
  function withSticker(run: () => void) {
    const unregister = registerNodeKind(STICKER);
    try {
      run();
    } finally {
      unregister();
    }
  }

  function stickerMap(doc: Y.Doc) {
    initJourney(doc, { title: 'Stickers' });
    addStage(doc, { label: 'Need', id: 's' });
    rawWrite(doc, 'st', {
      kind: 'sticker',
      label: 'Wow',
      x: 10,
      y: 20,
      w: 64,
      h: 64,
      stageId: 's',
      mood: 'sad',
      stars: 4,
      caption: 'great',
    });
    doc.transact(() => {
      const tags = new Y.Array<string>();
      tags.push(['a', 'b']);
      rootMaps(doc).nodes.get('st')?.set('tags', tags);
      rootMaps(doc).nodes.get('st')?.set('notes', new Y.XmlFragment()); // its shared part, as a command would make it
    });
  }

  it('reads, validates and round-trips through the JSON file', () => {
    withSticker(() => {
      const doc = newDoc();
      stickerMap(doc);
      expect(validateJourney(doc)).toEqual([]);
      expect(readNode(doc, 'st')).toEqual({
        id: 'st',
        kind: 'sticker',
        label: 'Wow',
        x: 10,
        y: 20,
        w: 64,
        h: 64,
        stageId: 's',
        mood: 'sad',
        stars: 4,
        tags: ['a', 'b'],
        caption: 'great',
      });
      const file = exportJourney(doc);
      expect(file.nodes.find((n) => n.id === 'st')).not.toHaveProperty('extra'); // every field is typed, none generic
      const copy = newDoc();
      importJourney(copy, JSON.parse(JSON.stringify(file)));
      expect({ ...exportJourney(copy), exportedAt: '' }).toEqual({ ...file, exportedAt: '' });
      expect(rootMaps(copy).nodes.get('st')?.get('notes')).toBeInstanceOf(Y.XmlFragment); // its shared part exists
      // the file is checked with the table: a bad enum and a reference to a missing stage are refused
      const bad = JSON.parse(JSON.stringify(file));
      bad.nodes.find((n: { id: string }) => n.id === 'st').mood = 'angry';
      expect(() => validateJourneyJson(bad)).toThrow(/nodes\[\d\]\.mood: must be one of happy, sad/);
      bad.nodes.find((n: { id: string }) => n.id === 'st').mood = 'happy';
      bad.nodes.find((n: { id: string }) => n.id === 'st').stageId = 'nowhere';
      expect(() => validateJourneyJson(bad)).toThrow(/stageId: names no stage of this file: nowhere/);
    });
  });

  it('survives repair, which fixes its fields by the table; removing its stage keeps it in place', () => {
    withSticker(() => {
      const doc = newDoc();
      stickerMap(doc);
      const column = stageColumns(doc)[0];
      rawWrite(doc, 'st', { mood: 'angry', stars: 9, caption: 12 });
      expect(repairJourney(doc)).toBe(true);
      expect(readNode(doc, 'st')).toMatchObject({
        kind: 'sticker',
        mood: 'happy',
        stars: 5,
        caption: '',
        stageId: 's',
      });
      removeNode(doc, 's');
      expect(readNode(doc, 'st')).toMatchObject({
        stageId: null,
        x: 10 + (column?.x ?? NaN),
        y: 20 + (column?.y ?? NaN),
      });
      expect(validateJourney(doc)).toEqual([]);
    });
    // unregistered again, the same map keeps the sticker (a newer kind to this build) but hides it
    const doc = newDoc();
    withSticker(() => stickerMap(doc));
    expect(repairJourney(doc)).toBe(false);
    expect(readNode(doc, 'st')).toBeUndefined();
    expect(rootMaps(doc).nodes.get('st')?.get('kind')).toBe('sticker');
  });
});
