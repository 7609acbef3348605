import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addNote,
  addStage,
  addTouchpoint,
  attachMedia,
  detachMedia,
  firstNoteLine,
  mediaKindOf,
  readMedia,
  rootMaps,
  type MediaRef,
} from './model';
import { expectOneTransaction, expectRejected, newDoc, syncPair } from './helpers';

const SHA_A = 'a'.repeat(64);
const SHA_B = '0123456789abcdef'.repeat(4);

function ref(id = SHA_A, over: Partial<MediaRef> = {}): MediaRef {
  return { id, name: 'photo.png', mime: 'image/png', size: 1234, kind: 'image', ...over };
}

function setup() {
  const doc = newDoc();
  addStage(doc, { label: 'S', id: 's' });
  addTouchpoint(doc, { stageId: 's', label: 'T', id: 't' });
  addNote(doc, { label: 'N', x: 0, y: 0, id: 'n' });
  return doc;
}

describe('mediaKindOf', () => {
  it('maps the MIME top-level type; everything else is a document', () => {
    expect(mediaKindOf('image/png')).toBe('image');
    expect(mediaKindOf('IMAGE/JPEG')).toBe('image');
    expect(mediaKindOf('audio/mpeg')).toBe('audio');
    expect(mediaKindOf('video/mp4')).toBe('video');
    expect(mediaKindOf('application/pdf')).toBe('document');
    expect(mediaKindOf('text/plain')).toBe('document');
    expect(mediaKindOf('')).toBe('document');
  });
});

describe('attachMedia / detachMedia / readMedia', () => {
  it('attaches a ref to a touchpoint in one transaction; the same id again is a no-op', () => {
    const doc = setup();
    expectOneTransaction(doc, () => attachMedia(doc, 't', ref()));
    expect(readMedia(doc, 't')).toEqual([ref()]);
    const sv = Y.encodeStateVector(doc);
    expectOneTransaction(doc, () => attachMedia(doc, 't', ref(SHA_A, { name: 'other.png' })));
    expect(Y.encodeStateVector(doc)).toEqual(sv);
    expect(readMedia(doc, 't')).toEqual([ref()]);
  });

  it('gives other node kinds a media array on their first attach', () => {
    const doc = setup();
    expect(rootMaps(doc).nodes.get('s')?.get('media')).toBeUndefined();
    attachMedia(doc, 's', ref(SHA_B, { name: 'brief.pdf', mime: 'application/pdf', kind: 'document' }));
    attachMedia(doc, 'n', ref());
    expect(rootMaps(doc).nodes.get('s')?.get('media')).toBeInstanceOf(Y.Array);
    expect(readMedia(doc, 's').map((r) => r.name)).toEqual(['brief.pdf']);
    expect(readMedia(doc, 'n')).toHaveLength(1);
  });

  it('lower-cases the MIME type and keeps only the MediaRef fields', () => {
    const doc = setup();
    attachMedia(doc, 't', { ...ref(), mime: 'Image/PNG', extra: 1 } as MediaRef);
    expect(readMedia(doc, 't')).toEqual([ref()]);
  });

  it('rejects bad refs and missing nodes without writing', () => {
    const doc = setup();
    const bad: Array<Partial<MediaRef> | Record<string, unknown>> = [
      { id: 'A'.repeat(64) },
      { id: 'abc' },
      { name: '' },
      { name: 'x'.repeat(256) },
      { name: 'dir/file.png' },
      { name: 'dir\\file.png' },
      { name: 'bad\u0007name' },
      { name: '..' },
      { mime: 'png' },
      { mime: 'image/png; charset=x' },
      { size: -1 },
      { size: 1.5 },
      { kind: 'movie' },
    ];
    for (const over of bad)
      expectRejected(doc, () => attachMedia(doc, 't', { ...ref(), ...over } as MediaRef), 'invalid-value');
    expectRejected(doc, () => attachMedia(doc, 't', null as unknown as MediaRef), 'invalid-value');
    expectRejected(doc, () => attachMedia(doc, 'nope', ref()), 'not-found');
    expect(attachMedia(doc, 't', ref(SHA_A, { name: 'x'.repeat(255), size: 0 }))).toBeUndefined();
  });

  it('detaches every copy of a ref; an absent id is a no-op; a bad id is refused', () => {
    const doc = setup();
    attachMedia(doc, 't', ref());
    attachMedia(doc, 't', ref(SHA_B));
    expectOneTransaction(doc, () => detachMedia(doc, 't', SHA_A));
    expect(readMedia(doc, 't').map((r) => r.id)).toEqual([SHA_B]);
    const sv = Y.encodeStateVector(doc);
    detachMedia(doc, 't', SHA_A);
    detachMedia(doc, 's', SHA_A); // a node with no media array
    expect(Y.encodeStateVector(doc)).toEqual(sv);
    expectRejected(doc, () => detachMedia(doc, 't', 'xyz'), 'invalid-value');
    expectRejected(doc, () => detachMedia(doc, 'nope', SHA_A), 'not-found');
  });

  it('reads tolerantly: odd entries and repeats are skipped, a missing node has none', () => {
    const doc = setup();
    const list = rootMaps(doc).nodes.get('t')?.get('media') as Y.Array<unknown>;
    list.push(['junk', { id: SHA_A }, ref(), ref(SHA_A, { name: 'again.png' }), ref(SHA_B)]);
    expect(readMedia(doc, 't').map((r) => [r.id, r.name])).toEqual([
      [SHA_A, 'photo.png'],
      [SHA_B, 'photo.png'],
    ]);
    expect(readMedia(doc, 'missing')).toEqual([]);
  });

  it('merges concurrent attaches of different media by two users', () => {
    const a = setup();
    const b = newDoc();
    syncPair(a, b);
    attachMedia(a, 't', ref(SHA_A));
    attachMedia(b, 't', ref(SHA_B));
    syncPair(a, b);
    expect(
      readMedia(a, 't')
        .map((r) => r.id)
        .sort(),
    ).toEqual([SHA_B, SHA_A].sort());
    expect(readMedia(b, 't')).toEqual(readMedia(a, 't'));
  });
});

