// The comments list resolves and reopens whole threads (one undo step each), and a guest's mentions
// on the open map are counted, listed, and lead to the card.
import { afterEach, describe, expect, it } from 'vitest';
import { act, fireEvent, screen, within } from '@testing-library/react';
import * as Y from 'yjs';
import { addComment, addStage, addTouchpoint, openThreads } from '../../src/model';
import { useUi } from '../../src/state/uiStore';
import { MapMentions } from '../../src/app/inbox/MapMentions';
import { MapContext } from '../../src/state/session';
import { createJourneyStore } from '../../src/state/journeyStore';
import { render } from '@testing-library/react';
import { renderMap } from './renderMap';

function mapWithComments(): Y.Doc {
  const doc = new Y.Doc();
  addStage(doc, { label: 'Support', id: 's1' });
  addTouchpoint(doc, { stageId: 's1', label: 'Call the hotline', id: 't1' });
  addTouchpoint(doc, { stageId: 's1', label: 'Chat', id: 't2' });
  const comment = (nodeId: string, text: string, at: string) =>
    addComment(doc, { nodeId, text, author: 'Ada', authorId: 'ada', knownNames: ['Tester'], at });
  comment('t1', 'Too long a wait', '2026-01-01T10:00:00.000Z');
  comment('t1', '@Tester can you check?', '2026-01-01T11:00:00.000Z');
  comment('t2', 'Fine', '2026-01-01T09:00:00.000Z');
  return doc;
}

afterEach(() => {
  useUi.getState().setSidebarTab(null);
  localStorage.clear();
});

describe('the comments list', () => {
  it('resolves a thread and reopens it, each one undo step', () => {
    const view = renderMap({ doc: mapWithComments() });
    act(() => useUi.getState().setSidebarTab('comments'));
    const panel = screen.getByTestId('comments-panel');
    fireEvent.click(within(panel).getByRole('button', { name: 'Resolve the comments on “Call the hotline”' }));
    expect(openThreads(view.doc).map((thread) => thread.nodeId)).toEqual(['t2']);
    fireEvent.click(within(panel).getByRole('button', { name: 'Show 1 resolved' }));
    const resolved = within(panel).getByRole('list', { name: 'Resolved comments' });
    expect(resolved.textContent).toContain('Call the hotline');
    fireEvent.click(within(resolved).getByRole('button', { name: 'Reopen the comments on “Call the hotline”' }));
    expect(
      openThreads(view.doc)
        .map((thread) => thread.nodeId)
        .sort(),
    ).toEqual(['t1', 't2']);
    act(() => view.undo.undo()); // the reopen
    expect(openThreads(view.doc).map((thread) => thread.nodeId)).toEqual(['t2']);
    act(() => view.undo.undo()); // the resolve, both comments at once
    expect(openThreads(view.doc).find((thread) => thread.nodeId === 't1')?.open).toHaveLength(2);
  });

  it('offers no resolve button to a viewer', () => {
    renderMap({ doc: mapWithComments(), readOnly: true });
    act(() => useUi.getState().setSidebarTab('comments'));
    expect(
      within(screen.getByTestId('comments-panel')).queryByRole('button', { name: /^Resolve the comments/ }),
    ).toBeNull();
  });
});

describe('a guest’s mentions on the map', () => {
  it('counts the unread mention, lists it and goes to the card; the read mark stays in this browser', () => {
    const doc = mapWithComments();
    const store = createJourneyStore(doc);
    const context = {
      mapId: 'm1',
      mapKey: 'k'.repeat(20),
      doc,
      store,
      user: { id: 'me', name: 'tester', color: '#2b4c7e' },
      readOnly: false,
      run: () => true,
    };
    const view = render(
      <MapContext.Provider value={context}>
        <MapMentions />
      </MapContext.Provider>,
    );
    const bell = screen.getByRole('button', { name: 'Mentions, 1 unread' });
    fireEvent.click(bell);
    const list = screen.getByRole('dialog', { name: 'Mentions' });
    expect(list.textContent).toContain('Call the hotline');
    expect(list.textContent).toContain('@Tester can you check?');
    fireEvent.click(within(list).getByRole('button', { name: /Ada/ }));
    expect(store.getState().nodes.find((node) => node.id === 't1')?.selected).toBe(true);
    expect(useUi.getState().sidebarTab).toBe('inspector');
    expect(screen.getByRole('button', { name: 'Mentions' })).toBeTruthy();
    view.unmount();
    render(
      <MapContext.Provider value={context}>
        <MapMentions />
      </MapContext.Provider>,
    );
    expect(screen.getByRole('button', { name: 'Mentions' })).toBeTruthy(); // still read after a reload
  });
});
