// An exported picture shows the map, not the editor: the canvas rendered as the map page renders it,
// then the copy a PNG/PDF draws (pictureClone + stripChrome) has no handles, drag grips, resize lines
// or dropdowns, nor anyone's selection outline, and an owner picker prints the owner (or "Unowned").
import { describe, expect, it } from 'vitest';
import { act } from '@testing-library/react';
import {
  TEMPLATES,
  addOwner,
  addStage,
  addTouchpoint,
  applyTemplate,
  assignStageOwner,
  connect,
} from '../../src/model';
import { renderMap } from './renderMap';
import { pictureClone } from '../../src/export/snapshot';
import { CHROME_SELECTOR, stripChrome } from '../../src/export/withoutChrome';
import { applyOutline } from '../../src/canvas/presence/RemoteSelections';

describe('exported pictures without UI chrome', () => {
  it('leaves out handles, grips, resize lines, dropdowns and remote outlines; prints owners as text', async () => {
    const view = renderMap();
    const { doc } = view;
    act(() => {
      const need = addStage(doc, { label: 'Need', id: 'need' });
      addStage(doc, { label: 'Research', id: 'research' });
      const owner = addOwner(doc, { name: 'Giulia Rossi', role: 'Support lead', x: 0, y: -96 });
      assignStageOwner(doc, need, owner);
      const a = addTouchpoint(doc, { stageId: need, label: 'Sees an ad', x: 20, y: 110 });
      const b = addTouchpoint(doc, { stageId: 'research', label: 'Reads reviews', x: 20, y: 110 });
      connect(doc, { source: a, target: b });
    });
    const viewport = await view
      .findByText('Reads reviews')
      .then((el) => el.closest<HTMLElement>('.react-flow__viewport'));
    if (!viewport) throw new Error('no viewport');
    const card = viewport.querySelector<HTMLElement>('.react-flow__node-touchpoint');
    if (card) applyOutline(card, { color: '#aa3377', name: 'Marco' });
    // the canvas itself has all of these (so the test can fail)
    expect(viewport.querySelectorAll(CHROME_SELECTOR).length).toBeGreaterThan(0);
    expect(viewport.querySelectorAll('.react-flow__handle').length).toBeGreaterThan(0);
    expect(viewport.querySelectorAll('.stage-drag-handle').length).toBe(2);
    expect(viewport.querySelectorAll('select').length).toBe(2);
    expect(viewport.querySelectorAll('[data-remote-selected]').length).toBe(1);

    const clone = pictureClone(viewport, stripChrome);
    expect(clone.querySelectorAll(CHROME_SELECTOR)).toHaveLength(0);
    expect(clone.querySelectorAll('select, input, textarea')).toHaveLength(0);
    expect(clone.querySelectorAll('[data-remote-selected]')).toHaveLength(0);
    const owners = [...clone.querySelectorAll('.control-as-text.owner-picker')].map((el) => el.textContent);
    expect(owners).toEqual(['Giulia Rossi', 'Unowned']);
    // the content is all there
    expect(clone.textContent).toContain('Sees an ad');
    expect(clone.textContent).toContain('Reads reviews');
    expect(clone.querySelectorAll('.react-flow__edge')).toHaveLength(1);
    // and the canvas was not touched
    expect(viewport.querySelectorAll('select').length).toBe(2);
  });

  it.each(TEMPLATES.filter((template) => template.id !== 'blank').map((template) => template.id))(
    'leaves the chrome out of the %s template',
    async (templateId) => {
      const view = renderMap();
      act(() => applyTemplate(view.doc, templateId, 'it'));
      const viewport = await view
        .findAllByTestId('touchpoint')
        .then((cards) => cards[0]?.closest<HTMLElement>('.react-flow__viewport'));
      if (!viewport) throw new Error('no viewport');
      const clone = pictureClone(viewport, stripChrome);
      expect(clone.querySelectorAll(`${CHROME_SELECTOR}, select`)).toHaveLength(0);
      expect(clone.querySelectorAll('[data-testid="touchpoint"]').length).toBe(
        viewport.querySelectorAll('[data-testid="touchpoint"]').length,
      );
    },
  );
});
