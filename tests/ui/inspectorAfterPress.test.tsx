// A press that selects a card (React Flow selects a dragged card as its drag starts) opens the
// inspector only when the press ends: opening it takes 360 px from the canvas, which then draws
// every card again, and mounts the fields and note editor — work that must not land in the first
// frames of a drag with the whole map in view (issue 16).
import { describe, expect, it } from 'vitest';
import { act, fireEvent, screen, within } from '@testing-library/react';
import * as Y from 'yjs';
import { addStage, addTouchpoint } from '../../src/model';
import { renderMap } from './renderMap';

function journey() {
  const doc = new Y.Doc();
  addStage(doc, { label: 'Contact', id: 'contact' });
  addTouchpoint(doc, { stageId: 'contact', label: 'Calls the contact centre', id: 'call', x: 20, y: 100 });
  addTouchpoint(doc, { stageId: 'contact', label: 'Reads the FAQ', id: 'faq', x: 20, y: 300 });
  return doc;
}

const select = (view: ReturnType<typeof renderMap>, id: string) =>
  act(() =>
    view.store.applyNodeChanges([
      ...view.store
        .getState()
        .nodes.filter((n) => n.selected)
        .map((n) => ({ type: 'select' as const, id: n.id, selected: false })),
      { type: 'select', id, selected: true },
    ]),
  );

const card = (id: string) => document.querySelector(`.react-flow__node[data-id="${id}"]`) as HTMLElement;

describe('the inspector after a press', () => {
  it('opens when the press that selected a card ends, not while it is held', () => {
    const view = renderMap({ doc: journey() });
    fireEvent.pointerDown(card('call'), { button: 0, isPrimary: true });
    select(view, 'call');
    expect(screen.queryByTestId('inspector')).toBeNull();
    fireEvent.pointerUp(card('call'), { button: 0, isPrimary: true });
    expect(within(screen.getByTestId('inspector')).getByLabelText('Label')).toHaveValue('Calls the contact centre');
  });

  it('keeps showing the card it showed while a press on another card is held', () => {
    const view = renderMap({ doc: journey() });
    select(view, 'call');
    expect(within(screen.getByTestId('inspector')).getByLabelText('Label')).toHaveValue('Calls the contact centre');
    fireEvent.pointerDown(card('faq'), { button: 0, isPrimary: true });
    select(view, 'faq');
    expect(within(screen.getByTestId('inspector')).getByLabelText('Label')).toHaveValue('Calls the contact centre');
    fireEvent.pointerCancel(card('faq'), { button: 0, isPrimary: true });
    expect(within(screen.getByTestId('inspector')).getByLabelText('Label')).toHaveValue('Reads the FAQ');
  });

  it('opens at once for a selection without a press (keyboard, the outline) and for a right-button press', () => {
    const view = renderMap({ doc: journey() });
    fireEvent.pointerDown(card('call'), { button: 2, isPrimary: true });
    select(view, 'call');
    expect(within(screen.getByTestId('inspector')).getByLabelText('Label')).toHaveValue('Calls the contact centre');
    fireEvent.pointerUp(card('call'), { button: 2, isPrimary: true });
    select(view, 'faq');
    expect(within(screen.getByTestId('inspector')).getByLabelText('Label')).toHaveValue('Reads the FAQ');
  });
});
