import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/react';
import { InlineLabel } from '../../src/canvas/InlineLabel';
import { TextField } from '../../src/ui/fields';

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

  it('hands the text back instead of writing it over a rename made while typing', () => {
    const onCommit = vi.fn();
    const onLostRace = vi.fn();
    const props = { onCommit, onLostRace, ariaLabel: 'Name', editing: false };
    const { rerender } = render(<InlineLabel {...props} value="Call" />);
    fireEvent.doubleClick(screen.getByText('Call'));
    fireEvent.change(screen.getByLabelText('Name'), { target: { value: 'Call us' } });
    rerender(<InlineLabel {...props} value="Phone call" />); // someone else renamed it meanwhile
    expect(screen.getByLabelText('Name')).toHaveProperty('value', 'Call us'); // the draft is kept
    fireEvent.keyDown(screen.getByLabelText('Name'), { key: 'Enter' });
    expect(onCommit).not.toHaveBeenCalled();
    expect(onLostRace).toHaveBeenCalledWith('Call us');
  });

  it('keeps the draft when a remote rename arrives while editing started from the keyboard', () => {
    const onCommit = vi.fn();
    const { rerender } = render(<InlineLabel value="Chat" onCommit={onCommit} ariaLabel="Name" editing />);
    fireEvent.change(screen.getByLabelText('Name'), { target: { value: 'Live chat' } });
    rerender(<InlineLabel value="Web chat" onCommit={onCommit} ariaLabel="Name" editing />);
    expect(screen.getByLabelText('Name')).toHaveProperty('value', 'Live chat');
  });
});

describe('TextField, when someone else changes the value during an edit', () => {
  it('hands the typed text back instead of writing over theirs', () => {
    const onCommit = vi.fn();
    const onLostRace = vi.fn();
    const props = { onCommit, onLostRace, ariaLabel: 'Label' };
    const { rerender } = render(<TextField {...props} value="Store" />);
    const input = screen.getByLabelText('Label');
    fireEvent.focus(input);
    fireEvent.change(input, { target: { value: 'Flagship store' } });
    rerender(<TextField {...props} value="Shop" />);
    fireEvent.blur(input);
    expect(onCommit).not.toHaveBeenCalled();
    expect(onLostRace).toHaveBeenCalledWith('Flagship store');
    expect(input).toHaveProperty('value', 'Shop');
  });

  it('writes nothing back when the person only focused and left', () => {
    const onCommit = vi.fn();
    const { rerender } = render(<TextField value="Store" onCommit={onCommit} ariaLabel="Label" />);
    const input = screen.getByLabelText('Label');
    fireEvent.focus(input);
    rerender(<TextField value="Shop" onCommit={onCommit} ariaLabel="Label" />);
    fireEvent.blur(input);
    expect(onCommit).not.toHaveBeenCalled();
    expect(input).toHaveProperty('value', 'Shop');
  });

  it('says when it gains and loses focus', () => {
    const onFocusChange = vi.fn();
    render(<TextField value="Store" onCommit={() => {}} onFocusChange={onFocusChange} ariaLabel="Label" />);
    fireEvent.focus(screen.getByLabelText('Label'));
    fireEvent.blur(screen.getByLabelText('Label'));
    expect(onFocusChange.mock.calls).toEqual([[true], [false]]);
  });
});
