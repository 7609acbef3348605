// Colour by a metric: the legend with thresholds, heat-coloured cards with their numbers and status
// words, stage aggregates in the headers, key metrics and "critical" badges on the cards; and a
// metric change re-derives only the nodes it concerns.
import { beforeEach, describe, expect, it } from 'vitest';
import { act, fireEvent, screen, within } from '@testing-library/react';
import * as Y from 'yjs';
import { setMetricValue } from '../../src/model';
import { createJourneyStore } from '../../src/state/journeyStore';
import { useUi } from '../../src/state/uiStore';
import { renderMap } from './renderMap';
import { resetUi, supportJourney } from './metricsFixture';

beforeEach(resetUi);

const card = (label: string) =>
  screen.getAllByTestId('touchpoint').find((el) => el.textContent?.includes(label)) as HTMLElement;

describe('colour by a metric', () => {
  it('shows a legend with icons, words and threshold numbers, and colours each card with its number', () => {
    renderMap({ doc: supportJourney() });
    expect(screen.queryByTestId('heat-legend')).toBeNull();
    fireEvent.change(screen.getByTestId('color-by'), { target: { value: 'csat' } });
    const legend = within(screen.getByTestId('heat-legend'));
    expect(legend.getByText('Colour: CSAT')).toBeInTheDocument();
    const rows = screen.getByTestId('heat-legend').querySelectorAll('li');
    expect([...rows].map((row) => row.textContent)).toEqual([
      '✓on target≥ 4',
      '!watch3 – 4',
      '✕off target≤ 3',
      '∅no data',
    ]);

    const call = card('Calls the contact centre');
    expect(call).toHaveClass('has-heat', 'heat-red');
    const chip = call.querySelector('.heat-chip') as HTMLElement;
    expect(chip).toHaveTextContent('2.1');
    expect(within(chip).getByText('off target')).toBeInTheDocument();
    expect(card('Writes an e-mail')).toHaveClass('heat-green');
    expect(card('Sends photos on WhatsApp')).toHaveClass('heat-amber');
    expect(card('Gets a repair date')).toHaveClass('heat-none');
    expect(within(card('Gets a repair date')).getByText('no data')).toBeInTheDocument();
  });

  it('puts the stage aggregate (mean of its touchpoints) in the stage header, coloured or not', () => {
    const view = renderMap({ doc: supportJourney() });
    act(() => useUi.getState().setColorBy('csat'));
    const header = view.container.querySelector('.react-flow__node[data-id="contact"] .stage-header') as HTMLElement;
    const chip = header.querySelector('.heat-chip') as HTMLElement;
    expect(chip).toHaveTextContent('3.3'); // (4.5 + 2.1) / 2
    expect(chip).toHaveAttribute('data-status', 'amber');
    expect(chip.title).toContain('mean of 2 touchpoints');
    act(() => useUi.getState().setColorBy(null));
    expect(header.querySelector('.heat-chip')).toBeNull();
    // without colour-by, the header shows the aggregate of the cards' first key metric (CSAT)
    expect(header.querySelector('.metric-badge')).toHaveAttribute('title', 'CSAT: 3.3 · watch · mean of 2 touchpoints');
  });

  it('shows the key metrics on the cards (CSAT and drop-off by default) and marks critical touchpoints', () => {
    renderMap({ doc: supportJourney() });
    const call = within(card('Calls the contact centre'));
    expect(call.getByTitle('CSAT: 2.1 · off target')).toBeInTheDocument();
    expect(call.getByTitle('Drop-off: 45% · off target')).toBeInTheDocument();
    expect(call.getByTestId('critical-badge')).toHaveTextContent('Critical #1');
    act(() => useUi.getState().setCardMetrics(['dropoff']));
    expect(call.queryByTitle('CSAT: 2.1 · off target')).toBeNull();
  });
});

describe('metric data in the derived view', () => {
  it('re-creates only the touchpoint whose value changed and its stage (whose aggregate changed)', () => {
    const doc = supportJourney();
    const store = createJourneyStore(doc);
    act(() => useUi.getState().setColorBy('csat'));
    const before = new Map(store.getState().nodes.map((node) => [node.id, node]));
    setMetricValue(doc, { nodeId: 'photos', key: 'csat', value: 4.8, source: 'manual' });
    const after = new Map(store.getState().nodes.map((node) => [node.id, node]));
    for (const id of ['photos', 'resolution']) expect(after.get(id), id).not.toBe(before.get(id));
    for (const id of ['mail', 'call', 'date', 'contact', 'email', 'phone', 'wa'])
      expect(after.get(id), id).toBe(before.get(id));
    store.destroy();
  });

  it('keeps a stage when a touchpoint’s change leaves the stage’s header number as it was', () => {
    const doc = supportJourney();
    const store = createJourneyStore(doc);
    const before = new Map(store.getState().nodes.map((node) => [node.id, node]));
    setMetricValue(doc, { nodeId: 'photos', key: 'dropoff', value: 20, source: 'manual' }); // the header shows CSAT
    const after = new Map(store.getState().nodes.map((node) => [node.id, node]));
    expect(after.get('photos')).not.toBe(before.get('photos'));
    for (const id of ['resolution', 'contact', 'mail', 'call', 'date']) expect(after.get(id), id).toBe(before.get(id));
    store.destroy();
  });

  it('re-creates a channel (and its cards) for the channel’s own value, nothing else', () => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(supportJourney()));
    const store = createJourneyStore(doc);
    act(() => useUi.getState().setColorBy('csat'));
    const before = new Map(store.getState().nodes.map((node) => [node.id, node]));
    setMetricValue(doc, { nodeId: 'email', key: 'csat', value: 4, source: 'manual' }); // a channel's own value
    const after = new Map(store.getState().nodes.map((node) => [node.id, node]));
    // the channel, and the card that shows it; not the other cards or the stages
    for (const id of ['call', 'photos', 'date', 'contact', 'resolution', 'phone', 'wa'])
      expect(after.get(id), id).toBe(before.get(id));
    expect(store.getState().nodes.find((n) => n.id === 'email')?.data).toMatchObject({
      metrics: { heat: { status: 'green', value: 4 } },
    });
    store.destroy();
  });
});
