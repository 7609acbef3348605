import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  ROOT,
  addStage,
  addTouchpoint,
  connect,
  initJourney,
  moveStage,
  removeNode,
  restoreJourney,
  rootMaps,
  setJourneyMeta,
  setLabel,
  setTouchpointList,
} from './model';
import { expectOneTransaction, newDoc, syncPair } from './helpers';

const IMPORT = { kind: 'import' } as const;

/** Every root in full: toJSON, plus rich text as XML (toJSON flattens its marks). */
function docJSON(doc: Y.Doc): unknown {
  const notes: Record<string, string> = {};
  rootMaps(doc).nodes.forEach((m, id) => {
    const n = m instanceof Y.Map ? m.get('notes') : undefined;
    if (n instanceof Y.XmlFragment) notes[id] = n.toString();
  });
  const out: Record<string, unknown> = { notes };
  for (const name of Object.values(ROOT))
    out[name] = name === ROOT.stageOrder ? doc.getArray(name).toJSON() : doc.getMap(name).toJSON();
  return out;
}

/** A copy of `doc` as a version holds it: its encoded state in a fresh doc. */
function snapshot(doc: Y.Doc): Y.Doc {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  return copy;
}

function node(doc: Y.Doc, id: string): Y.Map<unknown> {
  const m = rootMaps(doc).nodes.get(id);
  if (!(m instanceof Y.Map)) throw new Error(`no node ${id}`);
  return m;
}

function notes(doc: Y.Doc, id: string): Y.XmlFragment {
  return node(doc, id).get('notes') as Y.XmlFragment;
}

function writeNote(doc: Y.Doc, id: string, text: string, bold: string): void {
  doc.transact(() => {
    const fragment = notes(doc, id);
    fragment.delete(0, fragment.length);
    const p = new Y.XmlElement('paragraph');
    p.setAttribute('textAlign', 'left');
    const t = new Y.XmlText();
    p.insert(0, [t]);
    fragment.insert(0, [p]);
    t.insert(0, text);
    t.insert(text.length, bold, { bold: true });
  });
}

function setMetric(doc: Y.Doc, id: string, key: string, value: number, at: string): void {
  doc.transact(() => {
    const metrics = node(doc, id).get('metrics') as Y.Map<unknown>;
    let mm = metrics.get(key);
    if (!(mm instanceof Y.Map)) {
      mm = new Y.Map<unknown>([['history', new Y.Array<unknown>()]]);
      metrics.set(key, mm);
    }
    const m = mm as Y.Map<unknown>;
    m.set('value', value);
    m.set('source', 'api');
    m.set('updatedAt', at);
    (m.get('history') as Y.Array<unknown>).push([{ value, at }]);
  });
}

function addCommentRaw(doc: Y.Doc, nodeId: string, id: string, text: string): void {
  doc.transact(() => {
    const comments = doc.getMap<Y.Array<unknown>>(ROOT.comments);
    let list = comments.get(nodeId);
    if (!list) {
      list = new Y.Array<unknown>();
      comments.set(nodeId, list);
    }
    list.push([
      new Y.Map<unknown>([
        ['id', id],
        ['text', text],
        ['resolved', false],
      ]),
    ]);
  });
}

function journey(): Y.Doc {
  const doc = newDoc(1);
  initJourney(doc, { title: 'Buy a bike' });
  addStage(doc, { label: 'Research', id: 's1' });
  addStage(doc, { label: 'Purchase', id: 's2' });
  addTouchpoint(doc, { stageId: 's1', label: 'Read reviews', id: 't1' });
  addTouchpoint(doc, { stageId: 's2', label: 'Checkout', id: 't2' });
  connect(doc, { source: 't1', target: 't2', id: 'e1' });
  setTouchpointList(doc, 't1', 'painPoints', ['too many', 'fake ones']);
  writeNote(doc, 't1', 'Customers compare ', 'three sites');
  setMetric(doc, 't1', 'csat', 4.2, '2024-05-01T00:00:00.000Z');
  doc.getMap(ROOT.metricDefs).set('csat', { label: 'CSAT', unit: '', better: 'higher', green: 4, red: 3 });
  addCommentRaw(doc, 't1', 'c1', 'Check the sources');
  return doc;
}

