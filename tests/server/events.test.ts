// Observed journeys: contact logs posted to the real server (CSV with `;`, BOM and CRLF, JSON, bad
// rows, duplicates, unmapped activities, keys), the flows checked exactly against the graph the
// test computes from a seeded log, filters, a customer's timeline, mappings, deletion, retention,
// the Y.Doc left alone, and the "flows changed" signal on the stock y-websocket client. The same
// suite runs on SQLite (DATA_DIR) and on a real PostgreSQL.
import Database from 'better-sqlite3';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import { api, type ErrorBody } from './helpers/api';
import {
  expectedFlows,
  generateLog,
  getJson,
  postEvents,
  seedJourney,
  toCsv,
  type ImportAnswer,
  type LogRow,
} from './helpers/events';
import { startPostgres, type PostgresService } from './helpers/services';
import {
  connectSynced,
  createMap,
  startTestServer,
  tempDir,
  waitFor,
  type CreatedMap,
  type TestServer,
} from './helpers/testServer';
import { MESSAGE_FLOWS_CHANGED } from '../../server/events/signal';
import { connect } from '../../src/model';

interface FlowsBody {
  cases: number;
  events: number;
  nodes: { id: string; events: number; cases: number; starts: number; ends: number }[];
  edges: {
    source: string;
    target: string;
    transitions: number;
    cases: number;
    medianSeconds: number | null;
    p95Seconds: number | null;
    designed: boolean | null;
  }[];
  variants: { path: string[]; cases: number }[];
  unmapped: { activity: string; events: number }[];
}

interface TimelineBody {
  customer: string;
  events: {
    at: string;
    touchpoint: string | null;
    activity: string;
    channel: string | null;
    attributes: Record<string, string>;
  }[];
}

let postgres: PostgresService | undefined;
afterAll(async () => {
  await postgres?.stop();
});

const backends: [string, () => Promise<{ databaseUrl?: string }>][] = [
  ['SQLite', async () => ({})],
  [
    'PostgreSQL',
    async () => {
      postgres ??= await startPostgres();
      return { databaseUrl: await postgres.createDatabase('events') };
    },
  ],
];

