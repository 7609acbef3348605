// Issue 17, finding 11 (pending updates): an editor sends 40 updates of 5 MB whose dependencies never
// come. Yjs keeps such updates in memory until they can be applied, and they are never stored; the
// room drops them past its bound (100 updates or 16 MiB) and asks its editors to resync. The server's
// RSS after the attack is printed and must stay far below what 200 MB of waiting updates would take.
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { connectSynced, waitFor } from '../server/helpers/testServer';
import { startServerChild } from '../shared/childServer';
import { mib, report, size } from './helpers/size';
import { EMPTY_STEP1, isStep2, syncFrame } from './helpers/wire';

/** An update of a fresh client whose first change (clock 0) is never sent: it waits for it forever. */
function orphanUpdate(bytes: number, seed: number): Uint8Array {
  const doc = new Y.Doc();
  doc.getMap('meta').set('first', seed);
  const before = Y.encodeStateVector(doc);
  doc.getMap('meta').set(`orphan${seed}`, String.fromCharCode(97 + (seed % 26)).repeat(bytes));
  return Y.encodeStateAsUpdate(doc, before);
}

describe('updates waiting for missing dependencies', () => {
  it('are bounded per map; the editor is asked to resync; RSS stays bounded', async () => {
    const server = await startServerChild({ kind: 'percorso-sqlite', exposeGc: true });
    const [map] = await server.createMaps(1);
    if (!map) throw new Error('no map');
    const bystander = await connectSynced(server.wsUrl, map.id, map.editorKey);
    const before = await server.memory();

    const ws = new WebSocket(`${server.wsUrl}/sync/${map.id}?key=${map.editorKey}`);
    const step1s: number[] = [];
    let step2s = 0;
    let closed = 0;
    ws.on('error', () => undefined);
    ws.on('close', (code) => void (closed = code));
    ws.on('message', (data: Buffer) => {
      const frame = new Uint8Array(data);
      if (isStep2(frame)) step2s++;
      else if (frame[0] === 0 && frame[1] === 0) step1s.push(Date.now());
    });
    await new Promise<void>((resolve) => ws.once('open', () => resolve()));
    ws.send(EMPTY_STEP1);
    await waitFor(() => step2s === 1, 10_000, 'sync');
    const initialStep1s = step1s.length; // the server's own step 1 on joining

    const count = size(40, 40);
    const bytes = 5 * 1000 * 1000;
    for (let i = 0; i < count; i++) {
      ws.send(syncFrame(2, orphanUpdate(bytes, i)));
      await new Promise<void>((resolve) => ws.send(new Uint8Array([3]), () => resolve())); // query awareness: keeps frames paced
    }
    // frames are handled in order: the answer to this step 1 means every orphan was taken
    ws.send(EMPTY_STEP1);
    await waitFor(() => step2s === 2, 60_000, 'every frame handled');
    expect(step1s.length).toBeGreaterThan(initialStep1s);
    // the bystander still edits, and the map is what was stored (no orphan ever applied)
    bystander.doc.getMap('meta').set('after', 'attack');
    await waitFor(
      () => server.output().includes('too many updates waiting for missing dependencies'),
      30_000,
      'bound hit',
    );
    const after = await server.memory();
    report('pending updates', {
      updates: count,
      mbEach: bytes / 1e6,
      resyncRequests: step1s.length - initialStep1s,
      heapMiB: `${mib(before.heapUsed)}→${mib(after.heapUsed)}`,
      arrayBuffersMiB: `${mib(before.arrayBuffers)}→${mib(after.arrayBuffers)}`,
      rssMiB: `${mib(before.rss)}→${mib(after.rss)}`,
    });
    expect(closed).toBe(0);
    // what stays allocated is bounded (200 MB of updates would wait otherwise); RSS is reported, the
    // allocator keeps pages it no longer uses, so it is not the measure
    expect(after.arrayBuffers - before.arrayBuffers).toBeLessThan(40 * 1024 * 1024);
    const fresh = await connectSynced(server.wsUrl, map.id, map.viewerKey);
    await waitFor(() => fresh.doc.getMap('meta').get('after') === 'attack', 5000, 'bystander edit');
    expect([...fresh.doc.getMap('meta').keys()].some((k) => k.startsWith('orphan'))).toBe(false);
    ws.close();
  });
});
