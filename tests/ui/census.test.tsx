// The census tab on the omnichannel support template: the needs × channels matrix for everyone and
// per persona, live edits through the inspector, findings shown on the map, the needs list.
import { beforeEach, describe, expect, it } from 'vitest';
import { act, fireEvent, screen, within } from '@testing-library/react';
import * as Y from 'yjs';
import { applyTemplate, readNodes, setServedNeeds, type PersonaNode } from '../../src/model';
import { useUi } from '../../src/state/uiStore';
import { renderMap } from './renderMap';
import { resetUi } from './metricsFixture';

beforeEach(resetUi);

function supportMap(): Y.Doc {
  const doc = new Y.Doc();
  applyTemplate(doc, 'omnichannel-support', 'en');
  return doc;
}

function openCensus() {
  fireEvent.click(screen.getByRole('button', { name: 'Census' }));
  return within(screen.getByTestId('census-panel'));
}

/** Each matrix row as [need, coverage words]. */
function rows(panel: ReturnType<typeof openCensus>): Array<[string, string]> {
  return panel
    .getAllByRole('row')
    .slice(1)
    .map((row) => {
      const head = row.querySelector('th');
      return [
        head?.querySelector('.need-name')?.textContent ?? '',
        head?.querySelector('.coverage')?.textContent?.trim() ?? '',
      ];
    });
}

describe('census tab', () => {
  it('shows every need with its coverage, and for a persona only its needs with the channels it avoids', () => {
    renderMap({ doc: supportMap() });
    const panel = openCensus();
    expect(rows(panel)).toEqual(
      expect.arrayContaining([
        ['Not repeat the problem', '✕ not covered'],
        ['Talk to a person', '✓ covered'],
        ['Follow up at any time', '✓ covered'],
      ]),
    );
    fireEvent.change(panel.getByLabelText('Seen by'), { target: { value: 'pe-voice' } });
    expect(rows(panel)).toEqual([
      ['Talk to a person', '✓ covered'],
      ['Not repeat the problem', '✕ not covered'], // weight 2 both: the higher priority first
      ['Be called back', '✕ not covered'],
      ['Follow up at any time', '! only avoided channels'], // WhatsApp alone serves it, and Marco avoids WhatsApp
    ]);
    const head = panel.getByRole('columnheader', { name: /WhatsApp/ });
    expect(head).toHaveTextContent('⊘');
    expect(within(head).getByLabelText('avoided')).toBeInTheDocument();
    const cell = panel.getByLabelText('WhatsApp serves “Follow up at any time”');
    expect(cell).toHaveClass('is-avoided');
  });

  it('follows the map live: a channel that starts serving a need covers it', () => {
    const view = renderMap({ doc: supportMap() });
    const panel = openCensus();
    const needId = readNodes(view.doc).find((n) => n.kind === 'need' && n.label === 'Be called back')?.id ?? '';
    act(() => setServedNeeds(view.doc, 'ch-phone', [...phoneNeeds(view.doc), needId]));
    expect(rows(panel)).toContainEqual(['Be called back', '✓ covered']);
  });

  it('shows a finding on the map: the channels it concerns are selected', () => {
    const view = renderMap({ doc: supportMap() });
    const panel = openCensus();
    const findings = within(panel.getByTestId('census-findings'));
    fireEvent.click(findings.getByText('Only WhatsApp serves “Follow up at any time”'));
    const selected = view.store
      .getState()
      .nodes.filter((n) => n.selected)
      .map((n) => n.id)
      .sort();
    expect(selected).toEqual(['ch-whatsapp', 'tp-whatsapp']);
    expect(
      findings.getByText(
        /Marco, wants a person can meet “Follow up at any time” only through channels they avoid: WhatsApp/,
      ),
    ).toBeInTheDocument();
  });

  it('adds a need and removes one only after a confirmation', () => {
    const view = renderMap({ doc: supportMap() });
    const panel = openCensus();
    fireEvent.click(panel.getByRole('tab', { name: 'Needs' }));
    const needsOf = () =>
      readNodes(view.doc)
        .filter((n) => n.kind === 'need')
        .map((n) => n.label);
    fireEvent.change(panel.getByPlaceholderText(/A customer need/), { target: { value: 'Pay in instalments' } });
    fireEvent.click(panel.getByRole('button', { name: 'Add need' }));
    expect(needsOf()).toContain('Pay in instalments');
    fireEvent.click(panel.getByRole('button', { name: 'Remove “Be called back”' }));
    expect(needsOf()).toContain('Be called back'); // asked first
    fireEvent.click(within(panel.getByRole('alertdialog')).getByRole('button', { name: 'Remove' }));
    expect(needsOf()).not.toContain('Be called back');
    const marco = readNodes(view.doc).find((n): n is PersonaNode => n.kind === 'persona' && n.id === 'pe-voice');
    expect(Object.keys(marco?.needWeights ?? {})).toHaveLength(3); // its weight went with it
  });

  it('a channel’s census lists its needs, touchpoints and who prefers or avoids it', () => {
    renderMap({ doc: supportMap() });
    const panel = openCensus();
    fireEvent.click(panel.getByRole('tab', { name: 'Channels' }));
    expect(panel.getByText('5 digital, 0 physical channels')).toBeInTheDocument();
    const phone = within(panel.getByRole('listitem', { name: 'Contact centre phone' }));
    expect(phone.getByText('Talk to a person')).toBeInTheDocument();
    expect(phone.getByText(/preferred: Marco, wants a person/)).toBeInTheDocument();
    expect(phone.getByText(/avoided: Giulia, digital first/)).toBeInTheDocument();
    expect(phone.getByTestId('channel-flags')).toHaveTextContent('Only Contact centre phone serves “Talk to a person”');
    const reviews = within(panel.getByRole('listitem', { name: 'Review site' }));
    expect(reviews.getByTestId('channel-flags')).toHaveTextContent('Only Review site serves “Share the experience”');
  });
});

