// The note editor's view of awareness announces only caret-relevant changes (cursor, user, people
// coming and going), so a drag's or a pointer's awareness updates do not redraw an open note.
import { describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate, removeAwarenessStates } from 'y-protocols/awareness';
import { caretAwareness } from '../../src/sync/caretAwareness';

function peer(): Awareness {
  return new Awareness(new Y.Doc());
}

/** Sends `from`'s own state to `to`, as the sync connection does. */
function relay(from: Awareness, to: Awareness): void {
  applyAwarenessUpdate(to, encodeAwarenessUpdate(from, [from.clientID]), 'remote');
}

describe('caretAwareness', () => {
  it('announces caret and user changes and arrivals, not pointer or drag updates', () => {
    const mine = peer();
    const other = peer();
    const carets = caretAwareness(mine);
    const change = vi.fn();
    const update = vi.fn();
    carets.on('change', change);
    carets.on('update', update);

    mine.setLocalStateField('pointer', { x: 1, y: 2 });
    mine.setLocalStateField('drag', { id: 'n1', x: 10, y: 20 });
    expect(change).not.toHaveBeenCalled();
    mine.setLocalStateField('cursor', { anchor: 1, head: 1 });
    expect(change).toHaveBeenCalledTimes(1);
    mine.setLocalStateField('user', { name: 'Ada', color: '#123456' });
    expect(change).toHaveBeenCalledTimes(2);

    other.setLocalStateField('user', { name: 'Bob', color: '#654321' });
    relay(other, mine); // Bob arrives
    expect(change).toHaveBeenCalledTimes(3);
    other.setLocalStateField('pointer', { x: 5, y: 5 });
    relay(other, mine); // Bob only moves his pointer
    expect(change).toHaveBeenCalledTimes(3);
    other.setLocalStateField('cursor', { anchor: 3, head: 4 });
    relay(other, mine); // Bob's caret moves
    expect(change).toHaveBeenCalledTimes(4);
    removeAwarenessStates(mine, [other.clientID], 'remote'); // Bob leaves
    expect(change).toHaveBeenCalledTimes(5);
    expect(update).toHaveBeenCalledTimes(5);

    // reads and writes go through to the map's awareness
    carets.setLocalStateField('cursor', null);
    expect(mine.getLocalState()?.cursor).toBeNull();
    expect(carets.getStates()).toBe(mine.getStates());
    expect(carets.clientID).toBe(mine.clientID);
  });

  it('listens to the map’s awareness only while the editor listens', () => {
    const mine = peer();
    const carets = caretAwareness(mine);
    const before = mine._observers.get('change')?.size ?? 0;
    const listener = vi.fn();
    carets.on('change', listener);
    expect(mine._observers.get('change')?.size ?? 0).toBe(before + 1);
    carets.off('change', listener);
    expect(mine._observers.get('change')?.size ?? 0).toBe(before);
  });
});
