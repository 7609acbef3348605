// Awareness is untrusted input: a peer's live drag is read only when it has the expected shape.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Awareness } from 'y-protocols/awareness';
import { LIVE_DRAG_MAX, readPeers } from '../../src/sync/presence';
import {
  OUTLINE_COLOR_PROPERTY,
  OUTLINE_NAME_ATTRIBUTE,
  applyOutline,
} from '../../src/canvas/presence/RemoteSelections';

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

describe('presence: names and colours are plain values', () => {
  function peerAs(user: unknown) {
    const mine = new Awareness(new Y.Doc());
    mine.states.set(7, { user, selection: ['n1'] });
    return readPeers(mine)[0];
  }

  it('reads a name as one line without control characters, and a colour only as #rrggbb', () => {
    const peer = peerAs({ name: 'E\nx\t}body{display:none}\r\f\u202e', color: 'red;}body{display:none}' });
    expect(peer?.user.name).toBe('E x }body{display:none}');
    expect(peer?.user.color).toBe('#6b7280');
    expect(peerAs({ name: 'Ada', color: '#0072B2' })?.user.color).toBe('#0072B2');
  });

  it('outlines a node through a data attribute and a custom property, never CSS text', () => {
    const element = document.createElement('div');
    element.className = 'react-flow__node';
    applyOutline(element, { name: 'x"]{} body{display:none}', color: '#d55e00' });
    expect(element.getAttribute(OUTLINE_NAME_ATTRIBUTE)).toBe('x"]{} body{display:none}');
    expect(element.style.getPropertyValue(OUTLINE_COLOR_PROPERTY)).toBe('#d55e00');
    expect(document.querySelectorAll('style')).toHaveLength(0);
    applyOutline(element, undefined);
    expect(element.hasAttribute(OUTLINE_NAME_ATTRIBUTE)).toBe(false);
    expect(element.style.getPropertyValue(OUTLINE_COLOR_PROPERTY)).toBe('');
  });
});
