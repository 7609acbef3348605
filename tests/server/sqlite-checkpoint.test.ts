// The SQLite store commits with synchronous=NORMAL and leaves checkpoints (the fsyncs) to a worker
// thread. What a checkpoint moved into the database file survives even losing the WAL, as a crash
// of the machine can lose its unsynced tail: these tests read the database file alone.
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SqliteStore } from '../../server/storage/sqlite';
import { tempDir, waitFor } from './helpers/testServer';

const opened: SqliteStore[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((store) => store.close()));
});

async function storeWithMap(dataDir: string, checkpointEveryMs: number): Promise<SqliteStore> {
  const store = new SqliteStore(dataDir, { checkpointEveryMs });
  opened.push(store);
  await store.createMap({ id: 'm1', title: 'T', editorKeyHash: 'e', viewerKeyHash: 'v', createdAt: new Date().toISOString(), snapshot: new Uint8Array([0, 0]) });
  return store;
}

/** Updates of map m1 in a copy of the database file WITHOUT its WAL. */
function updatesInMainFile(dataDir: string): number {
  const copy = path.join(tempDir(), 'alone.db');
  fs.copyFileSync(path.join(dataDir, 'percorso.db'), copy);
  const db = new Database(copy, { readonly: true });
  try {
    return (db.prepare("SELECT COUNT(*) AS n FROM updates WHERE map_id = 'm1'").get() as { n: number }).n;
  } catch {
    return 0; // no tables yet: nothing was checkpointed
  } finally {
    db.close();
  }
}

describe('SQLite checkpoints on a worker thread', () => {
  it('commits to the WAL at once and checkpoints it into the database file within the interval', async () => {
    const dataDir = tempDir();
    const store = await storeWithMap(dataDir, 150);
    for (let i = 0; i < 30; i++) await store.appendUpdate('m1', new Uint8Array([1, 2, i]));
    // committed: another connection sees every update (through the WAL) at once
    const reader = new Database(path.join(dataDir, 'percorso.db'), { readonly: true });
    expect((reader.prepare("SELECT COUNT(*) AS n FROM updates WHERE map_id = 'm1'").get() as { n: number }).n).toBe(30);
    reader.close();
    await waitFor(() => updatesInMainFile(dataDir) === 30, 5000, 'the worker to checkpoint the WAL');
  });

  it('does not checkpoint on the writer connection (the event loop never waits for a checkpoint)', async () => {
    const dataDir = tempDir();
    const store = await storeWithMap(dataDir, 60_000);
    for (let i = 0; i < 1500; i++) await store.appendUpdate('m1', new Uint8Array(64).fill(i % 256));
    // more than SQLite's default autocheckpoint (1,000 pages) written, yet the main file has none
    expect(updatesInMainFile(dataDir)).toBe(0);
  });

  it('checkpoints everything when it closes', async () => {
    const dataDir = tempDir();
    const store = await storeWithMap(dataDir, 60_000);
    for (let i = 0; i < 10; i++) await store.appendUpdate('m1', new Uint8Array([i]));
    await store.close();
    expect(updatesInMainFile(dataDir)).toBe(10);
  });
});
