// repairMayBeNeeded: true for every transaction that can break an invariant, false for the common
// ones that cannot (so the server can skip the full repair scan for them).
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addChannel,
  addComment,
  addStage,
  addTouchpoint,
  moveNodes,
  removeNode,
  repairMayBeNeeded,
  setLabel,
  setMetricValue,
  setTouchpointChannel,
  setTouchpointList,
  ensureDefaultMetricDefs,
} from '../../src/model';

function watch(doc: Y.Doc, action: () => void): boolean {
  let needed = false;
  const onTransaction = (transaction: Y.Transaction) => {
    needed ||= repairMayBeNeeded(doc, transaction);
  };
  doc.on('afterTransaction', onTransaction);
  action();
  doc.off('afterTransaction', onTransaction);
  return needed;
}

function journey() {
  const doc = new Y.Doc();
  addStage(doc, { label: 'Need', id: 'need' });
  addChannel(doc, { label: 'Web', type: 'digital', medium: 'web', id: 'web' });
  addTouchpoint(doc, { stageId: 'need', label: 'Search', id: 'tp' });
  ensureDefaultMetricDefs(doc);
  return doc;
}

describe('repairMayBeNeeded', () => {
  it('is false for moves, labels, lists and metric values', () => {
    const doc = journey();
    expect(watch(doc, () => moveNodes(doc, [{ id: 'tp', x: 40, y: 120 }]))).toBe(false);
    expect(watch(doc, () => setLabel(doc, 'tp', 'Searches online'))).toBe(false);
    expect(watch(doc, () => setTouchpointList(doc, 'tp', 'painPoints', ['Too many results']))).toBe(false);
    expect(watch(doc, () => void setMetricValue(doc, { nodeId: 'tp', key: 'csat', value: 4, source: 'manual' }))).toBe(
      false,
    );
  });

  it('is true for references, new or removed entries, and comments', () => {
    const doc = journey();
    expect(watch(doc, () => setTouchpointChannel(doc, 'tp', 'web'))).toBe(true);
    expect(watch(doc, () => void addStage(doc, { label: 'Buy' }))).toBe(true);
    expect(
      watch(doc, () => void addComment(doc, { nodeId: 'tp', text: 'Check this', author: 'A', authorId: 'a' })),
    ).toBe(true);
    expect(watch(doc, () => removeNode(doc, 'web'))).toBe(true);
  });

  it('is true for a remote update that carries a reference change', () => {
    const doc = journey();
    const remote = new Y.Doc();
    Y.applyUpdate(remote, Y.encodeStateAsUpdate(doc));
    removeNode(remote, 'need');
    expect(watch(doc, () => Y.applyUpdate(doc, Y.encodeStateAsUpdate(remote, Y.encodeStateVector(doc))))).toBe(true);
  });
});
