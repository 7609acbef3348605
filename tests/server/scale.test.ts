// Scale-out with real engines: two server processes (child processes, as in production) on one
// PostgreSQL and one Redis. Clients on different processes converge; presence crosses; an ingest,
// a version restore and a media upload through one process reach the other; a metric alert goes
// out once; key rotation and deletion close sockets on both processes; while Redis is restarted
// mid-edit each process keeps its own clients in sync and all converge when it is back; a process
// killed with SIGKILL mid-edit loses nothing any client had received, and its clients carry on
// through the load balancer on the other process.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addStage, addTouchpoint } from '../../src/model';
import { tinyPng } from './fixtures/media';
import { mediaUrl, upload } from './helpers/media';
import { startBalancer, startPostgres, startRedis, type PostgresService, type RedisService } from './helpers/services';
import { startMainProcess, type ChildServer } from '../shared/childServer';
import {
  connectClient,
  connectSynced,
  createMap,
  sleep,
  tempDir,
  waitFor,
  type CreatedMap,
  type SyncClient,
} from './helpers/testServer';

let postgres: PostgresService;
let redis: RedisService;
let databaseUrl: string;

beforeAll(async () => {
  [postgres, redis] = await Promise.all([startPostgres(), startRedis()]);
  databaseUrl = await postgres.createDatabase('scale');
}, 60_000);

afterAll(async () => {
  await Promise.all([postgres?.stop(), redis?.stop()]);
});

/** Two processes on the same PostgreSQL and Redis, each with its own DATA_DIR (a media cache). */
async function spawnPair(): Promise<[ChildServer, ChildServer]> {
  const env = {
    DATABASE_URL: databaseUrl,
    REDIS_URL: redis.url,
    COMPACT_EVERY: '25',
    LOG_LEVEL: 'info',
    WEBHOOK_ALLOW_PRIVATE: '1',
  }; // the receiver is on loopback
  const spawnOne = () => startMainProcess({ dataDir: tempDir(), env });
  return Promise.all([spawnOne(), spawnOne()]);
}

async function call<T>(
  base: string,
  method: string,
  path: string,
  key: string | null,
  body?: unknown,
): Promise<{ status: number; body: T }> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: {
      ...(key ? { authorization: `Bearer ${key}` } : {}),
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
}

const metaMap = (c: SyncClient) => c.doc.getMap<unknown>('meta');
const sameSv = (x: SyncClient, y: SyncClient) =>
  Buffer.from(Y.encodeStateVector(x.doc)).equals(Buffer.from(Y.encodeStateVector(y.doc)));
const metaOf = (c: SyncClient) => c.doc.getMap<unknown>('meta').toJSON();
/** The same state vector (so the same content) and the same meta. */
const sameState = (a: SyncClient, b: SyncClient) =>
  Buffer.from(Y.encodeStateVector(a.doc)).equals(Buffer.from(Y.encodeStateVector(b.doc))) &&
  sorted(metaOf(a)) === sorted(metaOf(b));
/** JSON with sorted keys (a Y.Map lists keys in the order this doc learnt them). */
const sorted = (value: Record<string, unknown>) =>
  JSON.stringify(Object.entries(value).sort(([x], [y]) => (x < y ? -1 : 1)));

/** Keys of `meta` that reached the client from the server (not its own writes). */
function receivedKeys(c: SyncClient): Set<string> {
  const keys = new Set<string>();
  c.doc.getMap('meta').observe((event) => {
    if (event.transaction.origin !== c.provider) return;
    for (const key of event.keysChanged) keys.add(key);
  });
  return keys;
}

function metricValue(doc: Y.Doc, nodeId: string, key: string): unknown {
  const node = doc.getMap('nodes').get(nodeId);
  const metrics = node instanceof Y.Map ? node.get('metrics') : undefined;
  const metric = metrics instanceof Y.Map ? metrics.get(key) : undefined;
  return metric instanceof Y.Map ? metric.get('value') : undefined;
}