/** Many kinds of change at once: meta, order, labels, lists, notes, metrics, defs, comments, edges, nodes. */
function changeEverything(doc: Y.Doc): void {
  setJourneyMeta(doc, { title: 'Buy an e-bike', goal: 'commute' });
  moveStage(doc, 's2', 0);
  setLabel(doc, 't2', 'Pay');
  setTouchpointList(doc, 't1', 'painPoints', ['fake ones', 'slow site']);
  writeNote(doc, 't1', 'Rewritten ', 'entirely');
  setMetric(doc, 't1', 'csat', 2.1, '2024-06-01T00:00:00.000Z');
  doc.getMap(ROOT.metricDefs).set('nps', { label: 'NPS', unit: '', better: 'higher', green: 30, red: 0 });
  addCommentRaw(doc, 't1', 'c2', 'Another');
  addCommentRaw(doc, 't2', 'c3', 'On checkout');
  addTouchpoint(doc, { stageId: 's1', label: 'Ask a friend', id: 't3' });
  connect(doc, { source: 't3', target: 't2', id: 'e2' });
  removeNode(doc, 't1');
  addStage(doc, { label: 'Use', id: 's3' });
}

describe('restoreJourney', () => {
  it('makes every root equal to the version', () => {
    const doc = journey();
    const version = snapshot(doc);
    const before = docJSON(doc);
    changeEverything(doc);
    expect(docJSON(doc)).not.toEqual(before);

    restoreJourney(doc, version, IMPORT);
    expect(docJSON(doc)).toEqual(docJSON(version));
    expect(docJSON(doc)).toEqual(before);
    // a peer that receives the restore as an update ends up equal too
    const peer = snapshot(doc);
    expect(docJSON(peer)).toEqual(before);
  });

  it('is one transaction with the given origin', () => {
    const doc = journey();
    const version = snapshot(doc);
    changeEverything(doc);
    let updates = 0;
    doc.on('update', () => updates++);
    expectOneTransaction(doc, () => restoreJourney(doc, version, IMPORT), IMPORT);
    expect(updates).toBe(1);
  });

  it('writes nothing when the doc already equals the version', () => {
    const doc = journey();
    const version = snapshot(doc);
    const sv = Y.encodeStateVector(doc);
    let updates = 0;
    doc.on('update', () => updates++);
    restoreJourney(doc, version, IMPORT);
    expect(updates).toBe(0);
    expect(Y.encodeStateVector(doc)).toEqual(sv);
  });

  it('edits shared types in place: same notes fragment, same list, rich text with its marks and attributes', () => {
    const doc = journey();
    const version = snapshot(doc);
    const fragment = notes(doc, 't1');
    const pains = node(doc, 't1').get('painPoints');
    writeNote(doc, 't1', 'Rewritten ', 'entirely');
    setTouchpointList(doc, 't1', 'painPoints', ['other']);
    restoreJourney(doc, version, IMPORT);
    expect(notes(doc, 't1')).toBe(fragment);
    expect(node(doc, 't1').get('painPoints')).toBe(pains);
    expect(fragment.toString()).toBe(
      '<paragraph textAlign="left">Customers compare <bold>three sites</bold></paragraph>',
    );
    const text = (fragment.get(0) as Y.XmlElement).get(0) as Y.XmlText;
    expect(text.toDelta()).toEqual([
      { insert: 'Customers compare ' },
      { insert: 'three sites', attributes: { bold: true } },
    ]);
  });

  it('keeps the notes untouched when only other fields changed', () => {
    const doc = journey();
    const version = snapshot(doc);
    setLabel(doc, 't1', 'Read blogs');
    let noteEvents = 0;
    notes(doc, 't1').observeDeep(() => noteEvents++);
    restoreJourney(doc, version, IMPORT);
    expect(noteEvents).toBe(0);
    expect(node(doc, 't1').get('label')).toBe('Read reviews');
  });

  it('merges with a concurrent edit of another peer', () => {
    const a = journey();
    const b = newDoc(2);
    syncPair(a, b);
    const version = snapshot(a);
    changeEverything(a);
    syncPair(a, b);
    // concurrently: a restores, b edits fields the restore does not touch
    restoreJourney(a, version, IMPORT);
    setTouchpointList(b, 't2', 'opportunities', ['one-click pay']);
    setJourneyMeta(b, { description: 'written by b' });
    syncPair(a, b);
    expect(docJSON(a)).toEqual(docJSON(b));
    const meta = rootMaps(a).meta;
    expect(meta.get('title')).toBe('Buy a bike');
    expect(meta.get('description')).toBe('written by b');
    expect(node(a, 't2').get('label')).toBe('Checkout');
    expect((node(a, 't2').get('opportunities') as Y.Array<string>).toArray()).toEqual(['one-click pay']);
    expect(rootMaps(a).nodes.has('t3')).toBe(false);
    expect(rootMaps(a).nodes.has('t1')).toBe(true);
  });

  it('can be undone by restoring a version taken before it', () => {
    const doc = journey();
    const old = snapshot(doc);
    changeEverything(doc);
    const latest = snapshot(doc);
    const latestJSON = docJSON(doc);
    restoreJourney(doc, old, IMPORT);
    expect(docJSON(doc)).toEqual(docJSON(old));
    restoreJourney(doc, latest, IMPORT);
    expect(docJSON(doc)).toEqual(latestJSON);
  });
});
