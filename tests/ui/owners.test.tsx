import { afterEach, describe, expect, it } from 'vitest';
import { act, fireEvent, screen, within } from '@testing-library/react';
import * as Y from 'yjs';
import {
  addChannel,
  addComment,
  addOwner,
  addStage,
  addTouchpoint,
  assignStageOwner,
  readNode,
  readNodes,
  setMetricValue,
} from '../../src/model';
import { useUi } from '../../src/state/uiStore';
import { renderMap } from './renderMap';

// Giulia owns Problem and Contact, Marco owns Resolution; Delivery and Follow-up have no owner.
function journey() {
  const doc = new Y.Doc();
  const stages: Array<[string, string]> = [
    ['problem', 'Problem'],
    ['contact', 'Contact'],
    ['resolution', 'Resolution'],
    ['delivery', 'Delivery'],
    ['followup', 'Follow-up'],
  ];
  for (const [id, label] of stages) addStage(doc, { id, label });
  addChannel(doc, { id: 'mail', label: 'E-mail', type: 'digital', medium: 'email', x: 0, y: 500 });
  addChannel(doc, { id: 'chat', label: 'Web chat', type: 'digital', medium: 'messaging', x: 200, y: 500 });
  addTouchpoint(doc, { id: 'writes', stageId: 'problem', label: 'Writes an e-mail', channelId: 'mail', x: 20, y: 100 });
  addTouchpoint(doc, { id: 'calls', stageId: 'contact', label: 'Calls support', x: 20, y: 100 });
  addTouchpoint(doc, {
    id: 'books',
    stageId: 'resolution',
    label: 'Books the repair',
    channelId: 'chat',
    x: 20,
    y: 100,
  });
  addOwner(doc, { id: 'giulia', name: 'Giulia Rossi', role: 'Support lead', email: 'giulia@example.com' });
  addOwner(doc, { id: 'marco', name: 'Marco Bianchi', role: 'Service manager' });
  assignStageOwner(doc, 'problem', 'giulia');
  assignStageOwner(doc, 'contact', 'giulia');
  assignStageOwner(doc, 'resolution', 'marco');
  addComment(doc, { nodeId: 'calls', text: 'Hold times are too long', author: 'Ada', authorId: 'ada' });
  addComment(doc, { nodeId: 'books', text: 'Not Giulia’s', author: 'Ada', authorId: 'ada' });
  setMetricValue(doc, { nodeId: 'writes', key: 'csat', value: 2, source: 'manual' }); // red (≤ 3)
  setMetricValue(doc, { nodeId: 'contact', key: 'ces', value: 2, source: 'manual' }); // green
  setMetricValue(doc, { nodeId: 'books', key: 'csat', value: 1, source: 'manual' }); // red, but Marco's
  return doc;
}

function openOwners(doc = journey()) {
  const view = renderMap({ doc });
  fireEvent.click(screen.getByRole('button', { name: 'Owners' }));
  return { view, panel: within(screen.getByTestId('owners-panel')) };
}

const focusCss = () => document.querySelector('[data-testid="focus-styles"]')?.textContent ?? '';

afterEach(() => act(() => useUi.setState({ focus: null, sidebarTab: null })));

