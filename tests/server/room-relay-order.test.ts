// A room relays an editor's update only once it is stored, and in the order the updates were applied,
// even when the store settles a later append first; a failed append reaches no one and closes the room.
// Its sender gets it back only when it carried in changes of others that were waiting for it.
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import { describe, expect, it } from 'vitest';
import { guestActor } from '../../server/auth/actor';
import { Room, type RoomMember } from '../../server/sync/room';
import { silentLog, storeWithMap } from './helpers/rooms';
import { MESSAGE_SYNC } from '../../server/sync/protocol';

const settle = () => new Promise((resolve) => setImmediate(resolve));

interface Deferred {
  resolve(seq: number): void;
  reject(err: Error): void;
}

/** A memory store whose appends settle only when the test says so. */
async function roomWithHeldAppends(): Promise<{ room: Room; held: Deferred[] }> {
  const store = await storeWithMap('Order');
  const held: Deferred[] = [];
  store.docs.appendUpdate = () => new Promise<number>((resolve, reject) => held.push({ resolve, reject }));
  const room = new Room('m1', { store, log: silentLog, compactEvery: 1000, onEmpty() {} });
  await room.loaded;
  // the load brings the stored map up to the current schema: that append is not the test's
  held.splice(0).forEach((append, i) => append.resolve(i + 1));
  await settle();
  return { room, held };
}

/** `deliveries`, if given, records in order which member each update frame went to. */
function member(
  role: 'editor' | 'viewer',
  deliveries?: { to: string; n: number }[],
  name: string = role,
): RoomMember & { updates: number[]; closes: number[] } {
  const updates: number[] = [];
  const closes: number[] = [];
  return {
    role,
    actor: guestActor(role),
    awarenessIds: new Set(),
    updates,
    closes,
    send(frame) {
      // an update frame (sync, update, payload); each of the test's updates sets one number in meta
      const decoder = decoding.createDecoder(frame);
      if (decoding.readVarUint(decoder) !== MESSAGE_SYNC || decoding.readVarUint(decoder) !== 2) return;
      const doc = new Y.Doc();
      Y.applyUpdate(doc, decoding.readVarUint8Array(decoder));
      for (const value of doc.getMap('meta').values()) {
        updates.push(value as number);
        deliveries?.push({ to: name, n: value as number });
      }
    },
    close(reason) {
      closes.push(reason.code);
    },
  };
}

/** An update that sets meta.n<n> = n, from a client of its own (so it applies without dependencies). */
function setN(n: number): Uint8Array {
  const doc = new Y.Doc();
  doc.getMap('meta').set(`n${n}`, n); // a key of its own: concurrent sets of one key would delete the losers
  return Y.encodeStateAsUpdate(doc);
}

/** A writer and a reader in the room; the writer has applied three updates whose appends are held. */
async function threeUpdatesHeld() {
  const { room, held } = await roomWithHeldAppends();
  const writer = member('editor');
  const reader = member('viewer');
  room.add(writer);
  room.add(reader);
  for (const n of [1, 2, 3]) room.applyClientUpdate(writer, setN(n));
  return { room, held, writer, reader };
}

describe('room relay order', () => {
  it('relays nothing until an update is stored, and keeps the order when a later append settles first', async () => {
    const { room, held, reader } = await threeUpdatesHeld();
    expect(held).toHaveLength(3);

    held[2]?.resolve(3);
    held[1]?.resolve(2);
    await settle();
    expect(reader.updates).toEqual([]); // the first is not stored yet

    let stored = false;
    void room.whenStored().then(() => (stored = true));
    held[0]?.resolve(1);
    await settle();
    expect(reader.updates).toEqual([1, 2, 3]);
    expect(stored).toBe(true);
  });

  it('relays none of a failed append or the ones after it, and closes everyone (4501)', async () => {
    const { room, held, writer, reader } = await threeUpdatesHeld();
    held[0]?.resolve(1);
    held[2]?.resolve(3);
    held[1]?.reject(new Error('disk full'));
    await settle();
    expect(reader.updates).toEqual([1]);
    expect(writer.closes).toContain(4501);
    expect(reader.closes).toContain(4501);
    await expect(room.whenStored()).rejects.toThrow(/could not store/);
  });

  it('relays a stored update to the other members, not back to its sender (it has it)', async () => {
    const { room, held } = await roomWithHeldAppends();
    const deliveries: { to: string; n: number }[] = [];
    const writer = member('editor', deliveries, 'writer');
    room.add(writer);
    room.add(member('viewer', deliveries, 'reader 1'));
    room.add(member('editor', deliveries, 'reader 2'));
    room.applyClientUpdate(writer, setN(1));
    held[0]?.resolve(1);
    await settle();
    expect(deliveries).toEqual([
      { to: 'reader 1', n: 1 },
      { to: 'reader 2', n: 1 },
    ]);
  });

  it('sends it back to its sender too when it let in changes of others that were waiting for it', async () => {
    const { room, held } = await roomWithHeldAppends();
    const deliveries: { to: string; n: number }[] = [];
    const writer = member('editor', deliveries, 'writer');
    const other = member('editor', deliveries, 'other');
    room.add(writer);
    room.add(other);
    // the other's second change arrives without its first: it waits in the room for it
    const doc = new Y.Doc();
    const meta = doc.getMap('meta');
    meta.set('n1', 1);
    const first = Y.encodeStateAsUpdate(doc);
    const before = Y.encodeStateVector(doc);
    meta.set('n2', 2);
    const second = Y.encodeStateAsUpdate(doc, before);
    room.applyClientUpdate(other, second);
    expect(held).toHaveLength(0); // nothing applied, nothing stored
    // the writer forwards the first (it had it from elsewhere): both go in, and the writer lacks the second
    room.applyClientUpdate(writer, first);
    held[0]?.resolve(1);
    await settle();
    expect(deliveries.filter((d) => d.to === 'writer').map((d) => d.n)).toEqual(expect.arrayContaining([1, 2]));
  });
});
