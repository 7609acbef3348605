// Memory: opening and closing many maps (a client connects, edits, leaves; the room loads, stores,
// compacts and unloads) returns the server's heap to its baseline. The server runs in its own
// process with --expose-gc, so the figures are its own, after full collections.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { sleep, tempDir } from '../server/helpers/testServer';
import { startServerChild, type IpcServerChild } from '../shared/childServer';
import { mib, report, size } from './helpers/size';
import { pool, syncFrame, visit } from './helpers/wire';

const WARMUP = 300;
/** Allowed heap growth after everything closed: caches that fill once (JIT, statements), never per map. */
const HEAP_TOLERANCE = 8 * 1024 * 1024;

/** A standalone edit (a new client's meta field): valid on any map, stored and compacted on unload. */
function editFrame(): Uint8Array {
  const doc = new Y.Doc();
  doc.getMap('meta').set('goal', 'opened and closed');
  return syncFrame(2, Y.encodeStateAsUpdate(doc));
}

async function roomsUnloaded(server: IpcServerChild): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if ((await server.memory()).rooms === 0) return;
    await sleep(100);
  }
  throw new Error('rooms did not unload');
}

describe('memory', () => {
  it('returns the heap to its baseline after opening and closing many maps', async () => {
    const count = size(2000, 10_000);
    const server = await startServerChild({
      kind: 'percorso-sqlite',
      exposeGc: true,
      server: { dataDir: tempDir(), logLevel: 'warn' },
    });
    const maps = await server.createMaps(WARMUP + count);
    const edit = editFrame();
    const open = (list: typeof maps): Promise<void> =>
      pool(list, 16, (m) => visit(server.wsUrl, m.id, m.editorKey, [edit]));

    await open(maps.slice(0, WARMUP)); // warm-up: JIT, statement caches, pools
    await roomsUnloaded(server);
    const before = await server.memory();

    let peakRss = 0;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, server.usage().rss)), 100);
    const started = performance.now();
    await open(maps.slice(WARMUP));
    const ms = performance.now() - started;
    clearInterval(sampler);
    await roomsUnloaded(server);
    const after = await server.memory();

    report('memory, maps opened and closed', {
      maps: count,
      seconds: ms / 1000,
      heapBeforeMiB: mib(before.heapUsed),
      heapAfterMiB: mib(after.heapUsed),
      heapGrowthMiB: mib(after.heapUsed - before.heapUsed),
      rssBeforeMiB: mib(before.rss),
      rssPeakMiB: mib(peakRss),
      rssAfterMiB: mib(after.rss),
    });
    expect(after.rooms).toBe(0);
    expect(after.heapUsed - before.heapUsed).toBeLessThan(HEAP_TOLERANCE);
    expect(await server.stop()).toBe(0);
    for (const m of maps.slice(0, 50))
      for (const key of [m.editorKey, m.viewerKey]) expect(server.output()).not.toContain(key);
  });
});