/** Tiptap's structure as y-prosemirror writes it: blocks are elements, text carries marks. */
function para(text: string, marks?: Record<string, unknown>): Y.XmlElement {
  const p = new Y.XmlElement('paragraph');
  if (text) {
    const t = new Y.XmlText();
    t.insert(0, text, marks);
    p.insert(0, [t]);
  }
  return p;
}

function notesOf(doc: Y.Doc, id: string): Y.XmlFragment {
  return rootMaps(doc).nodes.get(id)?.get('notes') as Y.XmlFragment;
}

describe('firstNoteLine', () => {
  it('is the text of the first non-empty block, without marks, whitespace collapsed', () => {
    const doc = setup();
    expect(firstNoteLine(doc, 't')).toBe('');
    const h = new Y.XmlElement('heading');
    h.setAttribute('level', 2 as unknown as string);
    const t = new Y.XmlText();
    h.insert(0, [t]);
    notesOf(doc, 't').insert(0, [para(''), h, para('second')]);
    t.insert(0, 'Customer  ');
    t.insert(10, 'is angry', { bold: {} });
    expect(firstNoteLine(doc, 't')).toBe('Customer is angry');
  });

  it('finds text inside lists and reads hard breaks as spaces', () => {
    const doc = setup();
    const list = new Y.XmlElement('bulletList');
    const item = new Y.XmlElement('listItem');
    list.insert(0, [item]);
    const p = para('first');
    item.insert(0, [p]);
    notesOf(doc, 't').insert(0, [para('   '), list]);
    p.insert(1, [new Y.XmlElement('hardBreak')]);
    const more = new Y.XmlText();
    p.insert(2, [more]);
    more.insert(0, 'point');
    expect(firstNoteLine(doc, 't')).toBe('first point');
  });

  it('cuts a long line to 140 characters ending in …', () => {
    const doc = setup();
    notesOf(doc, 't').insert(0, [para('word '.repeat(60))]);
    const line = firstNoteLine(doc, 't');
    expect(Array.from(line).length).toBeLessThanOrEqual(140);
    expect(line.endsWith('…')).toBe(true);
    expect(line.startsWith('word word')).toBe(true);
  });

  it('is empty for nodes without notes and for missing nodes', () => {
    const doc = setup();
    expect(firstNoteLine(doc, 's')).toBe('');
    expect(firstNoteLine(doc, 'missing')).toBe('');
  });
});
