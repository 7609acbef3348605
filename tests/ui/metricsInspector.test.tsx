// The inspector's metrics section and the metric definitions panel, through the model.
import { beforeEach, describe, expect, it } from 'vitest';
import { act, fireEvent, screen, within } from '@testing-library/react';
import { readMetric, readMetricDefs } from '../../src/model';
import { useUi } from '../../src/state/uiStore';
import { renderMap } from './renderMap';
import { resetUi, supportJourney } from './metricsFixture';

beforeEach(resetUi);

function selectNode(view: ReturnType<typeof renderMap>, id: string) {
  act(() => view.store.applyNodeChanges([{ type: 'select', id, selected: true }]));
  return within(screen.getByTestId('metrics-section'));
}

describe('metrics in the inspector', () => {
  it('lists a node’s metrics with status, source and history, and sets a value by hand', () => {
    const view = renderMap({ doc: supportJourney() });
    const section = selectNode(view, 'call');
    const csat = within(section.getByTestId('metric-csat'));
    expect(csat.getByText('off target')).toBeInTheDocument();
    expect(csat.getByText(/API ·/)).toBeInTheDocument();
    expect(csat.getByRole('img', { name: 'History: 2 values, from 2.1 to 2.5' })).toBeInTheDocument();

    const value = csat.getByLabelText('CSAT value');
    fireEvent.focus(value);
    fireEvent.change(value, { target: { value: '4.2' } });
    fireEvent.blur(value);
    expect(readMetric(view.doc, 'call', 'csat')).toMatchObject({ value: 4.2, source: 'manual' });
    expect(readMetric(view.doc, 'call', 'csat')?.history).toHaveLength(3);
    expect(csat.getByText('on target')).toBeInTheDocument();
    expect(csat.getByText(/entered by hand/)).toBeInTheDocument();
  });

  it('adds a value for a new metric and refuses one outside the metric’s range, writing nothing', () => {
    const view = renderMap({ doc: supportJourney() });
    const section = selectNode(view, 'mail');
    fireEvent.change(section.getByLabelText('Metric to add'), { target: { value: 'ces' } });
    const input = section.getByLabelText('New value');
    fireEvent.change(input, { target: { value: '9' } });
    fireEvent.click(section.getByRole('button', { name: 'Add' }));
    expect(section.getByRole('alert')).toHaveTextContent('Customer effort must be between 1 and 7.');
    expect(readMetric(view.doc, 'mail', 'ces')).toBeUndefined();
    fireEvent.change(input, { target: { value: '2' } });
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(readMetric(view.doc, 'mail', 'ces')).toMatchObject({ value: 2, source: 'manual' });
    expect(section.getByTestId('metric-ces')).toBeInTheDocument();
  });

  it('sets and clears a target', () => {
    const view = renderMap({ doc: supportJourney() });
    const section = selectNode(view, 'photos');
    const target = section.getByLabelText('CSAT target');
    fireEvent.focus(target);
    fireEvent.change(target, { target: { value: '4' } });
    fireEvent.blur(target);
    expect(readMetric(view.doc, 'photos', 'csat')?.target).toBe(4);
    expect(section.getByText('target 4')).toBeInTheDocument();
    fireEvent.focus(target);
    fireEvent.change(target, { target: { value: '' } });
    fireEvent.blur(target);
    expect(readMetric(view.doc, 'photos', 'csat')?.target).toBeUndefined();
  });

  it('shows a stage’s touchpoint aggregate', () => {
    const view = renderMap({ doc: supportJourney() });
    const section = selectNode(view, 'contact');
    expect(section.getByText('From its touchpoints')).toBeInTheDocument();
    expect(section.getAllByText('mean of 2 touchpoints').length).toBeGreaterThan(0);
  });
});

describe('metric definitions', () => {
  it('adds a custom metric; wrong thresholds get a clear message and write nothing', () => {
    const view = renderMap({ doc: supportJourney() });
    act(() => useUi.getState().setSidebarTab('metrics'));
    const panel = within(screen.getByTestId('metrics-panel'));
    fireEvent.click(panel.getByRole('button', { name: 'Add a metric' }));
    const form = within(panel.getByRole('form', { name: 'Add a metric' }));
    fireEvent.change(form.getByLabelText('Name'), { target: { value: 'Wait time' } });
    expect(form.getByLabelText('Key')).toHaveValue('wait-time');
    fireEvent.change(form.getByLabelText('Unit'), { target: { value: 'min' } });
    fireEvent.change(form.getByLabelText('Better when'), { target: { value: 'lower' } });
    fireEvent.change(form.getByLabelText('Green from'), { target: { value: '5' } });
    fireEvent.change(form.getByLabelText('Red from'), { target: { value: '2' } });
    fireEvent.click(form.getByRole('button', { name: 'Add metric' }));
    expect(form.getByRole('alert')).toHaveTextContent('When lower is better, green must be at or below red.');
    expect(readMetricDefs(view.doc).some((d) => d.key === 'wait-time')).toBe(false);
    fireEvent.change(form.getByLabelText('Green from'), { target: { value: '2' } });
    fireEvent.change(form.getByLabelText('Red from'), { target: { value: '10' } });
    fireEvent.click(form.getByRole('button', { name: 'Add metric' }));
    expect(readMetricDefs(view.doc).find((d) => d.key === 'wait-time')).toMatchObject({
      label: 'Wait time',
      unit: 'min',
      better: 'lower',
      green: 2,
      red: 10,
    });
    expect(panel.getByTestId('def-wait-time')).toHaveTextContent('Lower is better');
    // it can colour the map at once
    fireEvent.click(panel.getByRole('button', { name: 'Colour the map by Wait time' }));
    expect(useUi.getState().colorBy).toBe('wait-time');
  });
});
