// The template picker on the home page and the creator's browser applying the chosen template once.
import { StrictMode } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import * as Y from 'yjs';
import { HomePage } from '../../src/app/HomePage';
import { ApplyChosenTemplate } from '../../src/app/templates/useApplyTemplate';
import { MapContext } from '../../src/state/session';
import { createJourneyStore } from '../../src/state/journeyStore';
import { db } from '../../src/db/db';
import { useLanguage } from '../../src/i18n';
import { initJourney, readMeta, stagesInOrder } from '../../src/model';

describe('template picker', () => {
  beforeEach(async () => {
    await db.maps.clear();
    window.history.replaceState(null, '', '/');
  });
  afterEach(() => {
    act(() => useLanguage.getState().setLanguage('en'));
    vi.unstubAllGlobals();
  });

  it('offers every template in the current language, blank first and chosen by default', () => {
    render(<HomePage />);
    const radios = screen.getAllByRole('radio', { name: /map|journey|support|blueprint/i });
    expect(radios).toHaveLength(4);
    expect(screen.getByRole('radio', { name: /Blank map/ })).toBeChecked();
    act(() => useLanguage.getState().setLanguage('it'));
    expect(screen.getByRole('radio', { name: /Percorso di acquisto/ })).toBeInTheDocument();
    expect(screen.getByRole('radio', { name: /Assistenza omnicanale/ })).toBeInTheDocument();
  });

  it('creates the map and opens it with the chosen template in the URL', async () => {
    const fetchMock = vi.fn(
      async () =>
        new Response(JSON.stringify({ id: 'new-map', editorKey: 'e'.repeat(22), viewerKey: 'v'.repeat(22) }), {
          status: 201,
        }),
    );
    vi.stubGlobal('fetch', fetchMock);
    render(<HomePage />);
    fireEvent.change(screen.getByLabelText('Map title'), { target: { value: 'Bike shop' } });
    fireEvent.click(screen.getByRole('radio', { name: /Purchase journey/ }));
    fireEvent.click(screen.getByRole('button', { name: 'Create map' }));
    await waitFor(() => expect(window.location.pathname).toBe('/map/new-map'));
    expect(window.location.search).toBe('?template=purchase');
    expect(fetchMock).toHaveBeenCalledTimes(1);
  });
});

function mapContext(doc: Y.Doc, readOnly = false) {
  return {
    mapId: 'tpl-map',
    mapKey: 'k'.repeat(22),
    doc,
    store: createJourneyStore(doc),
    user: { id: 'u', name: 'Tester', color: '#2b4c7e' },
    readOnly,
    run: (action: () => unknown) => (action(), true),
  };
}

describe('applying the chosen template', () => {
  it('fills a new map once after the first sync (StrictMode), then drops the parameter', () => {
    const doc = new Y.Doc();
    initJourney(doc, { title: 'Bike shop' }); // as the server seeds a new map
    window.history.replaceState(null, '', '/map/tpl-map?template=purchase');
    const value = mapContext(doc) as unknown as Parameters<typeof MapContext.Provider>[0]['value'];
    const view = render(
      <StrictMode>
        <MapContext.Provider value={value}>
          <ApplyChosenTemplate synced={false} />
        </MapContext.Provider>
      </StrictMode>,
    );
    expect(stagesInOrder(doc)).toHaveLength(0); // not before the sync
    view.rerender(
      <StrictMode>
        <MapContext.Provider value={value}>
          <ApplyChosenTemplate synced />
        </MapContext.Provider>
      </StrictMode>,
    );
    expect(stagesInOrder(doc).map((stage) => stage.label)).toEqual([
      'Need',
      'Research',
      'Compare',
      'Purchase',
      'Use',
      'Loyalty',
    ]);
    expect(readMeta(doc)).toMatchObject({ title: 'Bike shop', templateId: 'purchase' });
    expect(window.location.search).toBe('');
  });

  it('leaves a map that already has content alone, and a viewer never applies one', () => {
    const doc = new Y.Doc();
    initJourney(doc, { title: 'Shared' });
    window.history.replaceState(null, '', '/map/tpl-map?template=omnichannel-support');
    const value = { ...mapContext(doc, true), mapId: 'viewer-map' } as unknown as Parameters<
      typeof MapContext.Provider
    >[0]['value'];
    render(
      <MapContext.Provider value={value}>
        <ApplyChosenTemplate synced />
      </MapContext.Provider>,
    );
    expect(stagesInOrder(doc)).toHaveLength(0);
    expect(readMeta(doc).templateId).toBe('');
  });
});
