// The overlay on the canvas of an in-memory map, with the server's flows answered by a stub of fetch:
// switched on from the toolbar it draws each step between two cards (designed or a detour, width by
// customers), greys the designed edge nobody takes, puts figures on the cards, highlights a variant
// chosen in the Observed tab, and fetches again when the sync connection says the flows changed.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';
import { addStage, addTouchpoint, connect } from '../../src/model';
import { useObserved } from '../../src/state/observed/observedStore';
import { handleFlowsSignal, MESSAGE_FLOWS_CHANGED } from '../../src/sync/flowsSignal';
import type { Flows } from '../../src/sync/observedApi';
import { renderMap } from './renderMap';

function journey(): Y.Doc {
  const doc = new Y.Doc();
  addStage(doc, { id: 'st1', label: 'Ask' });
  addStage(doc, { id: 'st2', label: 'Solve' });
  addStage(doc, { id: 'st3', label: 'Review' });
  addTouchpoint(doc, { id: 'mail', stageId: 'st1', label: 'Mail' });
  addTouchpoint(doc, { id: 'call', stageId: 'st2', label: 'Call' });
  addTouchpoint(doc, { id: 'review', stageId: 'st3', label: 'Review site' });
  connect(doc, { id: 'e-mail-call', source: 'mail', target: 'call' });
  connect(doc, { id: 'e-call-review', source: 'call', target: 'review' });
  return doc;
}

const FLOWS: Flows = {
  cases: 10,
  events: 24,
  nodes: [
    { id: 'mail', events: 10, cases: 10, starts: 10, ends: 0 },
    { id: 'call', events: 9, cases: 7, starts: 0, ends: 7 },
    { id: 'review', events: 3, cases: 3, starts: 0, ends: 3 },
  ],
  edges: [
    {
      source: 'start',
      target: 'mail',
      transitions: 10,
      cases: 10,
      medianSeconds: null,
      p95Seconds: null,
      designed: null,
    },
    { source: 'mail', target: 'call', transitions: 7, cases: 7, medianSeconds: 3600, p95Seconds: 7200, designed: true },
    {
      source: 'mail',
      target: 'review',
      transitions: 3,
      cases: 3,
      medianSeconds: 120,
      p95Seconds: 300,
      designed: false,
    },
    { source: 'call', target: 'call', transitions: 2, cases: 2, medianSeconds: 600, p95Seconds: 900, designed: false },
  ],
  variants: [
    { path: ['mail', 'call'], cases: 7 },
    { path: ['mail', 'review'], cases: 3 },
  ],
  unmapped: [],
};

function stubServer(flows: Flows = FLOWS) {
  const calls: string[] = [];
  vi.stubGlobal('fetch', async (url: string) => {
    calls.push(String(url));
    return new Response(JSON.stringify(flows), { status: 200, headers: { 'content-type': 'application/json' } });
  });
  return calls;
}

const steps = () =>
  [...document.querySelectorAll<SVGPathElement>('[data-testid="observed-edge"]')].map((path) => ({
    step: `${path.dataset.source}>${path.dataset.target}`,
    designed: path.dataset.designed,
    back: path.dataset.back,
    width: Number(path.getAttribute('stroke-width')),
    kind: path.parentElement!.classList.contains('is-detour') ? 'detour' : 'designed',
    lit: path.parentElement!.classList.contains('is-highlighted'),
  }));

afterEach(() => {
  vi.unstubAllGlobals();
  act(() => useObserved.getState().attach('none', 'none')); // the store is module state: reset it between tests
});