describe('inspector: needs a node serves, a persona’s preferences', () => {
  it('ticks a need for a channel, and sets a persona’s channel preference and share', () => {
    const view = renderMap({ doc: supportMap() });
    act(() => useUi.getState().setSidebarTab('personas'));
    const personas = within(screen.getByTestId('personas-panel'));
    const card = within(personas.getByRole('listitem', { name: 'Giulia, digital first' }));
    fireEvent.click(card.getByRole('button', { name: /Edit/ }));
    const prefs = within(card.getByTestId('persona-channels'));
    fireEvent.change(prefs.getByLabelText('Review site'), { target: { value: 'avoided' } });
    const share = prefs.getByLabelText('Share of customers who prefer WhatsApp (%)');
    fireEvent.change(share, { target: { value: '65,5' } });
    fireEvent.blur(share);
    const giulia = readNodes(view.doc).find((n): n is PersonaNode => n.id === 'pe-digital' && n.kind === 'persona');
    expect(giulia?.channelPrefs).toMatchObject({ 'ch-reviews': 'avoided', 'ch-whatsapp': 'preferred' });
    expect(giulia?.channelShares).toEqual({ 'ch-whatsapp': 65.5 });
    const needs = within(card.getByTestId('persona-needs'));
    fireEvent.change(needs.getByLabelText('Be called back'), { target: { value: '1' } });
    expect(
      readNodes(view.doc).find((n): n is PersonaNode => n.id === 'pe-digital' && n.kind === 'persona')?.needWeights,
    ).toMatchObject({ [needIdOf(view.doc, 'Be called back')]: 1 });
  });
});

function phoneNeeds(doc: Y.Doc): string[] {
  const phone = readNodes(doc).find((n) => n.id === 'ch-phone');
  return phone?.kind === 'channel' ? phone.needIds : [];
}

function needIdOf(doc: Y.Doc, label: string): string {
  return readNodes(doc).find((n) => n.kind === 'need' && n.label === label)?.id ?? '';
}

describe('persona comparison: preferences side by side', () => {
  it('shows each channel with both personas’ preferences, and the needs they weigh', () => {
    renderMap({ doc: supportMap() });
    act(() => useUi.getState().setSidebarTab('personas'));
    fireEvent.click(within(screen.getByTestId('personas-panel')).getByRole('button', { name: /^Compare/ }));
    const prefs = within(screen.getByTestId('compare-preferences'));
    const phone = prefs
      .getAllByTestId('compare-channel')
      .find((row) => row.textContent?.includes('Contact centre phone'));
    expect([...(phone?.querySelectorAll('td') ?? [])].map((td) => td.textContent)).toEqual([
      '⊘ avoided',
      '♥ preferred',
    ]);
    const review = prefs.queryAllByTestId('compare-channel').find((row) => row.textContent?.includes('Review site'));
    expect(review).toBeUndefined(); // neither says anything about it
    expect(prefs.getByRole('row', { name: /Be called back/ })).toHaveTextContent('—weight 2');
  });
});
