import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/react';
import { InlineLabel } from '../../src/canvas/InlineLabel';

describe('InlineLabel', () => {
  it('commits a trimmed new label on Enter', () => {
    const onCommit = vi.fn();
    render(<InlineLabel value="Call support" onCommit={onCommit} ariaLabel="Touchpoint name" />);
    fireEvent.doubleClick(screen.getByText('Call support'));
    const input = screen.getByLabelText('Touchpoint name');
    fireEvent.change(input, { target: { value: '  Call the contact centre ' } });
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(onCommit).toHaveBeenCalledWith('Call the contact centre');
    expect(screen.queryByLabelText('Touchpoint name')).toBeNull();
  });

  it('cancels on Escape and ignores an empty or unchanged label', () => {
    const onCommit = vi.fn();
    render(<InlineLabel value="E-mail" onCommit={onCommit} ariaLabel="Name" />);
    fireEvent.doubleClick(screen.getByText('E-mail'));
    fireEvent.change(screen.getByLabelText('Name'), { target: { value: 'Something else' } });
    fireEvent.keyDown(screen.getByLabelText('Name'), { key: 'Escape' });
    fireEvent.doubleClick(screen.getByText('E-mail'));
    fireEvent.change(screen.getByLabelText('Name'), { target: { value: '   ' } });
    fireEvent.keyDown(screen.getByLabelText('Name'), { key: 'Enter' });
    expect(onCommit).not.toHaveBeenCalled();
  });

  it('keeps Delete and Backspace inside the field (they must not delete the node)', () => {
    const outside = vi.fn();
    render(
      <div onKeyDown={outside}>
        <InlineLabel value="Chat" onCommit={() => {}} ariaLabel="Name" />
      </div>,
    );
    fireEvent.doubleClick(screen.getByText('Chat'));
    fireEvent.keyDown(screen.getByLabelText('Name'), { key: 'Backspace' });
    expect(outside).not.toHaveBeenCalled();
  });

  it('cannot be edited when read-only', () => {
    render(<InlineLabel value="Store" onCommit={() => {}} readOnly ariaLabel="Name" />);
    fireEvent.doubleClick(screen.getByText('Store'));
    expect(screen.queryByLabelText('Name')).toBeNull();
  });
});
