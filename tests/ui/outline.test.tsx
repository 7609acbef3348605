// The outline panel: the map as a tree a keyboard and a screen reader can use, live with the Y doc,
// editable without a pointer (rename, add, move between stages, delete, undo). Rendered with the
// canvas and the sidebar as the map page does, so the canvas's own shortcuts are there too.
import { afterEach, describe, expect, it } from 'vitest';
import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import * as Y from 'yjs';
import { addChannel, addOwner, addStage, addTouchpoint, assignStageOwner, readNode, readNodes } from '../../src/model';
import { useUi } from '../../src/state/uiStore';
import { useLanguage } from '../../src/i18n';
import { renderMap } from './renderMap';

function journey() {
  const doc = new Y.Doc();
  addStage(doc, { id: 'contact', label: 'Contact' });
  addStage(doc, { id: 'repair', label: 'Repair' });
  addChannel(doc, { id: 'phone', label: 'Hotline', type: 'digital', medium: 'phone', x: 0, y: 500 });
  addOwner(doc, { id: 'giulia', name: 'Giulia Rossi' });
  assignStageOwner(doc, 'contact', 'giulia');
  addTouchpoint(doc, { id: 'calls', stageId: 'contact', label: 'Calls support', channelId: 'phone', x: 20, y: 200 });
  addTouchpoint(doc, { id: 'writes', stageId: 'contact', label: 'Writes an e-mail', x: 20, y: 100 });
  addTouchpoint(doc, { id: 'books', stageId: 'repair', label: 'Books the repair', x: 20, y: 100 });
  return doc;
}

afterEach(() => {
  act(() => {
    useUi.getState().setSidebarTab(null);
    useLanguage.getState().setLanguage('en');
  });
});

/** Opens the outline with its keyboard shortcut (O), as a keyboard user does. */
async function openOutline(doc = journey(), options: { readOnly?: boolean } = {}) {
  const view = renderMap({ doc, ...options });
  const user = userEvent.setup();
  await user.keyboard('o');
  const tree = await screen.findByRole('tree', { name: 'Stages and touchpoints' });
  return { ...view, user, tree };
}

/** A row's accessible name: the text of its own line (aria-labelledby), as a screen reader reads it. */
/** A row's name: the element its aria-labelledby names (touchpoints), else its own text (a stage's row). */
const nameOf = (element: Element | null | undefined) => {
  const labelledBy = element?.getAttribute('aria-labelledby');
  return (labelledBy ? document.getElementById(labelledBy) : element)?.textContent ?? null;
};
const focusedName = () => nameOf(document.activeElement);
const touchpointCount = (doc: Y.Doc) => readNodes(doc).filter((node) => node.kind === 'touchpoint').length;

