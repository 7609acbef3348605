// Durability: graceful restarts (in-process and SIGTERM), background compaction, a failed load
// that must not overwrite stored data, and a store that fails to append.
import Database from 'better-sqlite3';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { MemoryStore } from '../../server/storage/memory/store';
import { buildServer } from '../../scripts/buildServer.mjs';
import { startMainProcess } from '../shared/childServer';
import {
  INSERT_BEHIND_THE_SERVERS_BACK,
  connectSynced,
  createMap,
  rawSocket,
  startTestServer,
  tempDir,
  waitFor,
} from './helpers/testServer';

function openDb(dataDir: string): Database.Database {
  return new Database(path.join(dataDir, 'percorso.db'));
}

function counts(dataDir: string, mapId: string): { updates: number; uptoSeq: number } {
  const db = openDb(dataDir);
  try {
    const updates = (db.prepare('SELECT COUNT(*) AS n FROM update_log WHERE map_id = ?').get(mapId) as { n: number }).n;
    const snap = db.prepare('SELECT upto_seq FROM snapshots WHERE map_id = ?').get(mapId) as { upto_seq: number };
    return { updates, uptoSeq: snap.upto_seq };
  } finally {
    db.close();
  }
}

describe('persistence', () => {
  it('keeps edits across a graceful in-process restart and compacts on stop', async () => {
    const dataDir = tempDir();
    const first = await startTestServer({ dataDir });
    const map = await createMap(first.url);
    const a = await connectSynced(first.wsUrl, map.id, map.editorKey);
    for (let i = 0; i < 20; i++) a.doc.getMap('meta').set(`k${i}`, i);
    await waitFor(() => counts(dataDir, map.id).updates === 20, 5000, 'appended');
    await first.close();
    expect(a.closes).toContain(1001);
    a.destroy();
    expect(counts(dataDir, map.id)).toEqual({ updates: 0, uptoSeq: expect.any(Number) });

    const second = await startTestServer({ dataDir });
    const b = await connectSynced(second.wsUrl, map.id, map.viewerKey);
    for (let i = 0; i < 20; i++) expect(b.doc.getMap('meta').get(`k${i}`)).toBe(i);
    expect(b.doc.getMap('meta').get('title')).toBe('Buy a bike');
  });

  // `npm start` runs the bundle (scripts/buildServer.mjs); the other tests run the sources
  it.each([
    ['the sources through tsx', async () => undefined],
    ['the bundle npm start runs', buildServer],
  ])('stops with exit code 0 on SIGTERM and keeps every edit: %s', async (_, build) => {
    const dataDir = tempDir();
    const bundle = await build();
    const proc = await startMainProcess({ dataDir, bundle });
    const map = await createMap(proc.url);
    const a = await connectSynced(proc.wsUrl, map.id, map.editorKey);
    a.doc.getMap('meta').set('goal', 'survive SIGTERM');
    await waitFor(() => counts(dataDir, map.id).updates === 1, 5000, 'appended');
    proc.kill('SIGTERM');
    expect(await proc.exited).toEqual({ code: 0, signal: null });
    expect(a.closes).toContain(1001);
    expect(proc.output()).toMatch(/"msg":"stopped"/);
    for (const key of [map.editorKey, map.viewerKey]) expect(proc.output()).not.toContain(key);
    a.destroy();

    const again = await startMainProcess({ dataDir, bundle });
    const b = await connectSynced(again.wsUrl, map.id, map.editorKey);
    expect(b.doc.getMap('meta').get('goal')).toBe('survive SIGTERM');
    again.kill('SIGINT');
    expect((await again.exited).code).toBe(0);
  });

  it('compacts in the background after compactEvery updates', async () => {
    const t = await startTestServer({ compactEvery: 10 });
    const map = await createMap(t.url);
    const a = await connectSynced(t.wsUrl, map.id, map.editorKey);
    for (let i = 0; i < 35; i++) a.doc.getMap('meta').set(`k${i}`, i);
    await waitFor(() => counts(t.dataDir, map.id).uptoSeq >= 30, 5000, 'compaction');
    expect(counts(t.dataDir, map.id).updates).toBeLessThan(10);
    const b = await connectSynced(t.wsUrl, map.id, map.editorKey);
    expect(b.doc.getMap('meta').get('k34')).toBe(34);
    a.destroy();
    b.destroy();
    await waitFor(() => t.server.rooms.size === 0, 5000, 'unload');
    const c = await connectSynced(t.wsUrl, map.id, map.editorKey);
    for (let i = 0; i < 35; i++) expect(c.doc.getMap('meta').get(`k${i}`)).toBe(i);
  });

  it('refuses a map whose stored data is corrupt with 4500 and never overwrites it', async () => {
    const t = await startTestServer();
    const map = await createMap(t.url);
    const other = await createMap(t.url, 'Healthy');
    const db = openDb(t.dataDir);
    const snapshotBefore = (
      db.prepare('SELECT snapshot FROM snapshots WHERE map_id = ?').get(map.id) as { snapshot: Buffer }
    ).snapshot;
    const scratch = new Y.Doc();
    scratch.getMap('meta').set('goal', 'x'.repeat(100));
    const valid = Y.encodeStateAsUpdate(scratch);
    const corrupt = Buffer.from(valid.subarray(0, valid.length >> 1));
    db.prepare(INSERT_BEHIND_THE_SERVERS_BACK).run(map.id, corrupt);

    const socket = rawSocket(`${t.wsUrl}/sync/${map.id}?key=${map.editorKey}`);
    expect(await socket.closed).toEqual({ code: 4500, reason: 'could not load map' });
    expect(socket.messages).toHaveLength(0);
    await waitFor(() => t.server.rooms.size === 0, 5000, 'failed room dropped');

    const snapshotAfter = (
      db.prepare('SELECT snapshot FROM snapshots WHERE map_id = ?').get(map.id) as { snapshot: Buffer }
    ).snapshot;
    expect(Buffer.compare(snapshotAfter, snapshotBefore)).toBe(0);
    expect((db.prepare('SELECT COUNT(*) AS n FROM update_log WHERE map_id = ?').get(map.id) as { n: number }).n).toBe(
      1,
    );
    db.close();

    const healthy = await connectSynced(t.wsUrl, other.id, other.editorKey);
    expect(healthy.doc.getMap('meta').get('title')).toBe('Healthy');
  });

  it('closes with 4501 and relays nothing when an update cannot be stored', async () => {
    class FlakyStore extends MemoryStore {
      failing = false;
      constructor() {
        super();
        const append = this.docs.appendUpdate.bind(this.docs);
        this.docs.appendUpdate = (mapId: string, update: Uint8Array): Promise<number> =>
          this.failing ? Promise.reject(new Error('disk full')) : append(mapId, update);
      }
    }
    const store = new FlakyStore();
    const t = await startTestServer({ store });
    const map = await createMap(t.url);
    const a = await connectSynced(t.wsUrl, map.id, map.editorKey);
    const b = await connectSynced(t.wsUrl, map.id, map.editorKey);

    store.failing = true;
    a.doc.getMap('meta').set('goal', 'not stored');
    await waitFor(() => a.closes.includes(4501), 5000, '4501 on a');
    expect(b.doc.getMap('meta').get('goal')).not.toBe('not stored');
    expect(t.logText()).toMatch(/could not store update/);
    expect((await fetch(`${t.url}/api/health`)).status).toBe(200);

    // once the store works again the clients reconnect (45xx is transient) and a re-sends its edit
    store.failing = false;
    await waitFor(() => b.doc.getMap('meta').get('goal') === 'not stored', 10_000, 'edit after recovery');
  });
});
