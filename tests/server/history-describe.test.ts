// What the history records of a transaction on the nodes map: fields old → new, creations and
// removals; never geometry (a drag is not history a team reads).
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { describeNodeChanges, type FieldChange } from '../../server/history/describe';

function recorded(doc: Y.Doc, change: (nodes: Y.Map<unknown>) => void): FieldChange[] {
  const nodes = doc.getMap<unknown>('nodes');
  const out: FieldChange[] = [];
  const observer = (events: Y.YEvent<Y.AbstractType<unknown>>[]) => out.push(...describeNodeChanges(events, nodes));
  nodes.observeDeep(observer);
  doc.transact(() => change(nodes));
  nodes.unobserveDeep(observer);
  return out;
}

describe('describeNodeChanges', () => {
  const withCard = () => {
    const doc = new Y.Doc();
    doc.transact(() => {
      const card = new Y.Map<unknown>();
      card.set('label', 'Compare prices');
      card.set('x', 10);
      card.set('y', 20);
      doc.getMap('nodes').set('t1', card);
    });
    return doc;
  };
  const card = (nodes: Y.Map<unknown>) => nodes.get('t1') as Y.Map<unknown>;

  it('records nothing for a move or a resize', () => {
    expect(
      recorded(withCard(), (nodes) => {
        card(nodes).set('x', 300);
        card(nodes).set('y', 40);
        card(nodes).set('width', 200);
      }),
    ).toEqual([]);
  });

  it('records the label of a card moved and renamed in one transaction, not its position', () => {
    expect(
      recorded(withCard(), (nodes) => {
        card(nodes).set('x', 300);
        card(nodes).set('label', 'Compare offers');
      }),
    ).toEqual([{ nodeId: 't1', field: 'label', oldValue: '"Compare prices"', newValue: '"Compare offers"' }]);
  });

  it('records a card created and one removed', () => {
    const doc = withCard();
    expect(
      recorded(doc, (nodes) => {
        const other = new Y.Map<unknown>();
        other.set('label', 'Call centre');
        nodes.set('t2', other);
        nodes.delete('t1');
      }),
    ).toMatchObject([
      { nodeId: 't2', field: 'created', oldValue: null, newValue: '"Call centre"' },
      { nodeId: 't1', field: 'removed', newValue: null },
    ]);
  });
});
