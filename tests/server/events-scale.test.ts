// Observed journeys in scale-out and on the shipped sample: two server processes on one PostgreSQL
// and one Redis see the same flows, and a client on the other process gets the flows-changed frame;
// the sample contact log imports into the omnichannel support template as the README says.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as decoding from 'lib0/decoding';
import { applyTemplate } from '../../src/model';
import { MESSAGE_FLOWS_CHANGED } from '../../server/events/signal';
import {
  expectedFlows,
  generateLog,
  getJson,
  postEvents,
  seedJourney,
  toCsv,
  type ImportAnswer,
} from './helpers/events';
import { startPostgres, startRedis, type PostgresService, type RedisService } from './helpers/services';
import { startMainProcess } from '../shared/childServer';
import { connectSynced, createMap, startTestServer, tempDir, waitFor } from './helpers/testServer';

const SAMPLE = new URL('../../docs/samples/contact-log.csv', import.meta.url);

describe('the sample contact log', () => {
  it('imports into the omnichannel support template: its labels match, two activities stay unmapped', async () => {
    const t = await startTestServer();
    const map = await createMap(t.url, 'Support');
    await t.server.rooms.use(map.id, (room) => applyTemplate(room.doc, 'omnichannel-support', 'en'));
    const csv = fs.readFileSync(SAMPLE, 'utf8');
    const lines = csv.trim().split('\n').slice(1);
    const unmapped = lines.filter(
      (l) => l.includes('Visits the help centre') || l.includes('Sends a registered letter'),
    ).length;
    const res = await postEvents(t.url, map.id, map.editorKey, csv);
    expect(res.body).toEqual({ accepted: lines.length, rejected: 0, duplicates: 0, unmapped, errors: [] });
    const flows = await getJson<{
      edges: { source: string; target: string; designed: boolean | null }[];
      unmapped: { activity: string }[];
      cases: number;
    }>(t.url, `/api/maps/${map.id}/flows`, map.viewerKey);
    expect(flows.body.cases).toBe(100);
    expect(flows.body.unmapped.map((u) => u.activity).sort()).toEqual([
      'Sends a registered letter',
      'Visits the help centre',
    ]);
    const edge = (s: string, tg: string) => flows.body.edges.find((e) => e.source === s && e.target === tg);
    expect(edge('tp-email', 'tp-call')?.designed).toBe(true);
    expect(edge('tp-email', 'tp-review')?.designed).toBe(false); // e-mail straight to a review site
    expect(edge('tp-call', 'tp-call')?.designed).toBe(false); // repeated calls
  });
});

describe('observed journeys in scale-out', () => {
  let postgres: PostgresService;
  let redis: RedisService;
  beforeAll(async () => {
    [postgres, redis] = await Promise.all([startPostgres(), startRedis()]);
  }, 60_000);
  afterAll(async () => {
    await Promise.all([postgres?.stop(), redis?.stop()]);
  });

  it('two processes see the same flows; a client of the other process is told within a second', async () => {
    const databaseUrl = await postgres.createDatabase('events_scale');
    const env = { DATABASE_URL: databaseUrl, REDIS_URL: redis.url };
    const [a, b] = await Promise.all([
      startMainProcess({ dataDir: tempDir(), env }),
      startMainProcess({ dataDir: tempDir(), env }),
    ]);
    // the journey is written through an in-process server on the same database (its room is the writer)
    const writer = await startTestServer({ databaseUrl });
    const map = await createMap(a.url, 'Support');
    await seedJourney(writer, map.id);
    await writer.close();

    const onB = await connectSynced(b.wsUrl, map.id, map.viewerKey);
    const signals: number[] = [];
    onB.provider.messageHandlers[MESSAGE_FLOWS_CHANGED] = (_encoder, decoder) => {
      decoding.readVarString(decoder);
      signals.push(Date.now());
    };
    const rows = generateLog(31, 150);
    const res = await postEvents(a.url, map.id, map.editorKey, toCsv(rows));
    const answered = Date.now();
    expect((res.body as ImportAnswer).accepted).toBe(rows.length);
    await waitFor(() => signals.length > 0, 1000, 'the flows-changed frame on the other process');
    expect(signals[0]! - answered).toBeLessThan(1000);

    const expected = expectedFlows(rows);
    const [fa, fb] = await Promise.all(
      [a, b].map(
        async (p) =>
          (
            await getJson<{ edges: unknown; nodes: unknown; variants: unknown }>(
              p.url,
              `/api/maps/${map.id}/flows`,
              map.viewerKey,
            )
          ).body,
      ),
    );
    expect(fa!.edges).toEqual(expected.edges);
    expect(fb).toEqual(fa);
    // a change through B (a second import) is seen by A's cached flows
    const more = generateLog(32, 20).map((r) => ({ ...r, customer: `b-${r.customer}` }));
    await postEvents(b.url, map.id, map.editorKey, toCsv(more));
    const after = (await getJson<{ events: number }>(a.url, `/api/maps/${map.id}/flows`, map.viewerKey)).body;
    expect(after.events).toBe(rows.length + more.length);
  }, 60_000);
});