describe('owners panel', () => {
  it('lists the owners with their stages and counts the unowned stages', () => {
    const { panel } = openOwners();
    const giulia = within(panel.getByRole('listitem', { name: 'Giulia Rossi' }));
    expect(giulia.getByText(/Support lead/)).toBeInTheDocument();
    expect(giulia.getByRole('link', { name: 'giulia@example.com' })).toHaveAttribute(
      'href',
      'mailto:giulia@example.com',
    );
    const owned = within(giulia.getByRole('list', { name: 'Stages owned by Giulia Rossi' }));
    expect(owned.getAllByRole('button').map((b) => b.textContent)).toEqual(['Problem', 'Contact']);
    expect(panel.getByTestId('unowned-summary')).toHaveTextContent('2 of 5 stages have no owner');
    expect(panel.getByRole('button', { name: 'Delivery' })).toBeInTheDocument();
    expect(panel.getByRole('button', { name: 'Follow-up' })).toBeInTheDocument();
  });

  it('selects an unowned stage on the canvas, where the inspector offers its owner picker', () => {
    const { view, panel } = openOwners();
    fireEvent.click(panel.getByRole('button', { name: 'Delivery' }));
    expect(
      view.store
        .getState()
        .nodes.filter((n) => n.selected)
        .map((n) => n.id),
    ).toEqual(['delivery']);
    expect(within(screen.getByTestId('inspector')).getByLabelText('Stage owner')).toHaveValue('');
  });

  it('adds, edits and removes an owner through the model', () => {
    const { view, panel } = openOwners();
    fireEvent.change(panel.getByLabelText('New owner’s name'), { target: { value: 'Sara Verdi' } });
    fireEvent.click(panel.getByRole('button', { name: 'Add' }));
    const sara = readNodes(view.doc).find((n) => n.kind === 'owner' && n.name === 'Sara Verdi');
    expect(sara).toBeDefined();
    const card = within(panel.getByRole('listitem', { name: 'Sara Verdi' }));
    fireEvent.click(card.getByRole('button', { name: 'Edit Sara Verdi' }));
    const role = card.getByLabelText('Role');
    fireEvent.focus(role);
    fireEvent.change(role, { target: { value: 'Logistics' } });
    fireEvent.blur(role);
    expect(readNode(view.doc, sara?.id ?? '')).toMatchObject({ role: 'Logistics' });

    const giulia = within(panel.getByRole('listitem', { name: 'Giulia Rossi' }));
    fireEvent.click(giulia.getByRole('button', { name: 'Remove Giulia Rossi' }));
    expect(giulia.getByRole('alertdialog')).toHaveTextContent('These stages will have no owner: Problem, Contact.');
    fireEvent.click(giulia.getByRole('button', { name: 'Remove' }));
    expect(readNode(view.doc, 'giulia')).toBeUndefined();
    expect(readNode(view.doc, 'problem')).toMatchObject({ ownerId: null });
    expect(panel.getByTestId('unowned-summary')).toHaveTextContent('4 of 5 stages have no owner');
  });

  it('"My stages" dims everything outside the owner’s stages and counts what they answer for', () => {
    const { panel } = openOwners();
    expect(focusCss()).toBe('');
    fireEvent.change(panel.getByLabelText('My stages'), { target: { value: 'giulia' } });
    expect(useUi.getState().focus).toEqual({ kind: 'owner', id: 'giulia' });
    const css = focusCss();
    expect(css).toContain('[data-id="books"]'); // a touchpoint outside her stages
    expect(css).toContain('[data-id="resolution"]'); // a stage she does not own
    expect(css).toContain('[data-id="chat"]'); // a channel only used outside
    expect(css).toContain('[data-id="marco"]');
    for (const inside of ['writes', 'calls', 'problem', 'contact', 'mail', 'giulia'])
      expect(css).not.toContain(`"${inside}"`);
    expect(css).toMatch(/opacity: 0\.22/);

    const stats = within(panel.getByTestId('owner-stats'));
    const stat = (name: string) => stats.getByText(name).closest('[data-stat]')?.querySelector('dd')?.textContent;
    expect(stat('Stages')).toBe('2');
    expect(stat('Touchpoints')).toBe('2');
    expect(stat('Open comments')).toBe('1');
    expect(stat('Metrics in the red')).toBe('1');

    const banner = screen.getByTestId('focus-banner');
    expect(banner).toHaveTextContent('Showing the stages of Giulia Rossi');
    expect(banner).toHaveTextContent('2 of 3 touchpoints');
    fireEvent.click(within(banner).getByRole('button', { name: 'Show everything' }));
    expect(useUi.getState().focus).toBeNull();
    expect(focusCss()).toBe('');
    expect(screen.queryByTestId('focus-banner')).toBeNull();
  });

  it('lets a viewer read and focus, but not add, edit or remove', () => {
    renderMap({ doc: journey(), readOnly: true });
    fireEvent.click(screen.getByRole('button', { name: 'Owners' }));
    const panel = within(screen.getByTestId('owners-panel'));
    expect(panel.queryByLabelText('New owner’s name')).toBeNull();
    expect(panel.queryByRole('button', { name: 'Edit Giulia Rossi' })).toBeNull();
    expect(panel.queryByRole('button', { name: 'Remove Giulia Rossi' })).toBeNull();
    fireEvent.change(panel.getByLabelText('My stages'), { target: { value: 'giulia' } });
    expect(focusCss()).toContain('"books"');
  });

  it('drops the focus when the focused owner is removed', () => {
    const { view, panel } = openOwners();
    fireEvent.change(panel.getByLabelText('My stages'), { target: { value: 'marco' } });
    expect(focusCss()).toContain('"writes"');
    const marco = within(panel.getByRole('listitem', { name: 'Marco Bianchi' }));
    fireEvent.click(marco.getByRole('button', { name: 'Remove Marco Bianchi' }));
    fireEvent.click(marco.getByRole('button', { name: 'Remove' }));
    expect(readNode(view.doc, 'marco')).toBeUndefined();
    expect(useUi.getState().focus).toBeNull();
    expect(focusCss()).toBe('');
  });
});
