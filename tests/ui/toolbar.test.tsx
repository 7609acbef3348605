import { describe, expect, it } from 'vitest';
import { act, fireEvent, screen, within } from '@testing-library/react';
import { addStage, addTouchpoint, stagesInOrder, readNodes } from '../../src/model';
import { renderMap } from './renderMap';

const toolbar = () => within(screen.getByRole('toolbar', { name: 'Map tools' }));

describe('canvas toolbar', () => {
  it('adds a stage through the model and shows its column', async () => {
    const { doc } = renderMap();
    fireEvent.click(toolbar().getByRole('button', { name: 'Stage' }));
    expect(stagesInOrder(doc).map((stage) => stage.label)).toEqual(['Stage 1']);
    // the new stage opens its label for editing
    const input = await screen.findByLabelText('Stage name');
    fireEvent.change(input, { target: { value: 'Research' } });
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(stagesInOrder(doc)[0]?.label).toBe('Research');
    expect(await screen.findByText('Research')).toBeInTheDocument();
  });

  it('adds a touchpoint into the first stage when nothing is selected', () => {
    const { doc } = renderMap();
    act(() => void addStage(doc, { label: 'Need', id: 'need' }));
    fireEvent.click(toolbar().getByRole('button', { name: 'Touchpoint' }));
    const touchpoints = readNodes(doc).filter((node) => node.kind === 'touchpoint');
    expect(touchpoints).toHaveLength(1);
    expect(touchpoints[0]).toMatchObject({ kind: 'touchpoint', stageId: 'need', label: 'New touchpoint' });
  });

  it('adds a channel from the channel menu', () => {
    const { doc } = renderMap();
    fireEvent.click(toolbar().getByRole('button', { name: 'Channel' }));
    fireEvent.click(screen.getByRole('menuitem', { name: /WhatsApp/ }));
    expect(readNodes(doc).find((node) => node.kind === 'channel')).toMatchObject({
      label: 'WhatsApp',
      medium: 'messaging',
      type: 'digital',
    });
  });

  it('shows an empty state that creates the first stage', () => {
    const { doc } = renderMap();
    fireEvent.click(screen.getByRole('button', { name: /Add the first stage/ }));
    expect(stagesInOrder(doc)).toHaveLength(1);
  });

  it('offers no editing tools to a viewer', () => {
    const { doc } = renderMap({ readOnly: true });
    act(() => {
      addStage(doc, { label: 'Need', id: 'need' });
      addTouchpoint(doc, { stageId: 'need', label: 'Read a review' });
    });
    expect(toolbar().queryByRole('button', { name: 'Stage' })).toBeNull();
    expect(screen.getByText('View only')).toBeInTheDocument();
    fireEvent.doubleClick(screen.getByText('Read a review'));
    expect(screen.queryByLabelText('Touchpoint name')).toBeNull();
  });

  it('undoes and redoes my last change from the toolbar and with Ctrl+Z / Ctrl+Shift+Z', () => {
    const { doc } = renderMap();
    fireEvent.click(toolbar().getByRole('button', { name: 'Stage' }));
    fireEvent.keyDown(screen.getByLabelText('Stage name'), { key: 'Escape' });
    expect(stagesInOrder(doc)).toHaveLength(1);
    fireEvent.click(toolbar().getByRole('button', { name: 'Undo (Ctrl+Z)' }));
    expect(stagesInOrder(doc)).toHaveLength(0);
    fireEvent.keyDown(window, { key: 'z', ctrlKey: true, shiftKey: true });
    expect(stagesInOrder(doc)).toHaveLength(1);
    fireEvent.keyDown(window, { key: 'z', ctrlKey: true });
    expect(stagesInOrder(doc)).toHaveLength(0);
  });
});
