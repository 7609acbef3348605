// Issue 17, finding 5: "delete everything" is recoverable. An editor's transaction removing ≥ 20 % of
// the nodes (at least 3) or the title gets an automatic version of the document just before it, which
// restores everything up to that moment; ordinary deletions make none. Versions are bounded per map
// (count and bytes), the oldest automatic ones thinned first.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addStage, addTouchpoint } from '../../src/model';
import { versionsToThin } from '../../server/versions/save';
import { api } from './helpers/api';
import {
  connectSynced,
  createMap,
  sleep,
  startTestServer,
  waitFor,
  type CreatedMap,
  type TestServer,
} from './helpers/testServer';

interface Version {
  id: string;
  name: string;
  createdAt: string;
  auto: boolean;
}

const list = async (t: TestServer, map: CreatedMap) =>
  (await api<{ versions: Version[] }>(t.url, 'GET', `/api/maps/${map.id}/versions`, map.viewerKey)).body.versions;
const removalVersions = async (t: TestServer, map: CreatedMap) =>
  (await list(t, map)).filter((v) => v.name.startsWith('Before deleting'));

describe('a version before a large removal', () => {
  it('is stored when an editor deletes every node and the title in one transaction, and restores them', async () => {
    const t = await startTestServer();
    const map = await createMap(t.url, 'Bike shop');
    const client = await connectSynced(t.wsUrl, map.id, map.editorKey);
    addStage(client.doc, { label: 'Discover', id: 'stage' });
    for (let i = 0; i < 20; i++)
      addTouchpoint(client.doc, { stageId: 'stage', label: `Touchpoint ${i}`, id: `tp${i}` });
    const nodes = client.doc.getMap('nodes');
    await waitFor(() => t.server.rooms.size === 1, 5000, 'room');
    await sleep(300);
    // a small deletion: no version
    client.doc.transact(() => nodes.delete('tp0'));
    await sleep(300);
    expect(await removalVersions(t, map)).toEqual([]);
    const before = nodes.size;

    // delete everything, the title too
    client.doc.transact(() => {
      for (const id of [...nodes.keys()]) nodes.delete(id);
      client.doc.getMap('meta').delete('title');
    });
    await waitFor(() => t.logText().includes('automatic version stored before a large removal'), 5000, 'the version');
    const [version] = await removalVersions(t, map);
    expect(version).toMatchObject({ name: `Before deleting ${before} of ${before} nodes and the title`, auto: true });
    if (!version) throw new Error('no version');

    const bytes = await fetch(`${t.url}/api/maps/${map.id}/versions/${version.id}`, {
      headers: { authorization: `Bearer ${map.viewerKey}` },
    });
    const preview = new Y.Doc();
    Y.applyUpdate(preview, new Uint8Array(await bytes.arrayBuffer()));
    expect(preview.getMap('nodes').size).toBe(before);
    expect(preview.getMap('meta').get('title')).toBe('Bike shop');

    const restored = await api(t.url, 'POST', `/api/maps/${map.id}/versions/${version.id}/restore`, map.editorKey);
    expect(restored.status).toBe(200);
    await waitFor(
      () => nodes.size === before && client.doc.getMap('meta').get('title') === 'Bike shop',
      5000,
      'restored on the client',
    );
  });

  it('is stored when only the title is removed, not when it is renamed', async () => {
    const t = await startTestServer();
    const map = await createMap(t.url, 'Bike shop');
    const client = await connectSynced(t.wsUrl, map.id, map.editorKey);
    client.doc.getMap('meta').set('title', 'Bike shop, renamed');
    await sleep(300);
    expect(await removalVersions(t, map)).toEqual([]);
    client.doc.getMap('meta').set('title', '   ');
    await waitFor(() => t.logText().includes('automatic version stored before a large removal'), 5000, 'the version');
    expect((await removalVersions(t, map)).map((v) => v.name)).toEqual(['Before deleting the title']);
  });
});

describe('versions per map', () => {
  it('are bounded by count: the oldest automatic ones go first, the newest stays', async () => {
    const t = await startTestServer({ maxVersionsPerMap: 4 });
    const map = await createMap(t.url);
    const client = await connectSynced(t.wsUrl, map.id, map.editorKey);
    client.doc.getMap('meta').set('x', 1); // the first change makes the daily automatic version
    await waitFor(() => t.logText().includes('automatic version stored'), 5000, 'daily version');
    for (let i = 1; i <= 6; i++)
      expect((await api(t.url, 'POST', `/api/maps/${map.id}/versions`, map.editorKey, { name: `v${i}` })).status).toBe(
        201,
      );
    const names = (await list(t, map)).map((v) => v.name);
    expect(names).toEqual(['v6', 'v5', 'v4', 'v3']);
  });

  it('are bounded by bytes', async () => {
    const t = await startTestServer({ maxVersionBytesPerMap: 64 * 1024 });
    const map = await createMap(t.url);
    const client = await connectSynced(t.wsUrl, map.id, map.editorKey);
    client.doc.getMap('meta').set('padding', 'x'.repeat(20_000));
    await sleep(200);
    for (let i = 1; i <= 8; i++)
      expect((await api(t.url, 'POST', `/api/maps/${map.id}/versions`, map.editorKey, { name: `v${i}` })).status).toBe(
        201,
      );
    const kept = await list(t, map);
    expect(kept.length).toBeLessThanOrEqual(3);
    expect(kept[0]?.name).toBe('v8');
  });

  it('thins automatic versions before named ones', () => {
    const sizes = [
      { id: 'a1', auto: true, bytes: 10 },
      { id: 'n1', auto: false, bytes: 10 },
      { id: 'a2', auto: true, bytes: 10 },
      { id: 'n2', auto: false, bytes: 10 },
      { id: 'new', auto: true, bytes: 10 },
    ];
    expect(versionsToThin(sizes, { count: 3, bytes: 1000 }, 'new')).toEqual(['a1', 'a2']);
    expect(versionsToThin(sizes, { count: 10, bytes: 25 }, 'new')).toEqual(['a1', 'a2', 'n1']);
    expect(versionsToThin(sizes, { count: 1, bytes: 1 }, 'new')).toEqual(['a1', 'a2', 'n1', 'n2']);
  });
});