describe('observed overlay on the canvas', () => {
  it('draws the observed steps over the designed map once switched on', async () => {
    const calls = stubServer();
    renderMap({ doc: journey() });
    expect(document.querySelector('[data-testid="observed-layer"]')).toBeNull();
    fireEvent.click(
      within(screen.getByRole('toolbar', { name: 'Map tools' })).getByRole('button', { name: 'Observed' }),
    );
    await waitFor(() => expect(steps()).toHaveLength(3));
    expect(calls).toEqual(['/api/maps/test-map/flows']);
    expect(steps().sort((a, b) => a.step.localeCompare(b.step))).toEqual([
      { step: 'call>call', designed: 'false', back: 'true', width: 4, kind: 'detour', lit: false },
      { step: 'mail>call', designed: 'true', back: 'false', width: 14, kind: 'designed', lit: false },
      { step: 'mail>review', designed: 'false', back: 'false', width: 6, kind: 'detour', lit: false },
    ]);
    // the designed call → review nobody takes is greyed by the overlay's stylesheet
    expect(screen.getByTestId('observed-unused-styles').textContent).toContain('[data-id="e-call-review"]');
    expect(screen.getByTestId('observed-unused-styles').textContent).not.toContain('e-mail-call');
    // figures on the cards: drop-out only before the last stage
    const figures = (id: string) =>
      document.querySelector(`[data-testid="observed-card"][data-id="${id}"]`)?.textContent;
    expect(figures('call')).toBe('7 customers7 drop out');
    expect(figures('review')).toBe('3 customers');
    expect(screen.getByTestId('observed-legend').textContent).toContain('10 customers · 24 contacts');
  });

  it('offers the attribute names and values the server lists as choices, and filters by the one chosen', async () => {
    const calls = stubServer({ ...FLOWS, attributes: { segment: ['basic', 'gold'], country: ['IT'] } });
    renderMap({ doc: journey() });
    fireEvent.click(within(screen.getByRole('navigation')).getByRole('button', { name: 'Observed' }));
    fireEvent.click(within(screen.getByTestId('observed-panel')).getByTestId('observed-toggle'));
    await waitFor(() => expect(steps()).toHaveLength(3));
    const filters = screen.getByTestId('observed-filters');
    const name = within(filters).getByLabelText('Attribute');
    expect(name.tagName).toBe('SELECT');
    expect([...(name as HTMLSelectElement).options].map((o) => o.value)).toEqual(['', 'country', 'segment']);
    fireEvent.change(name, { target: { value: 'segment' } });
    const value = within(filters).getByLabelText('Value');
    expect(value.tagName).toBe('SELECT');
    expect([...(value as HTMLSelectElement).options].map((o) => o.value)).toEqual(['', 'basic', 'gold']);
    fireEvent.change(value, { target: { value: 'gold' } });
    fireEvent.click(within(filters).getByRole('button', { name: 'Filter' }));
    await waitFor(() => expect(calls.at(-1)).toBe('/api/maps/test-map/flows?attr.segment=gold'));
    // the sidebar remembers its tab: close it for the next test
    fireEvent.click(within(screen.getByRole('navigation')).getByRole('button', { name: 'Observed' }));
  });

  it('highlights a variant chosen in the Observed tab and refetches when the flows change', async () => {
    const calls = stubServer();
    renderMap({ doc: journey() });
    fireEvent.click(within(screen.getByRole('navigation')).getByRole('button', { name: 'Observed' })); // the sidebar tab
    fireEvent.click(within(screen.getByTestId('observed-panel')).getByTestId('observed-toggle'));
    await waitFor(() => expect(steps()).toHaveLength(3));
    fireEvent.click(screen.getAllByTestId('observed-variant')[1]!); // mail → review
    expect(
      steps()
        .filter((s) => s.lit)
        .map((s) => s.step),
    ).toEqual(['mail>review']);

    // a "flows changed" frame on the sync connection: the overlay fetches again
    const provider = { messageHandlers: [] as Array<(e: encoding.Encoder, d: decoding.Decoder) => void> };
    handleFlowsSignal(provider as never, 'test-map');
    const frame = encoding.createEncoder();
    encoding.writeVarString(frame, JSON.stringify({ type: 'flows-changed' }));
    const before = calls.length;
    act(() =>
      provider.messageHandlers[MESSAGE_FLOWS_CHANGED]!(
        encoding.createEncoder(),
        decoding.createDecoder(encoding.toUint8Array(frame)),
      ),
    );
    await waitFor(() => expect(calls.length).toBe(before + 1));
    // a frame for another map, or not about flows, fetches nothing
    handleFlowsSignal(provider as never, 'other-map');
    const other = encoding.createEncoder();
    encoding.writeVarString(other, JSON.stringify({ type: 'something-else' }));
    provider.messageHandlers[MESSAGE_FLOWS_CHANGED]!(
      encoding.createEncoder(),
      decoding.createDecoder(encoding.toUint8Array(other)),
    );
    expect(calls.length).toBe(before + 1);
  });
});
