import { afterEach, describe, expect, it } from 'vitest';
import { act, fireEvent, screen, within } from '@testing-library/react';
import * as Y from 'yjs';
import {
  addPersona,
  addStage,
  addTouchpoint,
  attachMedia,
  readNode,
  readNodes,
  setEmotion,
  setTouchpointPersonas,
} from '../../src/model';
import { useUi } from '../../src/state/uiStore';
import { renderMap } from './renderMap';

// Anna and Bruno read Need and Use the same way; in Buy, Anna orders online happily and Bruno
// queues in the store, annoyed.
function journey() {
  const doc = new Y.Doc();
  addStage(doc, { id: 'need', label: 'Need' });
  addStage(doc, { id: 'buy', label: 'Buy' });
  addStage(doc, { id: 'use', label: 'Use' });
  addPersona(doc, { id: 'anna', name: 'Anna', description: 'Commutes by e-bike' });
  addPersona(doc, { id: 'bruno', name: 'Bruno' });
  const tp = (id: string, stageId: string, label: string, emotion: number, personas: string[], x = 20) => {
    addTouchpoint(doc, { id, stageId, label, x, y: 100 });
    setEmotion(doc, id, emotion);
    if (personas.length) setTouchpointPersonas(doc, id, personas);
  };
  tp('search', 'need', 'Searches for a bike', 1, []);
  tp('online', 'buy', 'Orders online', 2, ['anna']);
  tp('queue', 'buy', 'Queues in the store', -2, ['bruno'], 60);
  tp('ride', 'use', 'Rides to work', 1, []);
  return doc;
}

function openPersonas(doc = journey()) {
  const view = renderMap({ doc });
  fireEvent.click(screen.getByRole('button', { name: 'Personas' }));
  return { view, panel: within(screen.getByTestId('personas-panel')) };
}

const focusCss = () => document.querySelector('[data-testid="focus-styles"]')?.textContent ?? '';

afterEach(() => act(() => useUi.setState({ focus: null, sidebarTab: null })));

