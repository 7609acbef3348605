// The peers of the relay benchmarks (bench/, issue 19) really relay: each server kind of the
// child-server harness that is not Percorso, driven by the benchmarks' own client factory (stock
// y-websocket for the reference, HocuspocusProvider for Hocuspocus), passes an edit from one client
// to another, and keeps the document once every client has left (a map is written before the
// measured clients connect), and stops gracefully.
import { afterEach, describe, expect, it } from 'vitest';
import { connectClient, type BenchClient } from '../../bench/lib/clients';
import { killChildren, startServerChild, type ServerChildKind } from '../shared/childServer';
import { sleep, waitFor } from './helpers/testServer';

afterEach(killChildren);

const PEERS: { kind: ServerChildKind; protocol: 'y-websocket' | 'hocuspocus'; path: string }[] = [
  { kind: 'reference', protocol: 'y-websocket', path: '/sync' },
  { kind: 'hocuspocus-memory', protocol: 'hocuspocus', path: '' },
  { kind: 'hocuspocus-sqlite', protocol: 'hocuspocus', path: '' },
];

describe.each(PEERS)('bench peer $kind', ({ kind, protocol, path }) => {
  it('relays an edit between two clients and keeps the document after they leave', async () => {
    const server = await startServerChild({ kind, exposeGc: true });
    const target = { syncUrl: `${server.wsUrl}${path}`, protocol };
    const map = { id: `peer-${kind}`, key: '' };
    const opened: BenchClient[] = [];
    try {
      const writer = await connectClient(target, map, 20_000);
      const reader = await connectClient(target, map, 20_000);
      opened.push(writer, reader);
      writer.doc.getMap('meta').set('title', 'Relayed');
      await waitFor(() => reader.doc.getMap('meta').get('title') === 'Relayed', 5000, 'the edit on the reader');

      writer.destroy();
      reader.destroy();
      opened.length = 0;
      // with its SQLite extension, Hocuspocus stores and unloads a document when its last client
      // leaves; a client that connects meanwhile waits for that, which took over 10 s on a busy machine
      await sleep(300);
      const unloadBy = Date.now() + 20_000;
      while (kind === 'hocuspocus-sqlite' && (await server.memory()).rooms > 0) {
        if (Date.now() > unloadBy) throw new Error('the document was not unloaded in 20 s');
        await sleep(100);
      }
      const late = await connectClient(target, map, 20_000);
      opened.push(late);
      await waitFor(() => late.doc.getMap('meta').get('title') === 'Relayed', 5000, 'the document after all left');
      if (kind !== 'reference') expect((await server.memory()).rooms).toBe(1);
      late.destroy();
      opened.length = 0;
      expect(await server.stop(5000)).toBe(0); // a graceful stop, not the SIGKILL after the timeout
    } finally {
      opened.forEach((client) => client.destroy());
      await server.stop();
    }
  });
});
