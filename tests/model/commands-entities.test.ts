import { describe, expect, it } from 'vitest';
import {
  PERSONA_COLORS,
  addChannel,
  addNote,
  addOwner,
  addPersona,
  readNode,
  setChannelKind,
  setServedNeeds,
  addNeed,
  setOwnerDetails,
  setPersonaDetails,
} from './model';
import { expectOneTransaction, expectRejected, newDoc } from './helpers';

describe('channels', () => {
  it('addChannel / setChannelKind / setServedNeeds', () => {
    const doc = newDoc();
    addNeed(doc, { label: 'Talk', id: 'talk' });
    addNeed(doc, { label: 'See', id: 'see' });
    addNeed(doc, { label: 'Touch', id: 'touch' });
    const id = expectOneTransaction(doc, () =>
      addChannel(doc, { label: 'Phone', type: 'digital', medium: 'phone', x: 3, y: 4, needIds: ['talk'], id: 'c' }),
    );
    expect(readNode(doc, id)).toEqual({
      id: 'c',
      kind: 'channel',
      label: 'Phone',
      x: 3,
      y: 4,
      w: 160,
      h: 44,
      type: 'digital',
      medium: 'phone',
      needIds: ['talk'],
      needs: [],
    });
    expectOneTransaction(doc, () => setChannelKind(doc, 'c', { type: 'physical' }));
    setChannelKind(doc, 'c', { medium: 'store' });
    expectOneTransaction(doc, () => setServedNeeds(doc, 'c', ['see', 'touch', 'see']));
    expect(readNode(doc, 'c')).toMatchObject({ type: 'physical', medium: 'store', needIds: ['see', 'touch'] });
  });

  it('rejects bad channel input', () => {
    const doc = newDoc();
    addChannel(doc, { label: 'Web', type: 'digital', medium: 'web', id: 'c' });
    addNote(doc, { label: 'n', x: 0, y: 0, id: 'n' });
    expectRejected(
      doc,
      () => addChannel(doc, { label: 'X', type: 'analog' as 'digital', medium: 'web' }),
      'invalid-value',
    );
    expectRejected(
      doc,
      () => addChannel(doc, { label: 'X', type: 'digital', medium: 'fax' as 'web' }),
      'invalid-value',
    );
    expectRejected(
      doc,
      () => addChannel(doc, { label: 'X', type: 'digital', medium: 'web', needIds: ['n'] }),
      'wrong-kind',
    );
    expectRejected(doc, () => setChannelKind(doc, 'c', { medium: 'fax' as 'web' }), 'invalid-value');
    expectRejected(doc, () => setChannelKind(doc, 'n', { medium: 'web' }), 'wrong-kind');
    expectRejected(doc, () => setServedNeeds(doc, 'c', [3 as unknown as string]), 'invalid-id');
    expectRejected(doc, () => setServedNeeds(doc, 'c', ['nope']), 'not-found');
  });
});

describe('owners', () => {
  it('addOwner keeps name and label together; setOwnerDetails', () => {
    const doc = newDoc();
    expectOneTransaction(doc, () =>
      addOwner(doc, { name: ' Ann ', role: 'CX lead', email: 'ann@example.com', id: 'o' }),
    );
    expect(readNode(doc, 'o')).toEqual({
      id: 'o',
      kind: 'owner',
      label: 'Ann',
      name: 'Ann',
      role: 'CX lead',
      email: 'ann@example.com',
      x: 0,
      y: 0,
      w: 170,
      h: 52,
    });
    expectOneTransaction(doc, () => setOwnerDetails(doc, 'o', { role: 'Head of support', email: '' }));
    expect(readNode(doc, 'o')).toMatchObject({ role: 'Head of support', email: '' });
    expectRejected(doc, () => addOwner(doc, { name: 'B', email: 'not an email' }), 'invalid-value');
    expectRejected(doc, () => addOwner(doc, { name: '' }), 'invalid-label');
    expectRejected(doc, () => setOwnerDetails(doc, 'o', { email: 'x@' }), 'invalid-value');
  });
});

describe('personas', () => {
  it('addPersona with palette colour; setPersonaDetails', () => {
    const doc = newDoc();
    expectOneTransaction(doc, () => addPersona(doc, { name: 'Pat', description: 'busy', id: 'p' }));
    addPersona(doc, { name: 'Quinn', color: '#00FF00', id: 'q' });
    expect(readNode(doc, 'p')).toMatchObject({
      kind: 'persona',
      label: 'Pat',
      name: 'Pat',
      description: 'busy',
      goals: [],
      frustrations: [],
      color: PERSONA_COLORS[0],
    });
    expect(readNode(doc, 'q')).toMatchObject({ color: '#00ff00' });
    expectOneTransaction(doc, () =>
      setPersonaDetails(doc, 'p', {
        goals: ['save time'],
        frustrations: ['queues'],
        color: '#111111',
        description: 'very busy',
      }),
    );
    expect(readNode(doc, 'p')).toMatchObject({
      goals: ['save time'],
      frustrations: ['queues'],
      color: '#111111',
      description: 'very busy',
    });
    expectRejected(doc, () => addPersona(doc, { name: 'R', color: '#fff' }), 'invalid-value');
    expectRejected(doc, () => setPersonaDetails(doc, 'p', { goals: [''] }), 'invalid-value');
    expectRejected(doc, () => setPersonaDetails(doc, 'nobody', { color: '#111111' }), 'not-found');
  });
});

describe('notes', () => {
  it('addNote', () => {
    const doc = newDoc();
    expectOneTransaction(doc, () => addNote(doc, { label: 'Remember', x: -10, y: 20, id: 'n' }));
    expect(readNode(doc, 'n')).toEqual({ id: 'n', kind: 'note', label: 'Remember', x: -10, y: 20, w: 200, h: 120 });
    expectRejected(doc, () => addNote(doc, { label: 'x', x: 1e7, y: 0 }), 'invalid-value');
    expectRejected(doc, () => addNote(doc, { label: 'x', x: 0, y: 0, id: '' }), 'invalid-id');
  });
});
