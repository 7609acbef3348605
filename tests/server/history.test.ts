// Who changed what (issue #14): changes of a map's nodes are kept with their author — a member by
// their account, a guest by the name they gave — old → new for plain values; moves are not history;
// the map list's updatedAt and createdBy are real.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addStage, addTouchpoint, moveNodes, setLabel, setEmotion } from '../../src/model';
import { addMember, call, connectWithCookie, setupAdmin } from './helpers/accounts';
import { connectClient, startTestServer, waitFor } from './helpers/testServer';

interface Change {
  id: number;
  nodeId: string;
  field: string;
  oldValue: string | null;
  newValue: string | null;
  at: string;
  author: { kind: string; id: string | null; name: string };
}

describe('map history', () => {
  it('names who changed what, old → new, newest first; moves are left out; the list has the real edit time', async () => {
    const t = await startTestServer();
    const ada = await setupAdmin(t.url);
    const bob = await addMember(t.url, ada, 'bob@example.com', 'editor', 'Bob Rossi');
    const created = await call<{ id: string; editorKey: string; viewerKey: string }>(t.url, 'POST', '/api/maps', {
      cookie: ada,
      body: { title: 'Support' },
    });
    const mapId = created.body.id;

    const adaClient = connectWithCookie(t.wsUrl, mapId, ada);
    await adaClient.synced();
    addStage(adaClient.doc, { label: 'Help', id: 'stage1' });
    addTouchpoint(adaClient.doc, { stageId: 'stage1', label: 'Call', id: 'card1' });

    const bobClient = connectWithCookie(t.wsUrl, mapId, bob.cookie);
    await bobClient.synced();
    await waitFor(() => bobClient.doc.getMap('nodes').has('card1'), 5000, 'the card at Bob');
    setLabel(bobClient.doc, 'card1', 'Call the hotline');
    moveNodes(bobClient.doc, [{ id: 'card1', x: 40, y: 300 }]);

    // a guest with the editor key, named "Gus" on the map
    const gus = connectClient(t.wsUrl, mapId, created.body.editorKey, new Y.Doc());
    await gus.synced();
    gus.provider.awareness.setLocalStateField('user', { name: 'Gus', color: '#0072b2' });
    await waitFor(
      () =>
        [...adaClient.provider.awareness.getStates().values()].some(
          (s) => (s.user as { name?: string })?.name === 'Gus',
        ),
      5000,
      'Gus present',
    );
    setEmotion(gus.doc, 'card1', -2);

    const history = async (query: string, key?: string, cookie?: string) =>
      call<{ changes: Change[]; next: number | null }>(t.url, 'GET', `/api/maps/${mapId}/history${query}`, {
        ...(key && { key }),
        ...(cookie && { cookie }),
      });
    let changes: Change[] = [];
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline) {
      changes = (await history('?node=card1', created.body.viewerKey)).body.changes;
      if (changes.some((c) => c.field === 'emotion')) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const rows = changes.map((c) => [c.field, c.oldValue, c.newValue, c.author.kind, c.author.name]);
    expect(rows).toEqual([
      ['emotion', '0', '-2', 'guest', 'Gus'],
      ['label', '"Call"', '"Call the hotline"', 'member', 'Bob Rossi'],
      ['created', null, '"Call"', 'member', 'Ada Admin'],
    ]);
    expect(changes[1]?.author.id).toBe(bob.id);
    expect(changes.some((c) => c.field === 'x' || c.field === 'y')).toBe(false); // a move is not history

    // the whole map's activity, paged
    const first = await history('?limit=2', undefined, bob.cookie);
    expect(first.status).toBe(200);
    expect(first.body.changes).toHaveLength(2);
    expect(first.body.next).toBe(first.body.changes[1]?.id);
    const second = await history(`?limit=50&before=${first.body.next}`, undefined, bob.cookie);
    expect(second.body.changes.map((c) => [c.nodeId, c.field])).toEqual([
      ['card1', 'created'],
      ['stage1', 'created'],
    ]);
    expect(second.body.next).toBeNull();

    // refusals
    expect((await history('?node=card1')).status).toBe(401);
    expect((await history('?node=not an id', created.body.viewerKey)).status).toBe(400);
    expect((await history('?limit=0', created.body.viewerKey)).status).toBe(400);
    expect((await history('?before=-3', created.body.viewerKey)).status).toBe(400);

    // the workspace list: Ada made it, and it was edited after it was made
    const list = await call<{ maps: { id: string; createdAt: string; updatedAt: string; createdBy: unknown }[] }>(
      t.url,
      'GET',
      '/api/maps',
      { cookie: bob.cookie },
    );
    const listed = list.body.maps.find((m) => m.id === mapId);
    expect(listed?.createdBy).toEqual({ id: expect.any(String), name: 'Ada Admin' });
    expect(Date.parse(listed!.updatedAt)).toBeGreaterThan(Date.parse(listed!.createdAt));
  });

  it('keeps history across a restart (rows are written before the server stops)', async () => {
    const first = await startTestServer();
    const created = await call<{ id: string; editorKey: string }>(first.url, 'POST', '/api/maps', {
      body: { title: 'Kept' },
    });
    const client = connectClient(first.wsUrl, created.body.id, created.body.editorKey);
    await client.synced();
    addStage(client.doc, { label: 'S', id: 's1' });
    await new Promise((resolve) => setTimeout(resolve, 300)); // stored, not yet flushed (1 s)
    client.destroy();
    await first.close();
    const second = await startTestServer({ dataDir: first.dataDir });
    const reply = await call<{ changes: Change[] }>(second.url, 'GET', `/api/maps/${created.body.id}/history`, {
      key: created.body.editorKey,
    });
    expect(reply.body.changes.map((c) => [c.nodeId, c.field, c.author.kind])).toEqual([['s1', 'created', 'guest']]);
  });
});
