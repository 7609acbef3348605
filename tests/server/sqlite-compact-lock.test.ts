// A compaction that meets another connection's write lock (the WAL checkpointer's RESTART holds it
// while it waits for readers; an import on the events connection holds it while it writes) waits its
// turn instead of failing. A deferred transaction that reads first cannot wait: upgrading a read to a
// write while another connection writes fails at once with SQLITE_BUSY (SQLite calls no busy handler
// then), which is what a shutdown after a fan-out run logged for 70 of 100 rooms.
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { createRequire } from 'node:module';
import { afterEach, describe, expect, it } from 'vitest';
import { SqliteStore } from '../../server/storage/sqlite/store';
import { tempDir } from './helpers/testServer';

const opened: SqliteStore[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((store) => store.close()));
});

/** Another connection takes the write lock, tells us, holds it for `ms`, then commits. */
function holdWriteLock(file: string, ms: number): { held: Promise<void>; done: Promise<void> } {
  const worker = new Worker(
    `
    const { parentPort, workerData } = require('node:worker_threads');
    const Database = require(workerData.driver);
    const db = new Database(workerData.file);
    db.exec('BEGIN IMMEDIATE');
    db.prepare("UPDATE maps SET title = 'held' WHERE id = 'm1'").run();
    parentPort.postMessage('held');
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, workerData.ms);
    db.exec('COMMIT');
    db.close();
    parentPort.postMessage('done');
    `,
    { eval: true, workerData: { driver: createRequire(import.meta.url).resolve('better-sqlite3'), file, ms } },
  );
  const message = (text: string) =>
    new Promise<void>((resolve, reject) => {
      worker.on('message', (m) => m === text && resolve());
      worker.on('error', reject);
    });
  return { held: message('held'), done: message('done') };
}

describe('SQLite compaction under another connection’s write lock', () => {
  it('waits for the lock and compacts, instead of failing with SQLITE_BUSY', async () => {
    const dir = tempDir();
    const store = new SqliteStore(dir, { checkpointEveryMs: 60_000 });
    opened.push(store);
    await store.docs.createMap({
      id: 'm1',
      title: 'T',
      editorKeyHash: 'e',
      viewerKeyHash: 'v',
      createdAt: new Date().toISOString(),
      snapshot: new Uint8Array([0, 0]),
    });
    await store.docs.appendUpdate('m1', new Uint8Array([0, 0]));
    const lock = holdWriteLock(path.join(dir, 'percorso.db'), 300);
    await lock.held;
    await expect(store.docs.compact('m1', new Uint8Array([0, 0]), 1)).resolves.toBeUndefined();
    await lock.done;
    const doc = await store.docs.loadDocument('m1');
    expect(doc?.uptoSeq).toBe(1);
    expect(doc?.updates).toEqual([]);
  });
});
