// Capability keys on the websocket: refused connections get a 44xx close code and no document
// data; a viewer reads but its edits (live or made offline) are never applied.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { connectClient, connectSynced, createMap, rawSocket, startTestServer, waitFor } from './helpers/testServer';

describe('websocket access', () => {
  it('refuses a missing key, a wrong key and an unknown map before sending anything', async () => {
    const t = await startTestServer();
    const map = await createMap(t.url);
    const cases: [string, number, string][] = [
      [`/sync/${map.id}`, 4401, 'missing key'],
      [`/sync/${map.id}?key=`, 4401, 'missing key'],
      [`/sync/${map.id}?key=AAAAAAAAAAAAAAAAAAAAAA`, 4403, 'wrong key'],
      [`/sync/AAAAAAAAAAAAAAAAAAAAAA?key=${map.editorKey}`, 4404, 'unknown map'],
      [`/sync/not-an-id?key=${map.editorKey}`, 4404, 'unknown map'],
    ];
    for (const [path, code, reason] of cases) {
      const socket = rawSocket(`${t.wsUrl}${path}`);
      expect(await socket.closed, path).toEqual({ code, reason });
      expect(socket.messages, path).toHaveLength(0);
    }
  });

  it('refuses upgrades outside /sync', async () => {
    const t = await startTestServer();
    await expect(rawSocket(`${t.wsUrl}/api/health`).opened).rejects.toThrow(/404/);
    await expect(rawSocket(`${t.wsUrl}/sync`).opened).rejects.toThrow(/404/);
  });

  it('makes the stock client stop on a wrong key', async () => {
    const t = await startTestServer();
    const map = await createMap(t.url);
    const client = connectClient(
      t.wsUrl,
      map.id,
      map.viewerKey.replace(/^./, (c) => (c === 'A' ? 'B' : 'A')),
    );
    const closed = await new Promise<{ code: number }>((resolve) => client.provider.on('closed', resolve));
    expect(closed.code).toBe(4403);
    expect(client.provider.synced).toBe(false);
    expect(client.doc.getMap('meta').size).toBe(0);
  });

  it('lets a viewer read but drops its edits, also offline edits pushed on reconnect', async () => {
    const t = await startTestServer();
    const map = await createMap(t.url);
    const editor = await connectSynced(t.wsUrl, map.id, map.editorKey);
    const viewer = await connectSynced(t.wsUrl, map.id, map.viewerKey);
    const viewerId = viewer.doc.clientID;
    const markerOnEditor = () =>
      (editor.provider.awareness.getStates().get(viewerId) as { marker?: number } | undefined)?.marker;

    // live edit, then an awareness marker on the same socket: once the editor sees the marker,
    // the server has handled the edit before it
    viewer.doc.getMap('meta').set('goal', 'viewer was here');
    viewer.provider.awareness.setLocalStateField('marker', 1);
    await waitFor(() => markerOnEditor() === 1, 5000, 'marker 1');
    expect(editor.doc.getMap('meta').get('goal')).not.toBe('viewer was here');

    // the viewer still receives the editor's edits
    editor.doc.getMap('meta').set('description', 'from the editor');
    await waitFor(
      () => viewer.doc.getMap('meta').get('description') === 'from the editor',
      5000,
      'editor edit on viewer',
    );

    // offline edits travel in the viewer's sync step 2 on reconnect
    viewer.provider.disconnect();
    viewer.doc.getMap('nodes').set(
      'offline',
      new Y.Map<unknown>([
        ['kind', 'note'],
        ['label', 'made offline'],
      ]),
    );
    viewer.provider.connect();
    await viewer.synced();
    viewer.provider.awareness.setLocalStateField('marker', 2);
    await waitFor(() => markerOnEditor() === 2, 5000, 'marker 2');
    expect(editor.doc.getMap('nodes').has('offline')).toBe(false);

    const fresh = await connectSynced(t.wsUrl, map.id, map.editorKey);
    expect(fresh.doc.getMap('nodes').has('offline')).toBe(false);
    expect(fresh.doc.getMap('meta').get('goal')).not.toBe('viewer was here');
    expect(fresh.doc.getMap('meta').get('description')).toBe('from the editor');

    // and nothing of it was stored: after every client left and the room reloaded
    for (const c of [editor, viewer, fresh]) c.destroy();
    await waitFor(() => t.server.rooms.size === 0, 5000, 'room unloaded');
    const reloaded = await connectSynced(t.wsUrl, map.id, map.viewerKey);
    expect(reloaded.doc.getMap('nodes').has('offline')).toBe(false);
    expect(reloaded.doc.getMap('meta').get('description')).toBe('from the editor');
  });
});