describe.each(backends)('observed journeys on %s', (_name, backendOptions) => {
  let options: { databaseUrl?: string } = {};
  beforeAll(async () => {
    options = await backendOptions();
  }, 60_000);

  async function setup(
    extra: { eventRetentionDays?: number | null; dataDir?: string } = {},
  ): Promise<{ t: TestServer; map: CreatedMap }> {
    const t = await startTestServer({ ...options, ...extra });
    const map = await createMap(t.url, 'Support');
    await seedJourney(t, map.id);
    return { t, map };
  }

  const flowsOf = async (t: TestServer, map: CreatedMap, query = '', key = map.viewerKey) => {
    const res = await getJson<FlowsBody>(t.url, `/api/maps/${map.id}/flows${query}`, key);
    expect(res.status).toBe(200);
    return res.body;
  };

  it('imports a CSV with `;`, a BOM and CRLF and answers the exact graph of a seeded log', async () => {
    const { t, map } = await setup();
    const rows = generateLog(13, 300);
    const res = await postEvents(t.url, map.id, map.editorKey, toCsv(rows, ';', true));
    expect(res.status).toBe(200);
    const unmapped = rows.filter((r) => r.touchpoint === 'Chat bot').length;
    expect(unmapped).toBeGreaterThan(0);
    expect(res.body).toEqual({ accepted: rows.length, rejected: 0, duplicates: 0, unmapped, errors: [] });

    const flows = await flowsOf(t, map);
    const expected = expectedFlows(rows);
    expect(flows.cases).toBe(expected.cases);
    expect(flows.events).toBe(expected.events);
    expect(flows.nodes).toEqual(expected.nodes);
    expect(flows.edges).toEqual(expected.edges);
    expect(flows.variants).toEqual(expected.variants);
    expect(flows.unmapped).toEqual([{ activity: 'Chat bot', events: unmapped }]);
    // designed edges and detours are told apart
    expect(flows.edges.find((e) => e.source === 'tp-web' && e.target === 'tp-call')?.designed).toBe(true);
    expect(flows.edges.find((e) => e.source === 'tp-call' && e.target === 'tp-call')?.designed).toBe(false);
  });

  it('answers the exact graph after a log comes in overlapping parts, and the same when read back after a restart', async () => {
    const dataDir = tempDir();
    const { t, map } = await setup({ dataDir });
    const rows = generateLog(29, 240);
    // the second part repeats a quarter of the first one, in another order
    const first = rows.filter((_, i) => i % 4 !== 3);
    const second = rows.filter((_, i) => i % 4 === 3 || i % 8 === 0).reverse();
    const repeated = rows.filter((_, i) => i % 8 === 0).length;
    expect((await postEvents(t.url, map.id, map.editorKey, toCsv(first))).body).toMatchObject({
      accepted: first.length,
    });
    expect((await flowsOf(t, map)).events).toBe(first.length);
    expect((await postEvents(t.url, map.id, map.editorKey, toCsv(second))).body).toMatchObject({
      accepted: second.length - repeated,
      duplicates: repeated,
    });
    const graph = (f: FlowsBody) => ({
      cases: f.cases,
      events: f.events,
      nodes: f.nodes,
      edges: f.edges,
      variants: f.variants,
    });
    expect(graph(await flowsOf(t, map))).toEqual(expectedFlows(rows));
    await t.close();
    // the events read from the database by a new process give the same answer
    const t2 = await startTestServer({ ...options, dataDir });
    expect(graph(await flowsOf(t2, map))).toEqual(expectedFlows(rows));
    await t2.close();
  });

  it('imports a JSON array with channels and attributes; the same rows again are duplicates', async () => {
    const { t, map } = await setup();
    const rows = generateLog(7, 40);
    const json = rows.map((r) => ({
      customer: r.customer,
      at: r.at,
      touchpoint: r.touchpoint,
      channel: r.channel,
      attributes: { segment: r.segment },
    }));
    const first = await postEvents(t.url, map.id, map.editorKey, JSON.stringify(json), 'application/json');
    expect(first.status).toBe(200);
    expect((first.body as ImportAnswer).accepted).toBe(rows.length);
    const again = await postEvents(t.url, map.id, map.editorKey, JSON.stringify(json), 'application/json');
    expect(again.body).toMatchObject({ accepted: 0, duplicates: rows.length, rejected: 0 });
    // the same contacts as CSV (labels in another case) are the same events
    const csv = await postEvents(t.url, map.id, map.editorKey, toCsv(rows));
    expect(csv.body).toMatchObject({ accepted: 0, duplicates: rows.length });
    expect((await flowsOf(t, map)).events).toBe(rows.length);
  });

  it('names bad rows by line and keeps the others', async () => {
    const { t, map } = await setup();
    const csv = [
      'customer,at,touchpoint,channel',
      'c1,2025-01-01T10:00:00Z,tp-web,web', // line 2
      ',2025-01-01T10:00:00Z,tp-web,web', // 3: no customer
      'c2,yesterday,tp-web,web', // 4: bad time
      'c2,2025-02-30T10:00:00Z,tp-web,web', // 5: not a real date
      'c3,2025-01-01T10:00:00,,web', // 6: no touchpoint
      'c3,2025-01-01T10:00:00+02:00,Phone Call,phone', // 7: fine (08:00 UTC)
      '',
      'c4,2025-01-01 09:00,Something new,', // 9: unmapped, kept
    ].join('\n');
    const res = await postEvents(t.url, map.id, map.editorKey, csv);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      accepted: 3,
      rejected: 4,
      duplicates: 0,
      unmapped: 1,
      errors: [
        { row: 3, reason: 'customer is missing' },
        { row: 4, reason: 'at is not an ISO 8601 date or time: "yesterday"' },
        { row: 5, reason: 'at is not an ISO 8601 date or time: "2025-02-30T10:00:00Z"' },
        { row: 6, reason: 'touchpoint is missing' },
      ],
    });
    const timeline = await getJson<TimelineBody>(t.url, `/api/maps/${map.id}/customers/c3`, map.viewerKey);
    expect(timeline.body.events).toEqual([
      {
        at: '2025-01-01T08:00:00.000Z',
        touchpoint: 'tp-call',
        activity: 'Phone Call',
        channel: 'phone',
        attributes: {},
      },
    ]);
  });

  it('lists at most 100 errors but counts every rejected row', async () => {
    const { t, map } = await setup();
    const lines = [
      'customer,at,touchpoint',
      ...Array.from({ length: 150 }, (_, i) => `c${i},not a time,tp-web`),
      'ok,2025-01-01,tp-web',
    ];
    const res = await postEvents(t.url, map.id, map.editorKey, lines.join('\n'));
    const body = res.body as ImportAnswer;
    expect(body.rejected).toBe(150);
    expect(body.accepted).toBe(1);
    expect(body.errors).toHaveLength(100);
    expect(body.errors[0]!.row).toBe(2);
  });

  it('refuses a missing column, an empty body and malformed JSON without storing anything', async () => {
    const { t, map } = await setup();
    const noCustomer = await postEvents(t.url, map.id, map.editorKey, 'client,at,touchpoint\nc1,2025-01-01,tp-web\n');
    expect(noCustomer.status).toBe(400);
    expect((noCustomer.body as ErrorBody).error.message).toContain('customer');
    // the dialog's column mapping names the column instead
    const mapped = await postEvents(
      t.url,
      map.id,
      map.editorKey,
      'client,at,touchpoint\nc1,2025-01-01,tp-web\n',
      'text/csv',
      '?customerColumn=Client',
    );
    expect(mapped.body).toMatchObject({ accepted: 1 });
    expect((await postEvents(t.url, map.id, map.editorKey, '')).status).toBe(400);
    const bad = await postEvents(t.url, map.id, map.editorKey, '[{"customer":', 'application/json');
    expect(bad.status).toBe(400);
    expect((bad.body as ErrorBody).error.code).toBe('invalid_json');
    const notArray = await postEvents(t.url, map.id, map.editorKey, '{}', 'application/json');
    expect(notArray.status).toBe(400);
    expect((await flowsOf(t, map)).events).toBe(1);
  });

  it('refuses a body without line ends instead of buffering it, and keeps serving', async () => {
    const { t, map } = await setup();
    const res = await postEvents(
      t.url,
      map.id,
      map.editorKey,
      `customer,at,touchpoint\nc1,2025-01-01,tp-web\n${'x'.repeat(3 * 1024 * 1024)}`,
    );
    expect(res.status).toBe(400);
    expect((res.body as ErrorBody).error.message).toContain('longer than');
    expect((await flowsOf(t, map)).events).toBe(1);
  });

  it('takes the ingest key or the editor key; the viewer key gets 403', async () => {
    const { t, map } = await setup();
    const csv = 'customer,at,touchpoint\nc1,2025-01-01T00:00:00Z,tp-web\n';
    const viewer = await postEvents(t.url, map.id, map.viewerKey, csv);
    expect(viewer.status).toBe(403);
    expect((viewer.body as ErrorBody).error.code).toBe('editor_key_required');
    expect((await postEvents(t.url, map.id, null, csv)).status).toBe(401);
    expect((await postEvents(t.url, map.id, 'nope', csv)).status).toBe(403);
    expect((await postEvents(t.url, 'AAAAAAAAAAAAAAAAAAAAAA', map.editorKey, csv)).status).toBe(404);
    const ingest = await api<{ ingestKey: string }>(t.url, 'POST', `/api/maps/${map.id}/ingest-key`, map.editorKey);
    expect((await postEvents(t.url, map.id, ingest.body.ingestKey, csv)).body).toMatchObject({ accepted: 1 });
    // flows: editor or viewer; no key 401
    expect((await getJson(t.url, `/api/maps/${map.id}/flows`, null)).status).toBe(401);
    expect((await flowsOf(t, map, '', map.editorKey)).events).toBe(1);
    // deleting events and mapping activities: editor only
    expect((await api(t.url, 'DELETE', `/api/maps/${map.id}/events`, map.viewerKey)).status).toBe(403);
    expect(
      (
        await api(t.url, 'PUT', `/api/maps/${map.id}/events/mapping`, map.viewerKey, {
          mappings: [{ activity: 'x', touchpoint: 'tp-web' }],
        })
      ).status,
    ).toBe(403);
  });

  it('filters flows by time range and by attributes (a name repeated: any of its values)', async () => {
    const { t, map } = await setup();
    const rows = generateLog(21, 200);
    await postEvents(t.url, map.id, map.editorKey, toCsv(rows));
    const from = '2025-01-10T00:00:00Z';
    const to = '2025-01-20T00:00:00Z';
    const inRange = rows.filter((r) => r.at >= '2025-01-10T00:00:00.000Z' && r.at < '2025-01-20T00:00:00.000Z');
    const ranged = await flowsOf(t, map, `?from=${from}&to=${to}`);
    const expectedRange = expectedFlows(inRange);
    expect(ranged.edges).toEqual(expectedRange.edges);
    expect(ranged.nodes).toEqual(expectedRange.nodes);
    expect(ranged.cases).toBe(expectedRange.cases);

    const gold = await flowsOf(t, map, '?attr.segment=gold');
    const expectedGold = expectedFlows(rows.filter((r) => r.segment === 'gold'));
    expect(gold.edges).toEqual(expectedGold.edges);
    expect(gold.events).toBe(expectedGold.events);
    const both = await flowsOf(t, map, '?attr.segment=gold&attr.segment=basic');
    expect(both.events).toBe(rows.length);
    const goldInRange = await flowsOf(t, map, `?attr.segment=gold&from=${from}&to=${to}`);
    expect(goldInRange.edges).toEqual(expectedFlows(inRange.filter((r) => r.segment === 'gold')).edges);
    expect((await flowsOf(t, map, '?attr.country=IT')).events).toBe(0);
    const bad = await getJson<ErrorBody>(t.url, `/api/maps/${map.id}/flows?from=soon`, map.viewerKey);
    expect(bad.status).toBe(400);
  });

  it('answers a repeated flows request again after imports, mappings and edits of the map', async () => {
    const { t, map } = await setup();
    const rows = generateLog(31, 120);
    await postEvents(t.url, map.id, map.editorKey, toCsv(rows));
    const first = await flowsOf(t, map, '?attr.segment=gold');
    expect(await flowsOf(t, map, '?attr.segment=gold')).toEqual(first);
    // a path edge drawn after the answer was computed: the repeated answer says it is designed now
    const detour = first.edges.find(
      (e) =>
        e.designed === false &&
        e.source !== e.target &&
        !e.source.startsWith('unmapped:') &&
        !e.target.startsWith('unmapped:'),
    )!;
    expect(detour).toBeDefined();
    await t.server.rooms.use(map.id, (room) => connect(room.doc, { source: detour.source, target: detour.target }));
    const redrawn = await flowsOf(t, map, '?attr.segment=gold');
    expect(redrawn.edges.find((e) => e.source === detour.source && e.target === detour.target)?.designed).toBe(true);
    // new events, then a mapping: each changes the answer
    const more = generateLog(32, 40).map((r) => ({ ...r, customer: `more-${r.customer}`, segment: 'gold' }));
    await postEvents(t.url, map.id, map.editorKey, toCsv(more));
    const gold = [...rows.filter((r) => r.segment === 'gold'), ...more];
    const grown = await flowsOf(t, map, '?attr.segment=gold');
    expect(grown.events).toBe(gold.length);
    expect(grown.edges.map(({ designed: _designed, ...e }) => e)).toEqual(
      expectedFlows(gold).edges.map(({ designed: _designed, ...e }) => e),
    );
    await api(t.url, 'PUT', `/api/maps/${map.id}/events/mapping`, map.editorKey, {
      mappings: [{ activity: 'Chat bot', touchpoint: 'tp-web' }],
    });
    expect((await flowsOf(t, map, '?attr.segment=gold')).unmapped).toEqual([]);
  });

  it('lists the attribute names and values of the events, for the filters to offer', async () => {
    const { t, map } = await setup();
    const url = `/api/maps/${map.id}/events/attributes`;
    expect((await getJson(t.url, url, map.viewerKey)).body).toEqual({ attributes: {} });
    const csv = [
      'customer,at,touchpoint,segment,country',
      'c1,2025-01-01T10:00:00Z,tp-web,gold,IT',
      'c2,2025-01-01T11:00:00Z,tp-web,basic,',
      'c3,2025-01-01T12:00:00Z,tp-call,gold,DE',
      'c4,2025-01-01T13:00:00Z,tp-call,,',
    ].join('\n');
    await postEvents(t.url, map.id, map.editorKey, csv);
    const listed = await getJson<{ attributes: Record<string, string[]> }>(t.url, url, map.viewerKey);
    expect(listed.status).toBe(200);
    expect(listed.body.attributes).toEqual({ country: ['DE', 'IT'], segment: ['basic', 'gold'] });
    // the flows answer carries them too, whatever its filter keeps
    const filtered = await getJson<{ attributes: unknown }>(
      t.url,
      `/api/maps/${map.id}/flows?attr.country=IT`,
      map.viewerKey,
    );
    expect(filtered.body.attributes).toEqual(listed.body.attributes);
    expect((await getJson(t.url, url, null)).status).toBe(401);
  });

  it("answers one customer's timeline in time order, and 404 for an unknown customer", async () => {
    const { t, map } = await setup();
    const rows: LogRow[] = [
      { customer: 'anna', at: '2025-03-01T12:00:00Z', touchpoint: 'Phone call', channel: 'phone', segment: 'gold' },
      { customer: 'anna', at: '2025-03-01T09:00:00Z', touchpoint: 'tp-web', channel: 'web', segment: 'gold' },
      { customer: 'bruno', at: '2025-03-01T09:30:00Z', touchpoint: 'Fax', segment: 'basic' },
    ];
    await postEvents(t.url, map.id, map.editorKey, toCsv(rows));
    const anna = await getJson<TimelineBody>(t.url, `/api/maps/${map.id}/customers/anna`, map.viewerKey);
    expect(anna.status).toBe(200);
    expect(anna.body).toEqual({
      customer: 'anna',
      events: [
        {
          at: '2025-03-01T09:00:00.000Z',
          touchpoint: 'tp-web',
          activity: 'tp-web',
          channel: 'web',
          attributes: { segment: 'gold' },
        },
        {
          at: '2025-03-01T12:00:00.000Z',
          touchpoint: 'tp-call',
          activity: 'Phone call',
          channel: 'phone',
          attributes: { segment: 'gold' },
        },
      ],
    });
    const bruno = await getJson<TimelineBody>(t.url, `/api/maps/${map.id}/customers/bruno`, map.viewerKey);
    expect(bruno.body.events).toEqual([
      {
        at: '2025-03-01T09:30:00.000Z',
        touchpoint: null,
        activity: 'Fax',
        channel: null,
        attributes: { segment: 'basic' },
      },
    ]);
    expect((await getJson(t.url, `/api/maps/${map.id}/customers/carla`, map.viewerKey)).status).toBe(404);
  });

  it("hashes customer ids with the map's salt when asked; the timeline finds the customer by the plain id", async () => {
    const { t, map } = await setup();
    const csv = 'customer,at,touchpoint\nmario.rossi@example.com,2025-01-01T00:00:00Z,tp-web\n';
    const res = await postEvents(t.url, map.id, map.editorKey, csv, 'text/csv', '?hashCustomers=true');
    expect(res.body).toMatchObject({ accepted: 1 });
    const timeline = await getJson<TimelineBody>(
      t.url,
      `/api/maps/${map.id}/customers/${encodeURIComponent('mario.rossi@example.com')}`,
      map.viewerKey,
    );
    expect(timeline.status).toBe(200);
    expect(timeline.body.events).toHaveLength(1);
    if (!options.databaseUrl) {
      const db = new Database(path.join(t.dataDir, 'percorso.db'), { readonly: true });
      const texts = db
        .prepare<[], { text: string }>('SELECT text FROM event_terms WHERE kind = 1')
        .all()
        .map((r) => r.text);
      db.close();
      expect(texts).toHaveLength(1);
      expect(texts[0]).not.toContain('mario');
      expect(texts[0]).toMatch(/^[0-9a-f]{32}$/);
    }
  });

  it('keeps unmapped activities; a mapping moves past events and applies to future ones', async () => {
    const { t, map } = await setup();
    const csv = [
      'customer,at,touchpoint',
      'c1,2025-01-01T10:00:00Z,tp-web',
      'c1,2025-01-01T11:00:00Z,Callback',
      'c2,2025-01-01T10:00:00Z,callback ',
    ].join('\n');
    expect((await postEvents(t.url, map.id, map.editorKey, csv)).body).toMatchObject({ accepted: 3, unmapped: 2 });
    let flows = await flowsOf(t, map);
    expect(flows.unmapped).toEqual([{ activity: 'Callback', events: 2 }]);
    expect(flows.edges.map((e) => `${e.source}>${e.target}`)).toContain('tp-web>unmapped:Callback');

    const put = await api<{ mappings: unknown }>(t.url, 'PUT', `/api/maps/${map.id}/events/mapping`, map.editorKey, {
      mappings: [{ activity: 'CALLBACK', touchpoint: 'tp-call' }],
    });
    expect(put.status).toBe(200);
    expect(put.body.mappings).toEqual([{ activity: 'callback', touchpoint: 'tp-call' }]);
    flows = await flowsOf(t, map);
    expect(flows.unmapped).toEqual([]);
    expect(flows.nodes.find((n) => n.id === 'tp-call')).toMatchObject({ events: 2, cases: 2 });
    expect(flows.edges.find((e) => e.source === 'tp-web' && e.target === 'tp-call')).toMatchObject({
      transitions: 1,
      designed: true,
      medianSeconds: 3600,
    });
    // future rows: resolved by the mapping, and the re-import of a moved row is a duplicate
    const more = [
      'customer,at,touchpoint',
      'c2,2025-01-01T10:00:00Z,Callback',
      'c3,2025-01-02T10:00:00Z,callback',
    ].join('\n');
    expect((await postEvents(t.url, map.id, map.editorKey, more)).body).toMatchObject({
      accepted: 1,
      duplicates: 1,
      unmapped: 0,
    });
    const listed = await getJson<{ mappings: unknown }>(t.url, `/api/maps/${map.id}/events/mapping`, map.viewerKey);
    expect(listed.body.mappings).toEqual([{ activity: 'callback', touchpoint: 'tp-call' }]);
    // an unknown touchpoint is refused, nothing changes
    const bad = await api(t.url, 'PUT', `/api/maps/${map.id}/events/mapping`, map.editorKey, {
      mappings: [{ activity: 'x', touchpoint: 'nope' }],
    });
    expect(bad.status).toBe(400);
    // removing the mapping puts the activity's events back as unmapped
    await api(t.url, 'PUT', `/api/maps/${map.id}/events/mapping`, map.editorKey, {
      mappings: [{ activity: 'callback', touchpoint: null }],
    });
    flows = await flowsOf(t, map);
    expect(flows.unmapped).toEqual([{ activity: 'Callback', events: 3 }]);
  });

  it("deletes a map's events (DELETE /events) and with the map", async () => {
    const { t, map } = await setup();
    await postEvents(t.url, map.id, map.editorKey, toCsv(generateLog(3, 20)));
    const del = await api<{ deleted: number }>(t.url, 'DELETE', `/api/maps/${map.id}/events`, map.editorKey);
    expect(del.status).toBe(200);
    expect(del.body.deleted).toBeGreaterThan(0);
    expect(await flowsOf(t, map)).toEqual({
      cases: 0,
      events: 0,
      nodes: [],
      edges: [],
      variants: [],
      unmapped: [],
      attributes: {},
    });
    expect((await getJson(t.url, `/api/maps/${map.id}/customers/cust-0`, map.viewerKey)).status).toBe(404);

    await postEvents(t.url, map.id, map.editorKey, toCsv(generateLog(3, 20)));
    const space = await spaceOf(t, map.id);
    expect(await countEvents(t, space)).toBeGreaterThan(0);
    expect((await api(t.url, 'DELETE', `/api/maps/${map.id}`, map.editorKey)).status).toBe(204);
    await t.server.purgeTrash(Date.now() + 400 * 86_400_000); // past TRASH_DAYS: deleted for good
    expect(await countEvents(t, space)).toBe(0);
    expect(await spaceOf(t, map.id)).toBe(-1);
  });

  it('EVENT_RETENTION_DAYS refuses older rows at import and drops stored ones at start', async () => {
    const dataDir = tempDir();
    const { t, map } = await setup({ dataDir });
    const day = 86_400_000;
    const csv = [
      'customer,at,touchpoint',
      `old,${new Date(Date.now() - 40 * day).toISOString()},tp-web`,
      `new,${new Date(Date.now() - 2 * day).toISOString()},tp-web`,
    ].join('\n');
    expect((await postEvents(t.url, map.id, map.editorKey, csv)).body).toMatchObject({ accepted: 2 });
    await t.close();
    // restarted with a 30-day retention: the old event is gone, the recent one stays
    const t2 = await startTestServer({ ...options, dataDir, eventRetentionDays: 30 });
    await waitFor(() => t2.logText().includes('old events dropped'), 5000, 'the retention sweep');
    const flows = await flowsOf(t2, map);
    expect(flows.events).toBe(1);
    expect((await getJson(t2.url, `/api/maps/${map.id}/customers/old`, map.viewerKey)).status).toBe(404);
    const again = await postEvents(t2.url, map.id, map.editorKey, csv);
    expect(again.body).toMatchObject({ accepted: 0, duplicates: 1, rejected: 1 });
    expect((again.body as ImportAnswer).errors[0]).toEqual({
      row: 2,
      reason: 'at is older than the 30 days events are kept (EVENT_RETENTION_DAYS)',
    });
  });

  it("leaves the map's document alone: the Y.Doc does not grow with events", async () => {
    const { t, map } = await setup();
    const client = await connectSynced(t.wsUrl, map.id, map.viewerKey);
    const before = Y.encodeStateAsUpdate(client.doc).length;
    const storedBefore = await t.server.store.docs.loadDocument(map.id);
    await postEvents(t.url, map.id, map.editorKey, toCsv(generateLog(5, 1000)));
    expect((await flowsOf(t, map)).events).toBeGreaterThan(1000);
    expect(Y.encodeStateAsUpdate(client.doc).length).toBe(before);
    const storedAfter = await t.server.store.docs.loadDocument(map.id);
    expect(storedAfter?.updates.length).toBe(storedBefore?.updates.length);
  });

  it("tells the map's clients that flows changed within a second; the stock client keeps syncing", async () => {
    const { t, map } = await setup();
    const listener = await connectSynced(t.wsUrl, map.id, map.viewerKey);
    const stock = await connectSynced(t.wsUrl, map.id, map.editorKey); // no handler: ignores the frame
    const signals: { at: number; payload: unknown }[] = [];
    listener.provider.messageHandlers[MESSAGE_FLOWS_CHANGED] = (_encoder, decoder) => {
      signals.push({ at: Date.now(), payload: JSON.parse(decoding.readVarString(decoder)) });
    };
    const res = await postEvents(t.url, map.id, map.editorKey, toCsv(generateLog(9, 10)));
    const answered = Date.now();
    expect(res.status).toBe(200);
    await waitFor(() => signals.length > 0, 1000, 'the flows-changed signal');
    expect(signals[0]!.payload).toEqual({ type: 'flows-changed' });
    expect(signals[0]!.at - answered).toBeLessThan(1000);
    // a mapping change and a deletion signal too
    await api(t.url, 'PUT', `/api/maps/${map.id}/events/mapping`, map.editorKey, {
      mappings: [{ activity: 'chat bot', touchpoint: 'tp-web' }],
    });
    await api(t.url, 'DELETE', `/api/maps/${map.id}/events`, map.editorKey);
    await waitFor(() => signals.length >= 3, 1000, 'two more signals');
    // the stock client ignored the frames and still syncs edits
    stock.doc.getMap('meta').set('title', 'Still syncing');
    await waitFor(() => listener.doc.getMap('meta').get('title') === 'Still syncing', 5000, 'an edit after the signal');
    expect(stock.provider.wsconnected).toBe(true);
  });
});

/** The event-space number of a map, and how many events that space holds (in SQLite or PostgreSQL). */
async function spaceOf(t: TestServer, mapId: string): Promise<number> {
  return Number((await query(t, 'SELECT n AS c FROM event_maps WHERE map_id = $1', [mapId]))[0]?.c ?? -1);
}

async function countEvents(t: TestServer, space: number): Promise<number> {
  return Number((await query(t, 'SELECT count(*) AS c FROM events WHERE space = $1', [space]))[0]!.c);
}

async function query(t: TestServer, sql: string, params: unknown[]): Promise<{ c: string | number }[]> {
  const store = t.server.store as unknown as {
    pool?: { query(sql: string, params: unknown[]): Promise<{ rows: { c: string }[] }> };
  };
  if (store.pool) return (await store.pool.query(sql, params)).rows;
  const db = new Database(path.join(t.dataDir, 'percorso.db'), { readonly: true });
  try {
    return db.prepare(sql.replace(/\$\d+/g, '?')).all(...params) as { c: number }[];
  } finally {
    db.close();
  }
}
