// Awareness is untrusted input: a peer's live drag is read only when it has the expected shape.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Awareness } from 'y-protocols/awareness';
import { LIVE_DRAG_MAX, readPeers } from '../../src/sync/presence';

function peerWith(drag: unknown) {
  const mine = new Awareness(new Y.Doc());
  const theirs = new Awareness(new Y.Doc());
  theirs.setLocalState({ user: { name: 'Marco', color: '#0072b2' }, drag });
  // what a server would relay: their state arrives in my awareness
  mine.states.set(theirs.clientID, theirs.getLocalState() ?? {});
  return readPeers(mine)[0];
}

describe('presence: live drags', () => {
  it('reads the positions of the nodes a peer is dragging', () => {
    expect(peerWith({ a: [10, 20], b: [-5.5, 0] })?.drag).toEqual({ a: [10, 20], b: [-5.5, 0] });
    expect(peerWith(null)?.drag).toBeNull();
  });

  it('drops malformed entries and caps how many nodes one drag may move', () => {
    expect(peerWith({ a: [1, 'x'], b: [1], c: [Number.NaN, 2], d: [3, 4] })?.drag).toEqual({ d: [3, 4] });
    expect(peerWith('a string')?.drag).toBeNull();
    const many = Object.fromEntries(Array.from({ length: LIVE_DRAG_MAX + 50 }, (_, i) => [`n${i}`, [i, i]]));
    expect(Object.keys(peerWith(many)?.drag ?? {})).toHaveLength(LIVE_DRAG_MAX);
  });
});
