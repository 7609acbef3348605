// A rename replaced by someone who had not seen it is told apart from an ordinary later rename.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addStage, addTouchpoint, lastWriterOf, replacedConcurrently, roots, setLabel } from './model';
import { newDoc, syncAll } from './helpers';

function twoPeers(): [Y.Doc, Y.Doc] {
  const a = newDoc(1);
  const b = newDoc(2); // the higher client id wins a tie between concurrent writes of one key
  addStage(a, { label: 'Stage', id: 's1' });
  addTouchpoint(a, { stageId: 's1', label: 'Card', id: 't1' });
  syncAll([a, b]);
  return [a, b];
}

const card = (doc: Y.Doc) => roots(doc).nodes.get('t1') as Y.Map<unknown>;

/** Applies `from`'s updates to `to` and answers what an observer of `to`'s card saw at that moment. */
function deliver(from: Y.Doc, to: Y.Doc): boolean | null {
  let seen: boolean | null = null;
  const observer = () => (seen = replacedConcurrently(card(to), 'label', to.clientID));
  card(to).observe(observer);
  Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)));
  card(to).unobserve(observer);
  return seen;
}

describe('replacedConcurrently', () => {
  it('is true for the person whose rename lost to a concurrent one', () => {
    const [a, b] = twoPeers();
    setLabel(a, 't1', 'Mine');
    setLabel(b, 't1', 'Theirs');
    expect(deliver(b, a)).toBe(true); // a's "Mine" is replaced by b's "Theirs"
    expect(card(a).get('label')).toBe('Theirs');
    expect(lastWriterOf(card(a), 'label')).toBe(b.clientID);
    // the winner keeps their text and is not told anything
    expect(deliver(a, b)).not.toBe(true);
    expect(card(b).get('label')).toBe('Theirs');
  });

  it('is false when the other person renamed after seeing the text', () => {
    const [a, b] = twoPeers();
    setLabel(a, 't1', 'Mine');
    syncAll([a, b]);
    setLabel(b, 't1', 'Theirs, later');
    expect(deliver(b, a)).toBe(false);
  });

  it('is false when the replaced text was not this person’s', () => {
    const [a, b] = twoPeers(); // "Card" was written by a; c never wrote the label
    const c = newDoc(3);
    syncAll([a, b, c]);
    setLabel(b, 't1', 'B');
    setLabel(c, 't1', 'C');
    Y.applyUpdate(c, Y.encodeStateAsUpdate(b));
    expect(replacedConcurrently(card(c), 'label', c.clientID)).toBe(false); // c's own write is current
    expect(replacedConcurrently(card(c), 'label', a.clientID)).toBe(false);
  });
});
