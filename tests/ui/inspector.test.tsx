import { describe, expect, it } from 'vitest';
import { act, fireEvent, screen, within } from '@testing-library/react';
import * as Y from 'yjs';
import { addChannel, addStage, addTouchpoint, readNode, setLabel, type TouchpointNode } from '../../src/model';
import { renderMap } from './renderMap';

function journey() {
  const doc = new Y.Doc();
  addStage(doc, { label: 'Contact', id: 'contact' });
  addStage(doc, { label: 'Resolution', id: 'resolution' });
  addChannel(doc, { label: 'WhatsApp', type: 'digital', medium: 'messaging', id: 'wa', x: 0, y: 500 });
  addTouchpoint(doc, { stageId: 'contact', label: 'Calls the contact centre', id: 'call', x: 20, y: 100 });
  return doc;
}

const touchpoint = (doc: Y.Doc) => readNode(doc, 'call') as TouchpointNode;

function select(view: ReturnType<typeof renderMap>, id: string) {
  act(() => view.store.applyNodeChanges([{ type: 'select', id, selected: true }]));
  return within(screen.getByTestId('inspector'));
}

describe('inspector', () => {
  it('appears for the selected node and edits its label, stage and channel through the model', () => {
    const view = renderMap({ doc: journey() });
    expect(screen.queryByTestId('inspector')).toBeNull();
    const inspector = select(view, 'call');
    const label = inspector.getByLabelText('Label');
    fireEvent.focus(label);
    fireEvent.change(label, { target: { value: 'Calls support about the battery' } });
    fireEvent.blur(label);
    fireEvent.change(inspector.getByLabelText('Stage'), { target: { value: 'resolution' } });
    fireEvent.change(inspector.getByLabelText('Channel'), { target: { value: 'wa' } });
    expect(touchpoint(view.doc)).toMatchObject({
      label: 'Calls support about the battery',
      stageId: 'resolution',
      channelId: 'wa',
    });
  });

  it('sets the emotion with the face scale and keeps pain points and opportunities as lists', () => {
    const view = renderMap({ doc: journey() });
    const inspector = select(view, 'call');
    fireEvent.click(
      within(inspector.getByRole('radiogroup', { name: 'Emotion' })).getByRole('radio', { name: /-2 very negative/ }),
    );
    expect(touchpoint(view.doc).emotion).toBe(-2);
    const add = inspector.getByLabelText('New pain point');
    fireEvent.change(add, { target: { value: 'Waited 20 minutes on hold' } });
    fireEvent.keyDown(add, { key: 'Enter' });
    fireEvent.change(inspector.getByLabelText('New opportunity'), { target: { value: 'Offer a call-back' } });
    fireEvent.click(inspector.getByRole('button', { name: 'Add an opportunity' }));
    expect(touchpoint(view.doc)).toMatchObject({
      painPoints: ['Waited 20 minutes on hold'],
      opportunities: ['Offer a call-back'],
    });
    // the card shows the counts as badges and the chosen face
    const card = screen.getByTestId('touchpoint');
    expect(within(card).getByTitle('Pain points')).toHaveTextContent('1');
    expect(within(card).getByTestId('card-emotion')).toHaveAttribute('data-value', '-2');
    // the card's face opens the scale, which sets the emotion too
    fireEvent.click(within(card).getByTestId('card-emotion'));
    fireEvent.click(within(card).getByRole('radio', { name: /\+1 positive/ }));
    expect(touchpoint(view.doc).emotion).toBe(1);
    fireEvent.click(
      within(inspector.getByRole('radiogroup', { name: 'Emotion' })).getByRole('radio', { name: /-2 very negative/ }),
    );
    fireEvent.click(inspector.getByRole('button', { name: 'Remove “Waited 20 minutes on hold”' }));
    expect(touchpoint(view.doc).painPoints).toEqual([]);
  });

  it('follows a remote change of the same node live', () => {
    const view = renderMap({ doc: journey() });
    const inspector = select(view, 'call');
    const remote = new Y.Doc();
    Y.applyUpdate(remote, Y.encodeStateAsUpdate(view.doc));
    setLabel(remote, 'call', 'Renamed by a colleague');
    act(() => Y.applyUpdate(view.doc, Y.encodeStateAsUpdate(remote, Y.encodeStateVector(view.doc))));
    expect(inspector.getByLabelText('Label')).toHaveValue('Renamed by a colleague');
  });

  it('edits a stage colour, goal and owner', () => {
    const view = renderMap({ doc: journey() });
    const inspector = select(view, 'contact');
    fireEvent.click(inspector.getByRole('radio', { name: '#b4584c' }));
    const goal = inspector.getByLabelText('Goal');
    fireEvent.focus(goal);
    fireEvent.change(goal, { target: { value: 'Get the bike fixed quickly' } });
    fireEvent.blur(goal);
    expect(readNode(view.doc, 'contact')).toMatchObject({ color: '#b4584c', goal: 'Get the bike fixed quickly' });
  });

  it('is read-only for a viewer', () => {
    const view = renderMap({ doc: journey(), readOnly: true });
    const inspector = select(view, 'call');
    expect(inspector.getByLabelText('Stage')).toBeDisabled();
    expect(inspector.queryByRole('button', { name: /Remove this/ })).toBeNull();
    expect(inspector.queryByLabelText('New pain point')).toBeNull();
  });
});
