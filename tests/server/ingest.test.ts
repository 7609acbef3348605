// The live metrics API: the ingest key, POST /api/maps/:id/metrics into a connected client's map,
// whole-request refusals that change nothing, per-item errors, duplicates.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addTouchpoints, api, metricValue, type ErrorBody } from './helpers/api';
import {
  connectSynced,
  createMap,
  startTestServer,
  waitFor,
  type CreatedMap,
  type TestServer,
} from './helpers/testServer';

interface IngestAnswer {
  applied: number;
  skipped: number;
  errors: { index: number; reason: string }[];
}

async function ingestKeyOf(t: TestServer, map: CreatedMap): Promise<string> {
  const res = await api<{ ingestKey: string }>(t.url, 'POST', `/api/maps/${map.id}/ingest-key`, map.editorKey);
  expect(res.status).toBe(200);
  return res.body.ingestKey;
}

const post = (t: TestServer, map: CreatedMap, key: string | null, body: unknown) =>
  api<IngestAnswer & ErrorBody>(t.url, 'POST', `/api/maps/${map.id}/metrics`, key, body);

/** What the server has stored for the map: snapshot and updates, as one comparable list. */
async function stored(t: TestServer, mapId: string): Promise<Uint8Array[]> {
  const doc = await t.server.store.docs.loadDocument(mapId);
  if (!doc) throw new Error('map not stored');
  return [doc.snapshot ?? new Uint8Array(), ...doc.updates.map((u) => u.bytes)];
}

describe('ingest key', () => {
  it('is made and rotated by the editor, returned once, and reported without the key', async () => {
    const t = await startTestServer();
    const map = await createMap(t.url);
    const path = `/api/maps/${map.id}/ingest-key`;
    expect((await api(t.url, 'GET', path, map.editorKey)).body).toEqual({ exists: false, rotatedAt: null });
    expect((await api<ErrorBody>(t.url, 'POST', path, map.viewerKey)).body.error.code).toBe('editor_key_required');
    expect((await api<ErrorBody>(t.url, 'GET', path, map.viewerKey)).status).toBe(403);

    const first = await ingestKeyOf(t, map);
    const state = await api<{ exists: boolean; rotatedAt: string }>(t.url, 'GET', path, map.editorKey);
    expect(state.body.exists).toBe(true);
    expect(Number.isNaN(Date.parse(state.body.rotatedAt))).toBe(false);
    expect(JSON.stringify(state.body)).not.toContain(first);

    await addTouchpoints(t, map.id, ['t1']);
    expect((await post(t, map, first, [{ node: 't1', metric: 'csat', value: 4 }])).status).toBe(200);
    const second = await ingestKeyOf(t, map);
    expect(second).not.toBe(first);
    const old = await post(t, map, first, [{ node: 't1', metric: 'csat', value: 4 }]);
    expect(old.status).toBe(403);
    expect(old.body.error.code).toBe('wrong_key');
    expect((await post(t, map, second, [{ node: 't1', metric: 'csat', value: 4.5 }])).status).toBe(200);
  });
});

