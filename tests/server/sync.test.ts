// Websocket sync between real y-websocket clients: edits, the seeded document, awareness, repair,
// title tracking and deletion.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { encodeAwarenessEntries } from '../../server/sync/protocol';
import { SCHEMA_VERSION } from '../../src/model';
import { connectClient, connectSynced, createMap, rawSocket, startTestServer, waitFor } from './helpers/testServer';

function awarenessFrame(clientId: number, clock: number, state: unknown): Uint8Array {
  const payload = encodeAwarenessEntries([{ clientId, clock, state }]);
  return new Uint8Array([1, ...encodeVarUint(payload.length), ...payload]);
}

function encodeVarUint(n: number): number[] {
  const out: number[] = [];
  while (n > 127) {
    out.push((n & 127) | 128);
    n >>>= 7;
  }
  out.push(n);
  return out;
}

describe('sync', () => {
  it('relays an edit from one client to another', async () => {
    const t = await startTestServer();
    const map = await createMap(t.url);
    const a = await connectSynced(t.wsUrl, map.id, map.editorKey);
    const b = await connectSynced(t.wsUrl, map.id, map.editorKey);

    a.doc.getMap('nodes').set(
      'n1',
      new Y.Map<unknown>([
        ['kind', 'note'],
        ['label', 'Hello'],
      ]),
    );
    await waitFor(() => b.doc.getMap('nodes').has('n1'), 5000, 'edit on b');
    expect((b.doc.getMap('nodes').get('n1') as Y.Map<unknown>).get('label')).toBe('Hello');

    b.doc.getMap('meta').set('goal', 'Ride to work');
    await waitFor(() => a.doc.getMap('meta').get('goal') === 'Ride to work', 5000, 'edit on a');
  });

  it('serves the seeded document to the first client', async () => {
    const t = await startTestServer();
    const map = await createMap(t.url, 'Refund a purchase');
    const a = await connectSynced(t.wsUrl, map.id, map.viewerKey);
    const meta = a.doc.getMap('meta');
    expect(meta.get('title')).toBe('Refund a purchase');
    expect(meta.get('schemaVersion')).toBe(SCHEMA_VERSION);
    expect(typeof meta.get('createdAt')).toBe('string');
  });

  it('relays awareness and removes a client that leaves', async () => {
    const t = await startTestServer();
    const map = await createMap(t.url);
    const a = await connectSynced(t.wsUrl, map.id, map.editorKey);
    const b = await connectSynced(t.wsUrl, map.id, map.viewerKey);
    a.provider.awareness.setLocalStateField('user', { name: 'Ada' });
    const aId = a.doc.clientID;
    await waitFor(
      () =>
        (b.provider.awareness.getStates().get(aId) as { user?: { name: string } } | undefined)?.user?.name === 'Ada',
      5000,
      'a on b',
    );
    b.provider.awareness.setLocalStateField('user', { name: 'Bo' });
    await waitFor(() => a.provider.awareness.getStates().has(b.doc.clientID), 5000, 'viewer awareness on a');

    a.destroy();
    await waitFor(() => !b.provider.awareness.getStates().has(aId), 5000, 'a removed on b');
  });

  it('keeps the presence of a client that reconnected when its old socket is dropped', async () => {
    const t = await startTestServer();
    const map = await createMap(t.url);
    const watcher = await connectSynced(t.wsUrl, map.id, map.viewerKey);
    const old = rawSocket(`${t.wsUrl}/sync/${map.id}?key=${map.editorKey}`);
    await old.opened;
    old.ws.send(awarenessFrame(4242, 1, { name: 'Ada' }));
    await waitFor(() => watcher.provider.awareness.getStates().has(4242), 5000, 'presence');
    const fresh = rawSocket(`${t.wsUrl}/sync/${map.id}?key=${map.editorKey}`);
    await fresh.opened;
    fresh.ws.send(awarenessFrame(4242, 2, { name: 'Ada again' }));
    await waitFor(
      () => (watcher.provider.awareness.getStates().get(4242) as { name?: string } | undefined)?.name === 'Ada again',
      5000,
      'update',
    );
    old.ws.terminate();
    await old.closed;
    fresh.ws.send(new Uint8Array([3])); // a round trip after the old socket's close was handled
    const before = fresh.messages.length;
    await waitFor(() => fresh.messages.length > before, 5000, 'query answer');
    expect(watcher.provider.awareness.getStates().has(4242)).toBe(true);
    fresh.ws.close();
    await waitFor(() => !watcher.provider.awareness.getStates().has(4242), 5000, 'removed with its owner');
  });

  it('repairs a dangling document and relays and stores the repair', async () => {
    const t = await startTestServer();
    const map = await createMap(t.url);
    const a = await connectSynced(t.wsUrl, map.id, map.editorKey);
    const b = await connectSynced(t.wsUrl, map.id, map.editorKey);
    a.doc.getMap('nodes').set('alien', new Y.Map<unknown>([['label', 'no kind at all']])); // not a node: removed (an unknown kind would be kept)
    a.doc.getMap('nodes').set(
      'n1',
      new Y.Map<unknown>([
        ['kind', 'note'],
        ['label', 'kept'],
        ['x', 0],
        ['y', 0],
        ['w', 200],
        ['h', 120],
      ]),
    );
    await waitFor(() => b.doc.getMap('nodes').has('n1'), 5000, 'note on b');
    await waitFor(() => !a.doc.getMap('nodes').has('alien') && !b.doc.getMap('nodes').has('alien'), 5000, 'repair');
    a.destroy();
    b.destroy();
    await waitFor(() => t.server.rooms.size === 0, 5000, 'room unloaded');
    const c = await connectSynced(t.wsUrl, map.id, map.editorKey);
    expect(c.doc.getMap('nodes').has('n1')).toBe(true);
    expect(c.doc.getMap('nodes').has('alien')).toBe(false);
  });

  it('keeps the title of GET /api/maps/:id current', async () => {
    const t = await startTestServer();
    const map = await createMap(t.url, 'Old title');
    const a = await connectSynced(t.wsUrl, map.id, map.editorKey);
    a.doc.getMap('meta').set('title', 'New title');
    const title = async () =>
      (
        (await (
          await fetch(`${t.url}/api/maps/${map.id}`, { headers: { authorization: `Bearer ${map.viewerKey}` } })
        ).json()) as { title: string }
      ).title;
    const start = Date.now();
    while ((await title()) !== 'New title') {
      if (Date.now() - start > 5000) throw new Error('title not updated');
      await new Promise((r) => setTimeout(r, 20));
    }
  });

  it('closes connected clients with 4410 when the map is deleted', async () => {
    const t = await startTestServer();
    const map = await createMap(t.url);
    const a = await connectSynced(t.wsUrl, map.id, map.editorKey);
    const b = await connectSynced(t.wsUrl, map.id, map.viewerKey);
    const closed = new Promise<{ code: number; reason: string }>((resolve) =>
      b.provider.on('closed', (e) => resolve(e)),
    );
    const res = await fetch(`${t.url}/api/maps/${map.id}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${map.editorKey}` },
    });
    expect(res.status).toBe(204);
    expect(await closed).toEqual({ code: 4410, reason: 'map deleted' });
    await waitFor(() => a.closes.includes(4410), 5000, '4410 on a');
    // the stock client stops reconnecting on 44xx
    expect(b.provider.shouldConnect).toBe(false);
    const again = connectClient(t.wsUrl, map.id, map.editorKey);
    await waitFor(() => again.closes.includes(4404), 5000, '4404 for a deleted map');
  });
});
