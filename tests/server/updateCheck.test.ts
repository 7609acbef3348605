// The frame check of an update (updateCheck.ts) walks the structs without building them. It must
// accept and refuse exactly what Y.decodeUpdate does, and return the same delete set: the property
// that a malformed update never reaches the room rests on it.
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { checkUpdate } from '../../server/sync/updateCheck';
import { mulberry32 } from '../shared/random';

/** Updates with every kind of struct and content a client can send, and the edits that made them. */
function corpus(): Uint8Array[] {
  const updates: Uint8Array[] = [];
  const doc = new Y.Doc();
  doc.on('update', (update: Uint8Array) => updates.push(update));
  const nodes = doc.getMap<unknown>('nodes');
  const node = new Y.Map<unknown>();
  nodes.set('n1', node); // a shared type (ref 7, YMap)
  node.set('x', 120); // any (ref 8)
  node.set('label', 'Ricerca sul sito — “caffè”'); // any string, non-ASCII
  node.set('deep', { a: [1, 2.5, null, true, { b: 'c' }], big: 2 ** 40, neg: -7 });
  node.set('bytes', new Uint8Array([1, 2, 3])); // binary (ref 3)
  node.set('x', 130); // replaces: a delete set
  const list = new Y.Array<unknown>();
  node.set('list', list);
  list.insert(0, [1, 'two', { three: 3 }]);
  list.delete(1, 1);
  const text = new Y.Text();
  node.set('note', text);
  text.insert(0, 'Hello 🌍 world'); // string (ref 4), surrogate pairs
  text.format(0, 5, { bold: true }); // format (ref 6)
  text.insertEmbed(3, { image: 'a.png' }); // embed (ref 5)
  text.delete(2, 4);
  const xml = doc.getXmlFragment('prose');
  const element = new Y.XmlElement('paragraph'); // YXmlElement (type ref 3, with a name)
  xml.insert(0, [element, new Y.XmlText('plain')]);
  element.insert(0, [new Y.XmlText('inside')]);
  element.setAttribute('class', 'lead');
  doc.getArray('hooks').insert(0, [new Y.XmlHook('hook')]); // YXmlHook (type ref 5)
  doc.getArray('subdocs').insert(0, [new Y.Doc({ guid: 'sub' })]); // a subdocument (ref 9)
  nodes.delete('n1'); // deletes a whole subtree
  updates.push(Y.encodeStateAsUpdate(doc)); // GC'd and deleted structs
  const other = new Y.Doc();
  other.getMap('meta').set('title', 'Elsewhere');
  // a merge of updates with a gap: a Skip struct (ref 10)
  updates.push(Y.mergeUpdates([updates[0] as Uint8Array, updates[3] as Uint8Array]));
  updates.push(Y.encodeStateAsUpdate(other), Y.encodeStateAsUpdate(new Y.Doc()));
  return updates;
}

function outcome(read: () => unknown): 'ok' | 'throws' {
  try {
    read();
    return 'ok';
  } catch {
    return 'throws';
  }
}

describe('checkUpdate', () => {
  it('returns the delete set Y.decodeUpdate returns, for every kind of content', () => {
    const updates = corpus();
    expect(updates.length).toBeGreaterThan(20);
    for (const update of updates) {
      const ds = checkUpdate(update);
      expect(Y.equalDeleteSets(ds, Y.decodeUpdate(update).ds)).toBe(true);
    }
    // the delete sets are not all empty: the comparison above compared something
    expect(updates.filter((u) => checkUpdate(u).clients.size > 0).length).toBeGreaterThan(3);
  });

  it('refuses exactly what Y.decodeUpdate refuses: every truncation and 20,000 damaged updates', () => {
    const updates = corpus();
    const random = mulberry32(20261206);
    let refused = 0;
    const compare = (bytes: Uint8Array) => {
      const expected = outcome(() => Y.decodeUpdate(bytes));
      expect(
        outcome(() => checkUpdate(bytes)),
        `update ${Buffer.from(bytes).toString('hex')}`,
      ).toBe(expected);
      if (expected === 'throws') refused++;
    };
    for (const update of updates) for (let end = 0; end < update.length; end++) compare(update.slice(0, end));
    for (let i = 0; i < 20_000; i++) {
      const damaged = (updates[i % updates.length] as Uint8Array).slice();
      const flips = 1 + Math.floor(random() * 3);
      for (let f = 0; f < flips; f++) damaged[Math.floor(random() * damaged.length)] = Math.floor(random() * 256);
      compare(damaged);
    }
    expect(refused).toBeGreaterThan(5_000);
  });
});