describe('two server processes on PostgreSQL and Redis', () => {
  it('converge, share presence, and carry ingest, restores and media across processes', async () => {
    const [a, b] = await spawnPair();
    const map: CreatedMap = await createMap(a.url);
    const ca = await connectSynced(a.wsUrl, map.id, map.editorKey);
    const cb = await connectSynced(b.wsUrl, map.id, map.editorKey);

    // concurrent edits on both processes, conflicting keys included (more than COMPACT_EVERY: compactions run)
    for (let i = 0; i < 60; i++) {
      ca.doc.getMap('meta').set(`a${i}`, i);
      cb.doc.getMap('meta').set(`b${i}`, i);
      ca.doc.getMap('meta').set('both', `a${i}`);
      cb.doc.getMap('meta').set('both', `b${i}`);
      if (i % 10 === 0) await new Promise((r) => setTimeout(r, 5));
    }
    await waitFor(() => sameState(ca, cb) && metaOf(ca).a59 === 59 && metaOf(ca).b59 === 59, 10_000, 'convergence');
    const fresh = await connectSynced(b.wsUrl, map.id, map.viewerKey);
    await waitFor(() => sameState(fresh, ca), 5000, 'a fresh client equal');

    // presence: set on A, seen on B and back
    ca.provider.awareness.setLocalStateField('user', { name: 'Ann' });
    const names = (c: SyncClient) =>
      [...c.provider.awareness.getStates().values()].map((s) => (s.user as { name?: string } | undefined)?.name);
    await waitFor(() => names(cb).includes('Ann'), 5000, 'awareness on B');
    cb.provider.awareness.setLocalStateField('user', { name: 'Bob' });
    await waitFor(() => names(ca).includes('Bob'), 5000, 'awareness on A');
    // a map B has not loaded yet: B asks for the presence of A's clients when it loads it (clients
    // only renew their state every 15 s, so seeing it within 3 s means the query was answered)
    const map2 = await createMap(a.url, 'Second');
    const onA = await connectSynced(a.wsUrl, map2.id, map2.editorKey);
    onA.provider.awareness.setLocalStateField('user', { name: 'Cleo' });
    await sleep(200);
    const onB = await connectSynced(b.wsUrl, map2.id, map2.viewerKey);
    await waitFor(() => names(onB).includes('Cleo'), 3000, 'presence asked for on load');

    // ingest through A, for a touchpoint a client of B made
    addStage(cb.doc, { label: 'Research', id: 'stage1' });
    addTouchpoint(cb.doc, { stageId: 'stage1', label: 'Reviews', id: 't1' });
    await waitFor(() => ca.doc.getMap('nodes').has('t1'), 5000, 'touchpoint on A');
    const ingest = await call<{ ingestKey: string }>(b.url, 'POST', `/api/maps/${map.id}/ingest-key`, map.editorKey);
    expect(ingest.status).toBe(200);
    const sent = await call<{ applied: number }>(a.url, 'POST', `/api/maps/${map.id}/metrics`, ingest.body.ingestKey, [
      { node: 't1', metric: 'csat', value: 4.2 },
    ]);
    expect(sent).toMatchObject({ status: 200, body: { applied: 1 } });
    await waitFor(() => metricValue(cb.doc, 't1', 'csat') === 4.2, 5000, 'ingested metric on B');

    // a value crossing into red alerts the map's webhook once, not once per process holding the map
    const alerts: string[] = [];
    const receiver = http.createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        alerts.push(body);
        res.end('ok');
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/alerts`;
    expect((await call(b.url, 'POST', `/api/maps/${map.id}/webhooks`, map.editorKey, { url: hookUrl })).status).toBe(
      201,
    );
    await call(a.url, 'POST', `/api/maps/${map.id}/metrics`, ingest.body.ingestKey, [
      { node: 't1', metric: 'csat', value: 2 },
    ]);
    await waitFor(() => alerts.length > 0 && metricValue(cb.doc, 't1', 'csat') === 2, 5000, 'the alert');
    await sleep(1500); // past the next alert window
    expect(
      alerts.map((raw) => (JSON.parse(raw) as { alerts: { value: number }[] }).alerts.map((a) => a.value)),
    ).toEqual([[2]]);
    receiver.close();

    // a version saved through B and restored through A reaches the client on B
    ca.doc.getMap('meta').set('restoreMe', 'saved');
    await waitFor(() => metaOf(cb).restoreMe === 'saved', 5000, 'edit before the version');
    const version = await call<{ id: string }>(b.url, 'POST', `/api/maps/${map.id}/versions`, map.editorKey, {
      name: 'v1',
    });
    expect(version.status).toBe(201);
    cb.doc.getMap('meta').set('restoreMe', 'changed');
    await waitFor(() => metaOf(ca).restoreMe === 'changed', 5000, 'edit after the version');
    const restored = await call(
      a.url,
      'POST',
      `/api/maps/${map.id}/versions/${version.body.id}/restore`,
      map.editorKey,
    );
    expect(restored.status).toBe(200);
    await waitFor(() => metaOf(cb).restoreMe === 'saved', 5000, 'restore on B');

    // media uploaded through A is served by B (bytes in PostgreSQL; B's cache is empty)
    const png = tinyPng();
    const ref = await upload(a.url, map, png, 'photo.png');
    const res = await fetch(mediaUrl(b.url, map.id, ref.id), { headers: { authorization: `Bearer ${map.viewerKey}` } });
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer()).equals(png)).toBe(true);

    // rotating the viewer key through A closes the viewer's socket on B (4411)
    const rotated = await call(a.url, 'POST', `/api/maps/${map.id}/keys/rotate`, map.editorKey, { role: 'viewer' });
    expect(rotated.status).toBe(200);
    await waitFor(() => fresh.closes.includes(4411), 5000, '4411 on B');

    // deleting the map through B closes the clients of A with 4410
    expect((await call(b.url, 'DELETE', `/api/maps/${map.id}`, map.editorKey)).status).toBe(204);
    await waitFor(() => ca.closes.includes(4410), 5000, '4410 on A');
  });

  it('keeps syncing per process while Redis is away and catches up from PostgreSQL when it returns', async () => {
    const [a, b] = await spawnPair();
    const map = await createMap(a.url);
    const ca = await connectSynced(a.wsUrl, map.id, map.editorKey);
    const cb = await connectSynced(b.wsUrl, map.id, map.editorKey);
    const ca2 = await connectSynced(a.wsUrl, map.id, map.viewerKey); // a second client on A
    metaMap(ca).set('before', 1);
    await waitFor(() => metaMap(cb).get('before') === 1, 5000, 'relay before the outage');

    let n = 0;
    const writing = setInterval(() => {
      metaMap(ca).set(`a${n}`, n);
      metaMap(cb).set(`b${n}`, n);
      n++;
    }, 5);
    await sleep(100);
    await redis.kill();
    await waitFor(() => a.output().includes('redis relay lost'), 5000, 'the warning on A');
    const during = n;
    await waitFor(() => n > during + 40, 5000, 'edits during the outage');
    // same process: still live; across processes: not until Redis is back
    const last = n - 1; // written during the outage
    await waitFor(() => metaMap(ca2).get(`a${last}`) === last, 5000, 'clients of A in sync');
    expect(metaMap(cb).has(`a${last}`)).toBe(false);

    await redis.start();
    await waitFor(
      () => a.output().includes('redis relay back') && b.output().includes('redis relay back'),
      10_000,
      'reconnected',
    );
    await sleep(100); // edits keep flowing over the restored relay
    clearInterval(writing);
    await waitFor(() => sameSv(ca, cb) && sameSv(ca, ca2), 10_000, 'convergence after the outage');
    for (let i = 0; i < n; i++) {
      expect(metaMap(cb).get(`a${i}`)).toBe(i);
      expect(metaMap(ca).get(`b${i}`)).toBe(i);
    }
  });

  it('loses nothing any client received when a process is killed mid-edit; its clients move to the other', async () => {
    const [a, b] = await spawnPair();
    const balancer = await startBalancer([a.port, b.port]);
    const map = await createMap(a.url);
    // the roaming client comes through the balancer first: it lands on A
    const roamer = connectClient(balancer.wsUrl, map.id, map.editorKey);
    await roamer.synced();
    expect(balancer.counts).toEqual([1, 0]);
    const writer = await connectSynced(a.wsUrl, map.id, map.editorKey);
    const readerA = await connectSynced(a.wsUrl, map.id, map.viewerKey);
    const readerB = await connectSynced(b.wsUrl, map.id, map.viewerKey);
    const seenA = receivedKeys(readerA);
    const seenB = receivedKeys(readerB);
    const seenRoamer = receivedKeys(roamer);

    let sent = 0;
    let roamed = 0;
    const writing = setInterval(() => {
      for (let i = 0; i < 3; i++) writer.doc.getMap('meta').set(`e${sent++}`, sent);
      roamer.doc.getMap('meta').set(`r${roamed++}`, roamed);
    }, 2);
    await waitFor(() => seenB.size >= 150, 15_000, 'edits relayed to B');
    balancer.hold(true); // the roamer may not reconnect (and re-send what it holds) before we look
    a.kill('SIGKILL');
    expect((await a.exited).signal).toBe('SIGKILL');
    clearInterval(writing);
    writer.destroy();
    readerA.destroy();
    const seen = new Set([...seenA, ...seenB, ...seenRoamer]);
    expect(seen.size).toBeGreaterThanOrEqual(150);

    // every update any client had received is stored: a new client of B has all of them
    const check = await connectSynced(b.wsUrl, map.id, map.viewerKey);
    const meta = check.doc.getMap('meta');
    expect([...seen].filter((key) => !meta.has(key))).toEqual([]);

    // the roamer reconnects through the balancer to B and its own edits reach everyone
    balancer.hold(false);
    await waitFor(() => roamer.provider.wsconnected && roamer.provider.synced, 10_000, 'roamer on B');
    expect(balancer.counts[1]).toBeGreaterThanOrEqual(1);
    await waitFor(() => sameState(roamer, check) && sameState(check, readerB), 10_000, 'convergence on B');
    expect(meta.get(`r${roamed - 1}`)).toBe(roamed);
    await balancer.close();
  });
});