describe('the outline', () => {
  it('lists stages in order with their touchpoints top to bottom, channel and owner, as a tree', async () => {
    const { tree } = await openOutline();
    const stages = within(tree).getAllByRole('treeitem', { name: /touchpoints:/ });
    expect(stages.map((item) => nameOf(item))).toEqual([
      'Contact, owner: Giulia Rossi, touchpoints: 2',
      'Repair, no owner, touchpoints: 1',
    ]);
    expect(stages[0]).toHaveAttribute('aria-level', '1');
    expect(stages[0]).toHaveAttribute('aria-expanded', 'true');
    // the stage row controls its touchpoints' group (a sibling in the DOM, so the row's text is its name)
    const group = document.getElementById(stages[0]!.getAttribute('aria-controls') ?? '');
    expect(group).toHaveAttribute('role', 'group');
    const inContact = within(group!).getAllByRole('treeitem');
    expect(inContact.map((item) => nameOf(item))).toEqual([
      'Writes an e-mail, no channel', // y 100 before y 200
      'Calls support, channel: Hotline',
    ]);
    expect(inContact[0]).toHaveAttribute('aria-level', '2');
    expect(inContact[1]).toHaveAttribute('aria-posinset', '2');
    // one row in the tab order, and the shortcut put the keyboard on it
    expect(tree.querySelectorAll('[tabindex="0"]')).toHaveLength(1);
    expect(focusedName()).toBe('Contact, owner: Giulia Rossi, touchpoints: 2');
  });

  it('follows the document live, also for changes made by someone else', async () => {
    const doc = journey();
    const { tree } = await openOutline(doc);
    const remote = new Y.Doc();
    Y.applyUpdate(remote, Y.encodeStateAsUpdate(doc));
    remote.on('update', (update: Uint8Array) => Y.applyUpdate(doc, update, 'remote'));
    act(() => {
      addTouchpoint(remote, { id: 'chat', stageId: 'repair', label: 'Chats with a technician', x: 20, y: 300 });
      remote.getMap<Y.Map<unknown>>('nodes').get('contact')?.set('label', 'First contact');
    });
    expect(within(tree).getByRole('treeitem', { name: 'Chats with a technician, no channel' })).toBeInTheDocument();
    expect(within(tree).getByRole('treeitem', { name: /^First contact, owner/ })).toBeInTheDocument();
  });

  it('moves with the arrow keys, Home and End, and folds a stage', async () => {
    const { user } = await openOutline();
    await user.keyboard('{ArrowDown}');
    expect(focusedName()).toBe('Writes an e-mail, no channel');
    await user.keyboard('{ArrowDown}{ArrowDown}');
    expect(focusedName()).toBe('Repair, no owner, touchpoints: 1');
    await user.keyboard('{ArrowLeft}'); // folds Repair
    expect(screen.getByRole('treeitem', { name: /^Repair/ })).toHaveAttribute('aria-expanded', 'false');
    await user.keyboard('{End}');
    expect(focusedName()).toBe('Repair, no owner, touchpoints: 1'); // its touchpoint is hidden
    await user.keyboard('{ArrowRight}{ArrowRight}');
    expect(focusedName()).toBe('Books the repair, no channel');
    await user.keyboard('{ArrowLeft}');
    expect(focusedName()).toBe('Repair, no owner, touchpoints: 1');
    await user.keyboard('{Home}');
    expect(focusedName()).toBe('Contact, owner: Giulia Rossi, touchpoints: 2');
  });

  it('renames a touchpoint with F2 and a stage with Enter; Escape leaves the name alone', async () => {
    const doc = journey();
    const { user } = await openOutline(doc);
    await user.keyboard('{ArrowDown}{F2}');
    const field = screen.getByRole('textbox', { name: 'New name for “Writes an e-mail”' });
    expect(field).toHaveFocus();
    await user.keyboard('{Control>}a{/Control}Sends a complaint{Enter}');
    expect(readNode(doc, 'writes')?.label).toBe('Sends a complaint');
    expect(focusedName()).toBe('Sends a complaint, no channel');
    expect(screen.getByTestId('outline-status')).toHaveTextContent('Renamed to “Sends a complaint”.');

    await user.keyboard('{Home}{Enter}');
    await user.keyboard('{Control>}a{/Control}Ignored{Escape}');
    expect(readNode(doc, 'contact')?.label).toBe('Contact');
    expect(focusedName()).toMatch(/^Contact, owner/);
  });

  it('adds a touchpoint named as it is created (one undo step) and a stage, and the canvas adds nothing itself', async () => {
    const doc = journey();
    const { user, undo } = await openOutline(doc);
    await user.keyboard('{ArrowDown}{ArrowDown}{ArrowDown}n'); // on Repair
    await user.keyboard('Picks up the bike{Enter}');
    const added = readNodes(doc).find((node) => node.label === 'Picks up the bike');
    expect(added).toMatchObject({ kind: 'touchpoint', stageId: 'repair' });
    expect(touchpointCount(doc)).toBe(4); // N did not also reach the canvas's own "new touchpoint"
    expect(focusedName()).toBe('Picks up the bike, no channel');

    await user.keyboard('{Shift>}S{/Shift}Follow-up{Enter}');
    expect(
      readNodes(doc)
        .filter((node) => node.kind === 'stage')
        .map((node) => node.label),
    ).toContain('Follow-up');
    expect(focusedName()).toBe('Follow-up, no owner, touchpoints: 0');

    act(() => undo.undo()); // the stage
    act(() => undo.undo()); // the touchpoint, with its name: one step
    expect(touchpointCount(doc)).toBe(3);
    expect(readNodes(doc).some((node) => node.label === 'New touchpoint')).toBe(false);
  });

  it('moves a touchpoint to the next and previous stage with Alt+arrows, and a stage along the order', async () => {
    const doc = journey();
    const { user } = await openOutline(doc);
    await user.keyboard('{ArrowDown}{ArrowDown}'); // Calls support, in Contact
    await user.keyboard('{Alt>}{ArrowDown}{/Alt}');
    expect(readNode(doc, 'calls')).toMatchObject({ stageId: 'repair' });
    expect(focusedName()).toBe('Calls support, channel: Hotline'); // the keyboard stays on it
    expect(screen.getByTestId('outline-status')).toHaveTextContent('“Calls support” moved to Repair.');
    await user.keyboard('{Alt>}{ArrowDown}{/Alt}');
    expect(screen.getByTestId('outline-status')).toHaveTextContent('There is no stage further that way.');
    await user.keyboard('{Alt>}{ArrowUp}{/Alt}');
    expect(readNode(doc, 'calls')).toMatchObject({ stageId: 'contact' });

    await user.keyboard('{End}{ArrowUp}'); // Repair's row
    expect(focusedName()).toMatch(/^Repair/);
    await user.keyboard('{Alt>}{ArrowUp}{/Alt}');
    expect(doc.getArray<string>('stageOrder').toArray()).toEqual(['repair', 'contact']);
    expect(focusedName()).toMatch(/^Repair/);
  });

  it('deletes with Delete, says how to undo, and Ctrl+Z brings it back', async () => {
    const doc = journey();
    const { user } = await openOutline(doc);
    await user.keyboard('{ArrowDown}{Delete}');
    expect(readNode(doc, 'writes')).toBeUndefined();
    expect(screen.getByTestId('outline-status')).toHaveTextContent(
      'Deleted “Writes an e-mail”. Ctrl+Z brings it back.',
    );
    expect(focusedName()).toBe('Calls support, channel: Hotline');
    await user.keyboard('{Control>}z{/Control}');
    expect(readNode(doc, 'writes')?.label).toBe('Writes an e-mail');
    // a stage holding touchpoints asks first, as on the canvas: here its touchpoints move to Repair
    await user.keyboard('{Home}{Delete}');
    const dialog = await screen.findByRole('dialog', { name: 'Delete the stage “Contact”?' });
    expect(readNode(doc, 'contact')).toBeDefined();
    await user.click(within(dialog).getByRole('radio', { name: 'Move them to “Repair”' }));
    await user.click(within(dialog).getByRole('button', { name: 'Delete stage' }));
    expect(readNode(doc, 'contact')).toBeUndefined();
    expect(readNode(doc, 'writes')).toMatchObject({ stageId: 'repair' });
    expect(screen.getByRole('treeitem', { name: 'Repair, no owner, touchpoints: 3' })).toBeInTheDocument();
    expect(focusedName()).toBe('Writes an e-mail, no channel'); // the keyboard is back in the outline, on the next row
    // an empty stage goes at once
    await user.keyboard('{Shift>}S{/Shift}Spare{Enter}{Delete}');
    expect(readNodes(doc).some((node) => node.label === 'Spare')).toBe(false);
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('is read-only for a viewer: it moves, but editing keys change nothing', async () => {
    const doc = journey();
    const before = JSON.stringify(readNodes(doc));
    const { user } = await openOutline(doc, { readOnly: true });
    expect(screen.queryByRole('toolbar', { name: 'Outline actions' })).toBeNull();
    await user.keyboard('{ArrowDown}{F2}n{Delete}{Alt>}{ArrowDown}{/Alt}');
    expect(screen.queryByRole('textbox')).toBeNull();
    expect(JSON.stringify(readNodes(doc))).toBe(before);
  });

  it('opens from the canvas toolbar too, and speaks Italian', async () => {
    act(() => useLanguage.getState().setLanguage('it'));
    const view = renderMap({ doc: journey() });
    const user = userEvent.setup();
    await user.click(
      within(screen.getByRole('toolbar', { name: 'Strumenti della mappa' })).getByRole('button', { name: 'Struttura' }),
    );
    const tree = await screen.findByRole('tree', { name: 'Fasi e touchpoint' });
    expect(
      within(tree).getByRole('treeitem', { name: 'Contact, responsabile: Giulia Rossi, touchpoint: 2' }),
    ).toBeInTheDocument();
    expect(within(tree).getByRole('treeitem', { name: 'Calls support, canale: Hotline' })).toBeInTheDocument();
    view.unmount();
  });
});
