// A map whose stored state is incomplete (its snapshot row gone, or an update row that later ones
// depend on gone) is refused with 4500: never served empty or partial, and never overwritten by a
// new snapshot. Real SQLite in DATA_DIR, rows removed behind the server's back.
import Database from 'better-sqlite3';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  INSERT_BEHIND_THE_SERVERS_BACK,
  connectClient,
  connectSynced,
  createMap,
  startTestServer,
  tempDir,
  waitFor,
  type TestServer,
} from './helpers/testServer';

function withDb<T>(dataDir: string, fn: (db: Database.Database) => T): T {
  const db = new Database(path.join(dataDir, 'percorso.db'));
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

interface Rows {
  snapshot: Buffer | null;
  updates: { seq: number; bytes: Buffer }[];
}

function rowsOf(dataDir: string, mapId: string): Rows {
  return withDb(dataDir, (db) => ({
    snapshot:
      (db.prepare('SELECT snapshot FROM snapshots WHERE map_id = ?').get(mapId) as { snapshot: Buffer } | undefined)
        ?.snapshot ?? null,
    updates: db.prepare('SELECT seq, bytes FROM update_log WHERE map_id = ? ORDER BY seq').all(mapId) as {
      seq: number;
      bytes: Buffer;
    }[],
  }));
}

/** A stock client of the map: the close codes it got before `ms` passed, and whether it ever synced. */
async function tryOpen(
  t: TestServer,
  mapId: string,
  key: string,
  ms = 1500,
): Promise<{ closes: number[]; synced: boolean; keys: number }> {
  const client = connectClient(t.wsUrl, mapId, key);
  await waitFor(() => client.closes.length > 0, 5000, 'a close');
  await new Promise((resolve) => setTimeout(resolve, ms));
  const result = { closes: [...client.closes], synced: client.provider.synced, keys: client.doc.getMap('meta').size };
  client.destroy();
  return result;
}

/** A map with 12 edits of one client, folded into its snapshot when the room unloaded. */
async function editedMap(t: TestServer): Promise<{ id: string; editorKey: string; viewerKey: string }> {
  const map = await createMap(t.url);
  const a = await connectSynced(t.wsUrl, map.id, map.editorKey);
  for (let i = 0; i < 12; i++) a.doc.getMap('meta').set(`k${i}`, i);
  await waitFor(() => rowsOf(t.dataDir, map.id).updates.length === 12, 5000, 'appended');
  a.destroy();
  await waitFor(() => t.server.rooms.size === 0, 5000, 'room unloaded');
  return map;
}

describe('incomplete stored documents', () => {
  it('refuses a map whose snapshot row is missing with 4500 and writes no new snapshot over it', async () => {
    const dataDir = tempDir();
    const t = await startTestServer({ dataDir });
    const map = await editedMap(t);
    // an unload compacts: the log is folded into the snapshot. Delete that snapshot row.
    withDb(dataDir, (db) => db.prepare('DELETE FROM snapshots WHERE map_id = ?').run(map.id));
    const before = rowsOf(dataDir, map.id);
    expect(before.snapshot).toBeNull();

    const attempt = await tryOpen(t, map.id, map.editorKey);
    expect(attempt.closes[0]).toBe(4500);
    expect(attempt.synced).toBe(false);
    expect(attempt.keys).toBe(0); // nothing was served, not even an empty map
    await waitFor(() => t.server.rooms.size === 0, 5000, 'room dropped');
    expect(rowsOf(dataDir, map.id)).toEqual(before); // no snapshot written, no row removed
    expect(t.logText()).toMatch(/stored document is incomplete: the snapshot row is missing/);
    expect(t.logText()).not.toContain(map.editorKey);
    // the rest of the server keeps serving
    const other = await createMap(t.url);
    const fine = await connectSynced(t.wsUrl, other.id, other.editorKey);
    expect(fine.doc.getMap('meta').get('title')).toBe('Buy a bike');
  });

  it('refuses a map whose log misses an update that later ones depend on with 4500, and keeps every row', async () => {
    const dataDir = tempDir();
    const t = await startTestServer({ dataDir });
    const map = await createMap(t.url);
    // 12 edits of one client written into the log as the server appends them; the 6th is lost
    const seed = rowsOf(dataDir, map.id).snapshot;
    if (!seed) throw new Error('no seed snapshot');
    const doc = new Y.Doc();
    Y.applyUpdate(doc, new Uint8Array(seed));
    const updates: Uint8Array[] = [];
    doc.on('update', (update: Uint8Array) => updates.push(update));
    for (let i = 0; i < 12; i++) doc.getMap('meta').set(`k${i}`, i);
    withDb(dataDir, (db) => {
      const insert = db.prepare(INSERT_BEHIND_THE_SERVERS_BACK);
      updates.forEach((update, i) => {
        if (i !== 5) insert.run(map.id, Buffer.from(update));
      });
    });
    const before = rowsOf(dataDir, map.id);
    expect(before.updates).toHaveLength(11);

    const attempt = await tryOpen(t, map.id, map.viewerKey);
    expect(attempt.closes[0]).toBe(4500);
    expect(attempt.synced).toBe(false);
    expect(attempt.keys).toBe(0);
    await waitFor(() => t.server.rooms.size === 0, 5000, 'room dropped');
    expect(rowsOf(dataDir, map.id)).toEqual(before); // not compacted into a partial snapshot
    expect(t.logText()).toMatch(/stored updates depend on changes that are not stored/);

    // with the lost update back, the map opens whole
    withDb(dataDir, (db) =>
      db.prepare(INSERT_BEHIND_THE_SERVERS_BACK).run(map.id, Buffer.from(updates[5] as Uint8Array)),
    );
    const whole = await connectSynced(t.wsUrl, map.id, map.viewerKey);
    for (let i = 0; i < 12; i++) expect(whole.doc.getMap('meta').get(`k${i}`)).toBe(i);
  });
});
