// Deleting a stage that holds touchpoints asks first (in the canvas, as the map page renders it):
// move them to the stage before or after, or delete them too, with what goes with them counted;
// either choice is one undo step. A stage without touchpoints is deleted at once.
import { describe, expect, it } from 'vitest';
import { act, fireEvent, screen, within } from '@testing-library/react';
import * as Y from 'yjs';
import {
  addStage,
  addTouchpoint,
  connect,
  readEdges,
  setMetricValue,
  stagesInOrder,
  touchpointsByStage,
} from '../../src/model';
import { useLanguage } from '../../src/i18n';
import { renderMap } from './renderMap';

function journey() {
  const doc = new Y.Doc();
  addStage(doc, { label: 'Research', id: 'research' });
  addStage(doc, { label: 'Compare', id: 'compare' });
  addStage(doc, { label: 'Buy', id: 'buy' });
  addStage(doc, { label: 'Empty', id: 'empty' });
  addTouchpoint(doc, { stageId: 'research', label: 'Reads reviews', id: 'reviews', x: 20, y: 110 });
  addTouchpoint(doc, { stageId: 'compare', label: 'Compares prices', id: 'prices', x: 20, y: 110 });
  addTouchpoint(doc, { stageId: 'compare', label: 'Asks a friend', id: 'friend', x: 20, y: 240 });
  connect(doc, { source: 'reviews', target: 'prices' });
  connect(doc, { source: 'prices', target: 'friend' });
  setMetricValue(doc, { nodeId: 'friend', key: 'csat', value: 4, source: 'manual' });
  return doc;
}

function askToDelete(view: ReturnType<typeof renderMap>, stageId: string) {
  act(() => view.store.applyNodeChanges([{ type: 'select', id: stageId, selected: true }]));
  fireEvent.click(
    within(screen.getByTestId('inspector')).getByRole('button', { name: /Remove this stage|Elimina: fase/ }),
  );
}

const cardsOf = (doc: Y.Doc, stageId: string) => (touchpointsByStage(doc).get(stageId) ?? []).map((tp) => tp.id);

describe('deleting a stage that holds touchpoints', () => {
  it('moves them to the stage before, by keyboard, and one undo brings the stage back', () => {
    const view = renderMap({ doc: journey() });
    askToDelete(view, 'compare');
    const dialog = within(screen.getByRole('dialog', { name: 'Delete the stage “Compare”?' }));
    expect(dialog.getByText('It holds 2 touchpoints. What should happen to them?')).toBeInTheDocument();
    // the first choice is focused and chosen: the stage before
    const before = dialog.getByRole('radio', { name: 'Move them to “Research”' });
    expect(before).toHaveFocus();
    expect(before).toBeChecked();
    expect(dialog.getByRole('radio', { name: 'Move them to “Buy”' })).not.toBeChecked();
    expect(dialog.getByText(/With them go 0 notes, 1 metric values, 0 media files and 0 comments/)).toBeInTheDocument();
    fireEvent.submit(before.closest('form')!);
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(stagesInOrder(view.doc).map((stage) => stage.id)).toEqual(['research', 'buy', 'empty']);
    expect(cardsOf(view.doc, 'research')).toEqual(['reviews', 'prices', 'friend']);
    expect(readEdges(view.doc)).toHaveLength(2);
    act(() => view.undo.undo());
    expect(stagesInOrder(view.doc).map((stage) => stage.id)).toEqual(['research', 'compare', 'buy', 'empty']);
    expect(cardsOf(view.doc, 'compare')).toEqual(['prices', 'friend']);
  });

  it('deletes them too when chosen, and one undo restores all of them', () => {
    const view = renderMap({ doc: journey() });
    askToDelete(view, 'compare');
    const dialog = within(screen.getByRole('dialog'));
    fireEvent.click(dialog.getByRole('radio', { name: /Delete them too/ }));
    fireEvent.click(dialog.getByRole('button', { name: 'Delete stage' }));
    expect(stagesInOrder(view.doc).map((stage) => stage.id)).toEqual(['research', 'buy', 'empty']);
    expect([...touchpointsByStage(view.doc).values()].flat().map((tp) => tp.id)).toEqual(['reviews']);
    act(() => view.undo.undo());
    expect(cardsOf(view.doc, 'compare')).toEqual(['prices', 'friend']);
    expect(readEdges(view.doc)).toHaveLength(2);
  });

  it('cancels with Escape and changes nothing; an empty stage goes without asking', () => {
    const view = renderMap({ doc: journey() });
    askToDelete(view, 'compare');
    fireEvent.keyDown(screen.getByRole('dialog'), { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(stagesInOrder(view.doc)).toHaveLength(4);
    act(() => view.store.applyNodeChanges([{ type: 'select', id: 'compare', selected: false }]));
    askToDelete(view, 'empty');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(stagesInOrder(view.doc).map((stage) => stage.id)).toEqual(['research', 'compare', 'buy']);
  });

  it('asks in Italian', () => {
    act(() => useLanguage.getState().setLanguage('it'));
    try {
      const view = renderMap({ doc: journey() });
      askToDelete(view, 'compare');
      const dialog = within(screen.getByRole('dialog', { name: 'Eliminare la fase “Compare”?' }));
      expect(dialog.getByRole('radio', { name: 'Spostali in “Research”' })).toBeChecked();
      expect(dialog.getByRole('radio', { name: 'Spostali in “Buy”' })).not.toBeChecked();
      expect(dialog.getByRole('button', { name: 'Elimina la fase' })).toBeInTheDocument();
    } finally {
      act(() => useLanguage.getState().setLanguage('en'));
    }
  });
});