describe('POST /api/maps/:id/metrics', () => {
  it('reaches a connected y-websocket client within a second', async () => {
    const t = await startTestServer();
    const map = await createMap(t.url);
    await addTouchpoints(t, map.id, ['t1', ['t2', 'Checkout page']]);
    const key = await ingestKeyOf(t, map);
    const client = await connectSynced(t.wsUrl, map.id, map.viewerKey);

    const start = Date.now();
    const res = await post(t, map, key, [
      { node: 't1', metric: 'csat', value: 4.4, at: '2024-05-01T10:00:00Z' },
      { node: 'Checkout page', metric: 'conversion', value: 12.5 },
    ]);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ applied: 2, skipped: 0, errors: [] });
    await waitFor(
      () => metricValue(client.doc, 't1', 'csat') === 4.4 && metricValue(client.doc, 't2', 'conversion') === 12.5,
      1000,
      'values on the client',
    );
    expect(Date.now() - start).toBeLessThan(1000);
    const metric = (client.doc.getMap('nodes').get('t1') as Y.Map<unknown>).get('metrics') as Y.Map<Y.Map<unknown>>;
    expect(metric.get('csat')?.get('source')).toBe('api');
    expect(metric.get('csat')?.get('updatedAt')).toBe('2024-05-01T10:00:00.000Z');
  });

  it('refuses a missing, wrong, viewer or editor key and an unknown map', async () => {
    const t = await startTestServer();
    const map = await createMap(t.url);
    await addTouchpoints(t, map.id, ['t1']);
    const key = await ingestKeyOf(t, map);
    const items = [{ node: 't1', metric: 'csat', value: 4 }];
    const cases: [string | null, number, string][] = [
      [null, 401, 'missing_key'],
      ['AAAAAAAAAAAAAAAAAAAAAA', 403, 'wrong_key'],
      [map.viewerKey, 403, 'ingest_key_required'],
      [map.editorKey, 403, 'ingest_key_required'],
    ];
    for (const [k, status, code] of cases) {
      const res = await post(t, map, k, items);
      expect(res.status, String(k)).toBe(status);
      expect(res.body.error.code, String(k)).toBe(code);
    }
    const unknown = await api<ErrorBody>(t.url, 'POST', '/api/maps/AAAAAAAAAAAAAAAAAAAAAA/metrics', key, items);
    expect(unknown.status).toBe(404);
    // a map without an ingest key refuses every key
    const other = await createMap(t.url);
    expect((await post(t, other, key, items)).status).toBe(403);
  });

  it('refuses malformed JSON, a non-array, 10,001 items and all-invalid values with a 400 that changes nothing', async () => {
    const t = await startTestServer();
    const map = await createMap(t.url);
    await addTouchpoints(t, map.id, ['t1']);
    const key = await ingestKeyOf(t, map);
    const client = await connectSynced(t.wsUrl, map.id, map.viewerKey);
    const before = await stored(t, map.id);
    const vector = Y.encodeStateVector(client.doc);
    let clientUpdates = 0;
    client.doc.on('update', () => clientUpdates++);

    const tooMany = Array.from({ length: 10_001 }, (_, i) => ({
      node: 't1',
      metric: 'csat',
      value: 4,
      at: new Date(i * 1000).toISOString(),
    }));
    const cases: [unknown, string][] = [
      ['[{"node":"t1","metric":"csat","value":4}', 'invalid_json'],
      ['{"node":"t1","metric":"csat","value":NaN}', 'invalid_json'],
      [{ node: 't1', metric: 'csat', value: 4 }, 'bad_request'],
      [tooMany, 'too_many_items'],
      [[{ node: 't1', metric: 'csat', value: 'NaN' }], 'no_valid_items'],
      [
        [
          { node: 't1', metric: 'csat', value: '4' },
          { node: 't1', metric: 'csat', value: null },
        ],
        'no_valid_items',
      ],
      ['[{"node":"t1","metric":"csat","value":1e400}]', 'no_valid_items'], // JSON.parse gives Infinity
      [[{ node: 't1', metric: 'csat', value: 9 }], 'no_valid_items'], // outside CSAT's 1..5 (the model's check)
    ];
    for (const [body, code] of cases) {
      const res = await post(t, map, key, body);
      const what = typeof body === 'string' ? body : JSON.stringify(body).slice(0, 80);
      expect(res.status, what).toBe(400);
      expect(res.body.error.code, what).toBe(code);
      expect(res.body.error.message.length, what).toBeGreaterThan(10);
    }
    const nan = await post(t, map, key, [{ node: 't1', metric: 'csat', value: 'NaN' }]);
    expect(nan.body.error.details).toEqual([{ index: 0, reason: expect.stringMatching(/finite number/) }]);
    const inf = await post(t, map, key, '[{"node":"t1","metric":"csat","value":1e400}]');
    expect(inf.body.error.details).toEqual([{ index: 0, reason: expect.stringMatching(/Infinity/) }]);

    // a valid request after them arrives: so had any of them written, it would have arrived first
    expect((await post(t, map, key, [{ node: 't1', metric: 'ces', value: 2 }])).status).toBe(200);
    await waitFor(() => metricValue(client.doc, 't1', 'ces') === 2, 2000, 'marker value');
    expect(metricValue(client.doc, 't1', 'csat')).toBeUndefined();
    const after = await stored(t, map.id);
    expect(after.slice(0, before.length)).toEqual(before);
    expect(after).toHaveLength(before.length + 1); // only the marker
    expect(clientUpdates).toBe(1);
    expect(Y.encodeStateVector(client.doc)).not.toEqual(vector);
  });

  it('applies the valid items and reports the others by index', async () => {
    const t = await startTestServer();
    const map = await createMap(t.url);
    await addTouchpoints(t, map.id, ['t1', ['a', 'Same'], ['b', 'Same']]);
    const key = await ingestKeyOf(t, map);
    const res = await post(t, map, key, [
      { node: 't1', metric: 'csat', value: 4.1 },
      { node: 'nowhere', metric: 'csat', value: 4 },
      { node: 'Same', metric: 'csat', value: 4 },
      { node: 't1', metric: 'happiness', value: 4 },
      { node: 't1', metric: 'nps', value: 'NaN' },
      { node: 't1', metric: 'nps', value: 10, at: 'yesterday' },
      { node: 'a', metric: 'nps', value: 10, at: '2024-05-01' },
      { node: 't1', metric: 'csat', value: 7 },
      42,
    ]);
    expect(res.status).toBe(200);
    expect(res.body.applied).toBe(2);
    expect(res.body.skipped).toBe(0);
    expect(res.body.errors.map((e) => e.index)).toEqual([1, 2, 3, 4, 5, 7, 8]);
    const reasons = res.body.errors.map((e) => e.reason).join('\n');
    for (const words of [/no node/, /ambiguous/, /unknown metric/, /finite number/, /ISO date/, /range/, /object/])
      expect(reasons).toMatch(words);
  });

  it('applies a repeated item once', async () => {
    const t = await startTestServer();
    const map = await createMap(t.url);
    await addTouchpoints(t, map.id, ['t1']);
    const key = await ingestKeyOf(t, map);
    const items = [
      { node: 't1', metric: 'csat', value: 4, at: '2024-05-01T00:00:00Z' },
      { node: 't1', metric: 'csat', value: 3.5, at: '2024-05-02T00:00:00Z' },
      { node: 't1', metric: 'csat', value: 3.5, at: '2024-05-02T00:00:00.000Z' }, // the same instant
    ];
    const first = await post(t, map, key, items);
    expect(first.body).toEqual({ applied: 2, skipped: 1, errors: [] });
    const again = await post(t, map, key, items);
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ applied: 0, skipped: 3, errors: [] });
    const client = await connectSynced(t.wsUrl, map.id, map.viewerKey);
    const metric = (
      (client.doc.getMap('nodes').get('t1') as Y.Map<unknown>).get('metrics') as Y.Map<Y.Map<unknown>>
    ).get('csat');
    expect((metric?.get('history') as Y.Array<unknown>).toJSON()).toEqual([
      { value: 4, at: '2024-05-01T00:00:00.000Z' },
      { value: 3.5, at: '2024-05-02T00:00:00.000Z' },
    ]);
  });

  it('takes 10,000 items in one request', async () => {
    const t = await startTestServer();
    const map = await createMap(t.url);
    const ids = Array.from({ length: 100 }, (_, i) => `t${i}`);
    await addTouchpoints(t, map.id, ids);
    const key = await ingestKeyOf(t, map);
    const items = Array.from({ length: 10_000 }, (_, i) => ({
      node: ids[i % 100],
      metric: 'volume',
      value: i,
      at: new Date(Date.UTC(2024, 0, 1) + Math.floor(i / 100) * 60_000).toISOString(),
    }));
    const res = await post(t, map, key, items);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ applied: 10_000, skipped: 0, errors: [] });
    const client = await connectSynced(t.wsUrl, map.id, map.viewerKey);
    expect(metricValue(client.doc, 't99', 'volume')).toBe(9999);
  });
});
