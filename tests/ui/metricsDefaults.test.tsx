// The default metric definitions are written once, by an editor, after the first sync, and outside
// the undo history.
import { describe, expect, it } from 'vitest';
import { renderHook } from '@testing-library/react';
import * as Y from 'yjs';
import { ROOT, ensureDefaultMetricDefs } from '../../src/model';
import { createJourneyStore } from '../../src/state/journeyStore';
import { createUndo } from '../../src/state/undo';
import { useEnsureMetricDefs } from '../../src/panels/metrics/useEnsureMetricDefs';

function setup() {
  const doc = new Y.Doc();
  const store = createJourneyStore(doc);
  const transactions: unknown[] = [];
  doc.on('afterTransaction', (tr: Y.Transaction) => transactions.push(tr.origin));
  return { doc, store, transactions, stored: () => [...doc.getMap(ROOT.metricDefs).keys()].sort() };
}

describe('default metric definitions', () => {
  it('are written by an editor after the first sync, once, and cannot be undone', () => {
    const { doc, store, transactions, stored } = setup();
    const undo = createUndo(doc);
    const { rerender } = renderHook(({ synced }) => useEnsureMetricDefs(doc, store, synced, false), {
      initialProps: { synced: false },
    });
    expect(stored()).toEqual([]);
    rerender({ synced: true });
    expect(stored()).toEqual(['aht', 'ces', 'conversion', 'cost', 'csat', 'dropoff', 'nps', 'volume']);
    expect(transactions).toEqual([{ kind: 'migration' }]);
    expect(undo.state.getState().canUndo).toBe(false);
    expect(store.missingDefaultMetricDefs()).toBe(false);
    rerender({ synced: true });
    expect(transactions).toHaveLength(1);
  });

  it('are not written when the map has them already, nor by a viewer', () => {
    const viewer = setup();
    renderHook(() => useEnsureMetricDefs(viewer.doc, viewer.store, true, true));
    expect(viewer.stored()).toEqual([]);
    expect(viewer.transactions).toEqual([]);

    const editor = setup();
    ensureDefaultMetricDefs(editor.doc);
    editor.transactions.length = 0;
    renderHook(() => useEnsureMetricDefs(editor.doc, editor.store, true, false));
    expect(editor.transactions).toEqual([]);
  });
});
