// Scale-out when an engine goes away, with two in-process servers on a real PostgreSQL and Redis:
// PostgreSQL lost (edits refused with 4501, nothing relayed, all stored once it is back), Redis
// unreachable at start, the compaction lock, and relayed updates never repaired a second time.
// (Redis restarted mid-edit under two server processes: scale.test.ts.)
import { Redis } from 'ioredis';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisLock } from '../../server/scale/lock';
import { startPostgres, startRedis, type PostgresService, type RedisService } from './helpers/services';
import {
  connectSynced,
  createMap,
  sleep,
  startTestServer,
  waitFor,
  type SyncClient,
  type TestServer,
} from './helpers/testServer';

let postgres: PostgresService;
let redis: RedisService;

beforeAll(async () => {
  [postgres, redis] = await Promise.all([startPostgres(), startRedis()]);
}, 60_000);

afterAll(async () => {
  await Promise.all([postgres?.stop(), redis?.stop()]);
});

async function twoServers(): Promise<{ a: TestServer; b: TestServer; databaseUrl: string }> {
  const databaseUrl = await postgres.createDatabase('outage');
  const options = { databaseUrl, redisUrl: redis.url };
  const [a, b] = await Promise.all([startTestServer(options), startTestServer(options)]);
  return { a, b, databaseUrl };
}

const meta = (c: SyncClient) => c.doc.getMap<unknown>('meta');

describe('scale-out outages', () => {
  it('refuses edits with 4501 while PostgreSQL is away, relays none of them, and stores them when it returns', async () => {
    const { a, b } = await twoServers();
    const map = await createMap(a.url);
    const ca = await connectSynced(a.wsUrl, map.id, map.editorKey);
    const cb = await connectSynced(b.wsUrl, map.id, map.editorKey);
    meta(ca).set('before', 1);
    await waitFor(() => meta(cb).get('before') === 1, 5000, 'relay before the outage');

    await postgres.kill();
    try {
      meta(ca).set('unstored', 1);
      await waitFor(() => ca.closes.includes(4501), 20_000, '4501 "could not store update"');
      expect(a.logText()).toContain('could not store update');
      await sleep(200);
      expect(meta(cb).has('unstored')).toBe(false); // never relayed: it was not stored
    } finally {
      await postgres.start();
    }
    // the client reconnects, re-sends what the server lacks; it is stored, then relayed
    await waitFor(() => meta(cb).get('unstored') === 1, 20_000, 'the edit after PostgreSQL returned');
    const fresh = await connectSynced(b.wsUrl, map.id, map.viewerKey);
    expect(meta(fresh).get('unstored')).toBe(1);
  });

  it('never repairs a relayed update: only the process of the client that sent it repairs and stores', async () => {
    const { a, b, databaseUrl } = await twoServers();
    const map = await createMap(a.url);
    const ca = await connectSynced(a.wsUrl, map.id, map.editorKey);
    const cb = await connectSynced(b.wsUrl, map.id, map.viewerKey);
    const rows = async (): Promise<number> => {
      const client = new pg.Client({ connectionString: databaseUrl });
      await client.connect();
      const result = await client.query('SELECT count(*)::int AS n FROM updates WHERE map_id = $1', [map.id]);
      await client.end();
      return (result.rows[0] as { n: number }).n;
    };
    const before = await rows();
    // a dangling entry in stageOrder: A repairs it (removes it), B only relays
    ca.doc.getArray<string>('stageOrder').push(['no-such-stage']);
    await waitFor(
      () => ca.doc.getArray('stageOrder').length === 0 && cb.doc.getArray('stageOrder').length === 0,
      5000,
      'repaired',
    );
    await sleep(200);
    expect((await rows()) - before).toBe(2); // the client's update and A's repair; nothing from B
    expect(a.logText()).not.toContain('repairJourney failed');
  });

  it('starts while Redis is unreachable, says so, and joins the relay when Redis comes up', async () => {
    await redis.kill();
    let a: TestServer;
    let b: TestServer;
    try {
      ({ a, b } = await twoServers());
      await waitFor(() => a.logText().includes('redis relay not reachable yet'), 5000, 'the warning');
    } finally {
      await redis.start();
    }
    await waitFor(
      () => a.logText().includes('redis relay back') && b.logText().includes('redis relay back'),
      10_000,
      'connected',
    );
    const map = await createMap(a.url);
    const ca = await connectSynced(a.wsUrl, map.id, map.editorKey);
    const cb = await connectSynced(b.wsUrl, map.id, map.editorKey);
    meta(ca).set('hello', 'B');
    await waitFor(() => meta(cb).get('hello') === 'B', 5000, 'relayed');
  });

  it('opens and edits maps while Redis hangs (connections open, no answers), and catches up when it answers again', async () => {
    const { a, b } = await twoServers();
    const map = await createMap(a.url);
    const cb = await connectSynced(b.wsUrl, map.id, map.editorKey);
    redis.pause();
    let ca: SyncClient;
    try {
      const started = Date.now();
      ca = await connectSynced(a.wsUrl, map.id, map.editorKey); // A's subscription times out; the map opens anyway
      expect(Date.now() - started).toBeLessThan(9000);
      meta(ca).set('during', 1); // stored; its publish times out
      await sleep(300);
      expect(meta(cb).has('during')).toBe(false);
    } finally {
      redis.resume();
    }
    meta(cb).set('after', 2);
    await waitFor(
      () => meta(cb).get('during') === 1 && meta(ca).get('after') === 2,
      15_000,
      'both ways after Redis answers again',
    );
    expect(a.logText()).toContain('could not subscribe to the relay');
  }, 30_000);

  it('lets one holder take the compaction lock, releases only its own, and expires', async () => {
    const client = new Redis(redis.url);
    try {
      const lock = new RedisLock(client, `test:${Date.now()}:`);
      const token = await lock.acquire('m1', 5000);
      expect(token).toEqual(expect.any(String));
      expect(await lock.acquire('m1', 5000)).toBeNull();
      expect(await lock.release('m1', 'not-the-token')).toBe(false);
      expect(await lock.release('m1', token!)).toBe(true);
      const short = await lock.acquire('m1', 50);
      expect(short).not.toBeNull();
      await sleep(100);
      expect(await lock.acquire('m1', 5000)).not.toBeNull(); // expired
    } finally {
      client.disconnect();
    }
  });
});