describe('personas panel', () => {
  it('lists the personas with how many touchpoints each meets, and adds one', () => {
    const { view, panel } = openPersonas();
    expect(
      within(panel.getByRole('listitem', { name: 'Anna' })).getByText('Meets 3 of 4 touchpoints'),
    ).toBeInTheDocument();
    expect(panel.getByText('Commutes by e-bike')).toBeInTheDocument();
    fireEvent.change(panel.getByLabelText('New persona’s name'), { target: { value: 'Carla' } });
    fireEvent.click(panel.getByRole('button', { name: 'Add' }));
    expect(
      readNodes(view.doc)
        .filter((n) => n.kind === 'persona')
        .map((n) => n.label),
    ).toEqual(expect.arrayContaining(['Anna', 'Bruno', 'Carla']));
    expect(
      within(panel.getByRole('listitem', { name: 'Carla' })).getByText('Meets 2 of 4 touchpoints'),
    ).toBeInTheDocument();
  });

  it('edits a persona and picks a photo among the map’s images', () => {
    const doc = journey();
    const photo = { id: 'a'.repeat(64), name: 'anna.jpg', mime: 'image/jpeg', size: 1200, kind: 'image' as const };
    attachMedia(doc, 'search', photo);
    attachMedia(doc, 'ride', {
      id: 'b'.repeat(64),
      name: 'manual.pdf',
      mime: 'application/pdf',
      size: 900,
      kind: 'document',
    });
    const { view, panel } = openPersonas(doc);
    const card = within(panel.getByRole('listitem', { name: 'Anna' }));
    fireEvent.click(card.getByRole('button', { name: 'Edit Anna' }));
    const goal = card.getByLabelText('New goal');
    fireEvent.change(goal, { target: { value: 'Get to work on time' } });
    fireEvent.keyDown(goal, { key: 'Enter' });
    expect(card.getAllByRole('radio').map((r) => r.getAttribute('aria-label'))).toEqual(
      expect.arrayContaining(['No photo', 'Use anna.jpg as the photo']),
    );
    expect(card.queryByRole('radio', { name: 'Use manual.pdf as the photo' })).toBeNull();
    fireEvent.click(card.getByRole('radio', { name: 'Use anna.jpg as the photo' }));
    expect(readNode(view.doc, 'anna')).toMatchObject({ goals: ['Get to work on time'], photoMediaId: photo.id });
  });

  it('filters the map to one persona: the touchpoints that do not apply dim', () => {
    const { panel } = openPersonas();
    const filter = panel.getByRole('button', { name: 'Show the map as Anna meets it' });
    fireEvent.click(filter);
    expect(filter).toHaveAttribute('aria-pressed', 'true');
    expect(useUi.getState().focus).toEqual({ kind: 'persona', id: 'anna' });
    const css = focusCss();
    expect(css).toContain('[data-id="queue"]');
    for (const applies of ['search', 'online', 'ride']) expect(css).not.toContain(`"${applies}"`);
    expect(screen.getByTestId('focus-banner')).toHaveTextContent('Showing the map as Anna meets it');
    expect(screen.getByTestId('focus-banner')).toHaveTextContent('3 of 4 touchpoints');
    fireEvent.click(filter);
    expect(focusCss()).toBe('');
  });

  it('compares two personas stage by stage and marks where they differ most', () => {
    const { panel } = openPersonas();
    fireEvent.click(panel.getByRole('button', { name: 'Compare side by side' }));
    const dialog = within(screen.getByRole('dialog', { name: 'Anna and Bruno, side by side' }));
    const rows = dialog.getAllByTestId('compare-row');
    expect(rows.map((row) => within(row).getByRole('rowheader').querySelector('.compare-stage')?.textContent)).toEqual([
      'Need',
      'Buy',
      'Use',
    ]);
    // only Anna | both | only Bruno | emotion (Anna's then Bruno's)
    const cells = (row: HTMLElement) => {
      const [onlyA, both, onlyB, emotion] = within(row).getAllByRole('cell');
      const emotions = [...(emotion?.querySelectorAll('.emotion-value') ?? [])].map((e) => e.textContent);
      return [onlyA?.textContent, both?.textContent, onlyB?.textContent, ...emotions];
    };
    const [need, buy, use] = rows.map(cells);
    expect(need).toEqual(['—', 'Searches for a bike', '—', '+1', '+1']);
    expect(buy).toEqual(['Orders online', '—', 'Queues in the store', '+2', '−2']);
    expect(use).toEqual(['—', 'Rides to work', '—', '+1', '+1']);
    expect(within(rows[1] as HTMLElement).getByText(/Differs most/)).toBeInTheDocument();
    expect(within(rows[0] as HTMLElement).queryByText(/Differs most/)).toBeNull();
    expect(within(rows[2] as HTMLElement).queryByText(/Differs most/)).toBeNull();
    const chart = screen.getByTestId('persona-curves');
    expect(chart.querySelectorAll('[data-most-different]')).toHaveLength(1);
    expect(chart.querySelector('[data-curve="a"]')?.getAttribute('d')).toMatch(/^M.*L.*L/); // three points
    expect(chart.querySelector('[data-curve="b"]')?.getAttribute('stroke-dasharray')).toBeTruthy();
    fireEvent.keyDown(window, { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('removes a persona after a confirmation', () => {
    const { view, panel } = openPersonas();
    const card = within(panel.getByRole('listitem', { name: 'Bruno' }));
    fireEvent.click(card.getByRole('button', { name: 'Remove Bruno' }));
    fireEvent.click(card.getByRole('button', { name: 'Remove' }));
    expect(readNode(view.doc, 'bruno')).toBeUndefined();
    expect(panel.getByText('Add a second persona to compare them.')).toBeInTheDocument();
  });
});
