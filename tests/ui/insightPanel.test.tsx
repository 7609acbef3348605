// The insight panel on a fixture map: transitions worst first (clicking one selects it on the
// canvas), critical touchpoints, emotion by stage and the channel inventory, all live.
import { beforeEach, describe, expect, it } from 'vitest';
import { act, fireEvent, screen, within } from '@testing-library/react';
import { setEmotion } from '../../src/model';
import { useUi } from '../../src/state/uiStore';
import { renderMap } from './renderMap';
import { resetUi, supportJourney } from './metricsFixture';

beforeEach(resetUi);

function openInsight() {
  fireEvent.click(screen.getByRole('button', { name: 'Insight' }));
  return within(screen.getByTestId('insight-panel'));
}

describe('insight panel', () => {
  it('lists channel transitions worst first and follows the map live', () => {
    const view = renderMap({ doc: supportJourney() });
    const panel = openInsight();
    const titles = () =>
      panel
        .getAllByTestId('transition')
        .map((el) => el.querySelector('.insight-item-title')?.textContent?.replace(/\s+/g, ' ').trim());
    expect(titles()).toEqual(['E-mail Contact centre', 'Contact centre WhatsApp']);
    expect(panel.getAllByTestId('transition')[0]).toHaveTextContent('friction 48/100');
    // the caller feels great now: the switch to WhatsApp becomes the worst
    act(() => setEmotion(view.doc, 'call', 2));
    expect(titles()).toEqual(['Contact centre WhatsApp', 'E-mail Contact centre']);
  });

  it('selects a transition’s edge and touchpoints on the canvas', () => {
    const view = renderMap({ doc: supportJourney() });
    const panel = openInsight();
    fireEvent.click(panel.getAllByTestId('transition')[0] as HTMLElement);
    const { nodes, edges } = view.store.getState();
    expect(
      nodes
        .filter((n) => n.selected)
        .map((n) => n.id)
        .sort(),
    ).toEqual(['call', 'mail']);
    expect(edges.filter((e) => e.selected).map((e) => e.id)).toEqual(['e1']);
    expect(useUi.getState().sidebarTab).toBe('insight'); // two nodes selected: the inspector does not take over
  });

  it('shows critical touchpoints, emotion by stage and the channel inventory', () => {
    renderMap({ doc: supportJourney() });
    const panel = openInsight();
    const critical = within(panel.getByTestId('critical'));
    expect(critical.getAllByRole('listitem')[0]).toHaveTextContent('Calls the contact centre');
    expect(critical.getAllByRole('listitem')[0]).toHaveTextContent('CSAT 2.1, target 4'); // no target set: CSAT's green threshold
    const stages = within(panel.getByTestId('emotion-stages')).getAllByRole('listitem');
    expect(stages.map((li) => li.textContent)).toEqual(['Contact-1', 'Resolution-0.5']);
    expect(panel.getByText('Lowest moments')).toBeInTheDocument();
    const matrix = panel.getByTestId('channel-matrix');
    const waRow = within(matrix).getByRole('row', { name: /WhatsApp/ });
    expect([...waRow.querySelectorAll('td')].map((td) => td.textContent)).toEqual(['·', '2']);
    expect(panel.getByText('Digital: 3 channels, 4 touchpoints')).toBeInTheDocument();
    expect(panel.getByText('Physical: 0 channels, 0 touchpoints')).toBeInTheDocument();
  });
});
