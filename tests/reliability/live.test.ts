// Live convergence through the real server: 20 stock y-websocket clients (Node, `ws`, no
// BroadcastChannel) apply random journey commands (every command of src/model, helpers/commands.ts)
// with random disconnects (provider.disconnect(), edits made offline, provider.connect()). Within
// 5 s of the last edit all of them — and a fresh client — hold the same document: equal state
// vectors, equal roots and journey export, and a valid journey (the server repairs merges).
// Bounded run: 20 × 150 commands; SOAK=1: 20 × 500 (the 20 clients share one process and apply
// every update: 20 × 500 takes about a minute of that process's CPU on 2 cores). Replay the command streams with LIVE_SEED=<seed>
// (the interleaving over the network is not replayable).
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addStage, validateJourney } from '../../src/model';
import { startMainProcess } from '../shared/childServer';
import {
  connectClient,
  connectSynced,
  createMap,
  sleep,
  tempDir,
  waitFor,
  type SyncClient,
} from '../server/helpers/testServer';
import { mulberry32 } from '../shared/random';
import { randomCommand, type Peer } from './helpers/commands';
import { assertConverged, docFingerprint } from './helpers/mesh';
import { report, size } from './helpers/size';

const CLIENTS = 20;
const SEED = Number(process.env.LIVE_SEED ?? 4242);

function stateVector(doc: Y.Doc): string {
  return Buffer.from(Y.encodeStateVector(doc)).toString('hex');
}

describe('live convergence through the server', () => {
  it(`${CLIENTS} y-websocket clients with random commands and disconnects converge within 5 s`, async () => {
    const perClient = size(150, 500);
    const proc = await startMainProcess({ dataDir: tempDir() });
    const map = await createMap(proc.url);
    const first = await connectSynced(proc.wsUrl, map.id, map.editorKey);
    addStage(first.doc, { label: 'Start', id: 'start' }, { kind: 'local-user' });
    const clients: SyncClient[] = [first];
    for (let i = 1; i < CLIENTS; i++) clients.push(connectClient(proc.wsUrl, map.id, map.editorKey));
    await Promise.all(clients.map((c) => c.synced()));

    let disconnects = 0;
    let refused = 0;
    let lastEdit = 0;
    const started = performance.now();
    await Promise.all(
      clients.map(async (client, i) => {
        const rand = mulberry32(SEED * 100 + i);
        let n = 0;
        const peer: Peer = {
          doc: client.doc,
          rand,
          nextId: () => `c${i}n${n++}`,
          userId: `user-${i}`,
          now: () => new Date().toISOString(),
          versions: [],
        };
        for (let k = 0; k < perClient; k++) {
          await sleep(20 + Math.floor(rand() * 60));
          if (client.provider.shouldConnect && rand() < 0.01) {
            // offline for a while: edits go on locally and travel in sync step 2 on reconnect
            client.provider.disconnect();
            disconnects++;
            setTimeout(() => client.provider.connect(), 100 + Math.floor(rand() * 700));
          }
          if (randomCommand(peer).refused) refused++;
          lastEdit = performance.now();
        }
        if (!client.provider.shouldConnect) client.provider.connect();
      }),
    );
    const editing = (lastEdit - started) / 1000;

    // converged: every client connected, and with a fresh client (what the server holds, including
    // a repair it may still be storing) nothing pending, equal state vectors and equal content
    const fresh = connectClient(proc.wsUrl, map.id, map.viewerKey);
    const docs = [...clients.map((c) => c.doc), fresh.doc];
    await fresh.synced();
    await waitFor(
      () =>
        clients.every((c) => c.provider.wsconnected && c.provider.synced) &&
        docs.every((d) => !d.store.pendingStructs && !d.store.pendingDs && stateVector(d) === stateVector(fresh.doc)),
      10_000,
      'state vectors equal',
    );
    await waitFor(() => new Set(docs.map(docFingerprint)).size === 1, 5000, 'equal content').catch(() =>
      assertConverged(docs),
    );
    const convergedAfterMs = performance.now() - lastEdit;
    expect(validateJourney(fresh.doc)).toEqual([]);
    const nodes = fresh.doc.getMap('nodes').size;

    report('live convergence', {
      clients: CLIENTS,
      commandsPerClient: perClient,
      refused,
      disconnects,
      editingSeconds: editing,
      convergedAfterMs: Math.round(convergedAfterMs),
      nodes,
    });
    expect(convergedAfterMs).toBeLessThan(5000);
    expect(disconnects).toBeGreaterThan(0);
    for (const c of clients) expect(c.closes.filter((code) => code >= 4000)).toEqual([]); // nobody was refused (rate limit, errors)
  });
});
