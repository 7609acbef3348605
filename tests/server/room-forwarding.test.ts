// A member's update is stored and relayed as the bytes it sent (Yjs does not encode it again), except
// when those bytes cannot stand for what changed: parts waiting for a dependency, an observer that
// wrote during the apply, or an apply that threw half-way. Then what changed is encoded from the map.
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import { describe, expect, it } from 'vitest';
import { guestActor } from '../../server/auth/actor';
import { Room, type RoomMember } from '../../server/sync/room';
import { silentLog, storeWithMap } from './helpers/rooms';
import type { MemoryStore } from '../../server/storage/memory/store';
import { MESSAGE_SYNC } from '../../server/sync/protocol';

type Member = ReturnType<typeof member>;

/** A room on a memory store that records every append's bytes, with a writer and a reader in it. */
async function recordingRoom(): Promise<{
  room: Room;
  store: MemoryStore;
  writer: Member;
  reader: Member;
  appended: Uint8Array[];
  metaOf(updates: Uint8Array[]): Record<string, unknown>;
}> {
  const store = await storeWithMap('Forwarding');
  const appended: Uint8Array[] = [];
  const append = store.docs.appendUpdate.bind(store.docs);
  store.docs.appendUpdate = (mapId, update) => {
    appended.push(update);
    return append(mapId, update);
  };
  const room = new Room('m1', { store, log: silentLog, compactEvery: 1000, onEmpty() {} });
  await room.loaded;
  await room.whenStored();
  appended.length = 0; // the load's schema migration is not the test's
  const loaded = Y.encodeStateAsUpdate(room.doc);
  /** The meta entries `updates` add to the map as it was loaded (the server's own changes depend on it). */
  const metaOf = (updates: Uint8Array[]): Record<string, unknown> => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, loaded);
    const before = doc.getMap('meta').toJSON();
    for (const update of updates) Y.applyUpdate(doc, update);
    expect(doc.store.pendingStructs).toBeNull();
    const after = doc.getMap('meta').toJSON();
    return Object.fromEntries(Object.entries(after).filter(([key]) => !(key in before)));
  };
  const writer = member('editor');
  const reader = member('viewer');
  room.add(writer);
  room.add(reader);
  return { room, store, writer, reader, appended, metaOf };
}

function member(role: 'editor' | 'viewer'): RoomMember & { payloads: Uint8Array[] } {
  const payloads: Uint8Array[] = [];
  return {
    role,
    actor: guestActor(role),
    awarenessIds: new Set(),
    payloads,
    send(frame) {
      const decoder = decoding.createDecoder(frame);
      if (decoding.readVarUint(decoder) !== MESSAGE_SYNC || decoding.readVarUint(decoder) !== 2) return;
      payloads.push(decoding.readVarUint8Array(decoder));
    },
    close() {},
  };
}

/** An update of a client of its own that sets meta[key] = value. */
function setKey(key: string, value: number): Uint8Array {
  const doc = new Y.Doc();
  doc.getMap('meta').set(key, value);
  return Y.encodeStateAsUpdate(doc);
}

describe("a member's own bytes", () => {
  it('are what is stored and relayed when all of them went in', async () => {
    const { room, writer, reader, appended } = await recordingRoom();
    const update = setKey('a', 1);
    room.applyClientUpdate(writer, update);
    await room.whenStored();
    expect(appended).toHaveLength(1);
    expect(appended[0]).toBe(update); // not an encoding of the change made by Yjs
    expect(reader.payloads).toEqual([update]);
    expect(writer.payloads).toEqual([]); // no echo
  });

  it('store nothing when they change nothing (sent twice)', async () => {
    const { room, writer, appended } = await recordingRoom();
    const update = setKey('a', 1);
    room.applyClientUpdate(writer, update);
    room.applyClientUpdate(writer, update);
    await room.whenStored();
    expect(appended).toHaveLength(1);
  });

  it('are not stored when part of them waits for a dependency: only what went in is, and the map reloads', async () => {
    const { room, store, writer, reader, appended, metaOf } = await recordingRoom();
    // client B's second change without its first: it waits; client A's change goes in
    const b = new Y.Doc();
    b.getMap('meta').set('b1', 1);
    const bFirst = Y.encodeStateAsUpdate(b);
    b.getMap('meta').set('b2', 2);
    const bSecond = Y.encodeStateAsUpdate(b, Y.encodeStateVectorFromUpdate(bFirst));
    const mixed = Y.mergeUpdates([setKey('a', 1), bSecond]);
    room.applyClientUpdate(writer, mixed);
    await room.whenStored();
    expect(room.doc.store.pendingStructs).not.toBeNull();
    expect(appended).toHaveLength(1);
    expect(appended[0]).not.toBe(mixed);
    expect(metaOf(appended)).toEqual({ a: 1 });
    expect(metaOf(reader.payloads)).toEqual({ a: 1 });

    // a room loaded from what is stored opens (the waiting part would make it refuse: 4500)
    const reloaded = new Room('m1', { store, log: silentLog, compactEvery: 1000, onEmpty() {} });
    await reloaded.loaded;
    expect(reloaded.doc.getMap('meta').get('a')).toBe(1);
    expect(reloaded.doc.getMap('meta').has('b2')).toBe(false);

    // the missing change arrives: both of B's are stored and relayed (the sender gets it back)
    room.applyClientUpdate(writer, bFirst);
    await room.whenStored();
    expect(metaOf(appended)).toEqual({ a: 1, b1: 1, b2: 2 });
    expect(metaOf(reader.payloads)).toEqual({ a: 1, b1: 1, b2: 2 });
    expect(writer.payloads).toHaveLength(1);
  });

  it('are followed, in order, by what an observer wrote during their apply', async () => {
    const { room, writer, reader, appended, metaOf } = await recordingRoom();
    const meta = room.doc.getMap<number>('meta');
    meta.observe((event) => {
      if (event.keysChanged.has('a')) meta.set('seen', (meta.get('a') ?? 0) * 10);
    });
    room.applyClientUpdate(writer, setKey('a', 4));
    await room.whenStored();
    expect(appended).toHaveLength(2);
    expect(metaOf(appended.slice(0, 1))).toMatchObject({ a: 4 }); // the member's change first
    expect(metaOf(appended)).toEqual({ a: 4, seen: 40 });
    expect(metaOf(reader.payloads)).toEqual({ a: 4, seen: 40 });
  });

  it('are encoded from the map when the apply threw half-way: what went in is stored and relayed', async () => {
    const { room, writer, reader, appended, metaOf } = await recordingRoom();
    let throws = true;
    room.doc.getMap('meta').observe(() => {
      if (throws) throw new Error('observer failed');
    });
    const update = setKey('a', 1);
    expect(() => room.applyClientUpdate(writer, update)).toThrow('observer failed');
    throws = false;
    await room.whenStored();
    expect(appended).toHaveLength(1);
    expect(appended[0]).not.toBe(update);
    expect(metaOf(appended)).toEqual({ a: 1 });
    expect(metaOf(reader.payloads)).toEqual({ a: 1 });
    // the next update is forwarded again
    const next = setKey('b', 2);
    room.applyClientUpdate(writer, next);
    await room.whenStored();
    expect(appended[1]).toBe(next);
  });
});
