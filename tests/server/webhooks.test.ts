// Metric alerts: webhook registration, a signed `metric.red` delivery when an ingested or a client's
// value crosses into red, retries with backoff, and the delivery status in the listing.
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { setMetricValue } from '../../src/model';
import { addTouchpoints, api, startReceiver, type ErrorBody, type Receiver } from './helpers/api';
import {
  connectSynced,
  createMap,
  sleep,
  startTestServer,
  waitFor,
  type CreatedMap,
  type TestServer,
} from './helpers/testServer';

interface Hook {
  id: string;
  url: string;
  secret?: string;
  createdAt: string;
  lastResult: 'delivered' | 'failed' | null;
  attempts: number;
  lastAttemptAt: string | null;
}

const FAST = { webhookTimeoutMs: 300, webhookRetryDelaysMs: [50, 100, 200], webhookWindowMs: 50 };

async function setup(
  receiverAnswers?: (number | 'hang')[],
): Promise<{ t: TestServer; map: CreatedMap; ingestKey: string; receiver: Receiver; hook: Hook }> {
  const t = await startTestServer({ timing: FAST, webhookAllowPrivate: true }); // the receiver is on loopback
  const map = await createMap(t.url);
  await addTouchpoints(t, map.id, [['t1', 'Checkout']]);
  const ingestKey = (await api<{ ingestKey: string }>(t.url, 'POST', `/api/maps/${map.id}/ingest-key`, map.editorKey))
    .body.ingestKey;
  const receiver = await startReceiver(receiverAnswers);
  const created = await api<Hook>(t.url, 'POST', `/api/maps/${map.id}/webhooks`, map.editorKey, { url: receiver.url });
  expect(created.status).toBe(201);
  return { t, map, ingestKey, receiver, hook: created.body };
}

const ingest = (t: TestServer, map: CreatedMap, key: string, items: unknown[]) =>
  api(t.url, 'POST', `/api/maps/${map.id}/metrics`, key, items);
const hooks = async (t: TestServer, map: CreatedMap) =>
  (await api<{ webhooks: Hook[] }>(t.url, 'GET', `/api/maps/${map.id}/webhooks`, map.editorKey)).body.webhooks;

function verify(secret: string, raw: string, header: unknown): boolean {
  return header === `sha256=${createHmac('sha256', secret).update(raw).digest('hex')}`;
}

describe('webhook registration', () => {
  it('adds http(s) URLs for the editor, lists them without secrets, deletes them', async () => {
    const t = await startTestServer();
    const map = await createMap(t.url);
    const path = `/api/maps/${map.id}/webhooks`;
    for (const url of ['ftp://example.com/x', 'not a url', '/relative', 'http://user:pw@example.com/', '']) {
      const res = await api<ErrorBody>(t.url, 'POST', path, map.editorKey, { url });
      expect(res.status, url).toBe(400);
      expect(res.body.error.code, url).toBe('bad_request');
    }
    expect((await api(t.url, 'POST', path, map.editorKey, {})).status).toBe(400);
    expect(
      (await api<ErrorBody>(t.url, 'POST', path, map.viewerKey, { url: 'https://example.com/h' })).body.error.code,
    ).toBe('editor_key_required');
    expect((await api(t.url, 'GET', path, map.viewerKey)).status).toBe(403);

    const created = await api<Hook>(t.url, 'POST', path, map.editorKey, { url: 'https://example.com/hook' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      url: 'https://example.com/hook',
      secret: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    const listed = await hooks(t, map);
    expect(listed).toEqual([
      {
        id: created.body.id,
        url: 'https://example.com/hook',
        createdAt: created.body.createdAt,
        lastResult: null,
        attempts: 0,
        lastAttemptAt: null,
      },
    ]);

    expect((await api(t.url, 'DELETE', `${path}/${created.body.id}`, map.viewerKey)).status).toBe(403);
    expect((await api(t.url, 'DELETE', `${path}/${created.body.id}`, map.editorKey)).status).toBe(204);
    expect((await api(t.url, 'DELETE', `${path}/${created.body.id}`, map.editorKey)).status).toBe(404);
    expect((await api(t.url, 'DELETE', `${path}/nope`, map.editorKey)).status).toBe(404);
    expect(await hooks(t, map)).toEqual([]);
  });
});

describe('metric.red alerts', () => {
  it('posts a signed event when an ingested value crosses into red, once while it stays red', async () => {
    const { t, map, ingestKey, receiver, hook } = await setup();
    await ingest(t, map, ingestKey, [{ node: 't1', metric: 'csat', value: 4.5, at: '2024-05-01T00:00:00Z' }]);
    await ingest(t, map, ingestKey, [{ node: 'Checkout', metric: 'csat', value: 2.5, at: '2024-05-02T00:00:00Z' }]);
    await waitFor(() => receiver.received.length === 1, 5000, 'delivery');
    const [got] = receiver.received;
    if (!got) throw new Error('no delivery');
    expect(verify(hook.secret ?? '', got.raw, got.headers['x-percorso-signature'])).toBe(true);
    expect(verify('another secret', got.raw, got.headers['x-percorso-signature'])).toBe(false);
    expect(got.headers['content-type']).toBe('application/json');
    expect(got.headers['x-percorso-event']).toBe('metric.red');
    expect(JSON.parse(got.raw)).toEqual({
      type: 'metric.red',
      mapId: map.id,
      alerts: [
        {
          nodeId: 't1',
          nodeLabel: 'Checkout',
          metric: 'csat',
          value: 2.5,
          previous: 4.5,
          threshold: 3,
          at: '2024-05-02T00:00:00.000Z',
        },
      ],
    });
    await waitFor(() => t.server.features.webhooks.active === 0, 5000, 'delivery recorded');
    expect((await hooks(t, map))[0]).toMatchObject({ lastResult: 'delivered', attempts: 1 });

    // still red, then amber: no alert; red again: a second one
    await ingest(t, map, ingestKey, [{ node: 't1', metric: 'csat', value: 2, at: '2024-05-03T00:00:00Z' }]);
    await ingest(t, map, ingestKey, [{ node: 't1', metric: 'csat', value: 3.5, at: '2024-05-04T00:00:00Z' }]);
    await ingest(t, map, ingestKey, [{ node: 't1', metric: 'csat', value: 1, at: '2024-05-05T00:00:00Z' }]);
    await waitFor(() => receiver.received.length === 2, 5000, 'second delivery');
    expect(JSON.parse(receiver.received[1]?.raw ?? '{}')).toMatchObject({ alerts: [{ value: 1, previous: 3.5 }] });
    await sleep(100);
    expect(receiver.received).toHaveLength(2);
  });

  it('alerts on a value a client writes too (lower-is-better metrics by their own threshold)', async () => {
    const { t, map, receiver } = await setup();
    const client = await connectSynced(t.wsUrl, map.id, map.editorKey);
    setMetricValue(client.doc, { nodeId: 't1', key: 'ces', value: 2, source: 'manual' });
    await sleep(100);
    expect(receiver.received).toHaveLength(0); // 2 is green for effort (lower is better)
    setMetricValue(client.doc, { nodeId: 't1', key: 'ces', value: 6, source: 'manual' });
    await waitFor(() => receiver.received.length === 1, 5000, 'delivery');
    expect(JSON.parse(receiver.received[0]?.raw ?? '{}')).toMatchObject({
      alerts: [{ nodeId: 't1', metric: 'ces', value: 6, previous: 2, threshold: 5 }],
    });
  });

  it('retries after a 500 with backoff and records the attempts', async () => {
    const { t, map, ingestKey, receiver, hook } = await setup([500, 200]);
    await ingest(t, map, ingestKey, [{ node: 't1', metric: 'nps', value: -20 }]);
    await waitFor(() => receiver.received.length === 2, 5000, 'retry');
    const [first, second] = receiver.received;
    if (!first || !second) throw new Error('missing attempts');
    expect(second.raw).toBe(first.raw);
    expect(second.headers['x-percorso-delivery']).toBe(first.headers['x-percorso-delivery']);
    expect(verify(hook.secret ?? '', second.raw, second.headers['x-percorso-signature'])).toBe(true);
    expect(second.at - first.at).toBeGreaterThanOrEqual(45);
    await waitFor(() => t.server.features.webhooks.active === 0, 5000, 'delivery recorded');
    expect((await hooks(t, map))[0]).toMatchObject({
      lastResult: 'delivered',
      attempts: 2,
      lastAttemptAt: expect.any(String),
    });
  });

  it('gives up after the last retry and shows the failure; a receiver that hangs times out', async () => {
    const { t, map, ingestKey, receiver } = await setup([500]);
    await ingest(t, map, ingestKey, [{ node: 't1', metric: 'nps', value: -20 }]);
    await waitFor(() => receiver.received.length === 4, 5000, 'every attempt');
    const gaps = receiver.received.slice(1).map((r, i) => r.at - (receiver.received[i]?.at ?? 0));
    expect(gaps[2] ?? 0).toBeGreaterThan(gaps[0] ?? 0); // the waits grow
    await waitFor(() => t.server.features.webhooks.active === 0, 5000, 'gave up');
    expect((await hooks(t, map))[0]).toMatchObject({ lastResult: 'failed', attempts: 4 });
    await sleep(300);
    expect(receiver.received).toHaveLength(4);

    receiver.answers = ['hang'];
    await ingest(t, map, ingestKey, [{ node: 't1', metric: 'csat', value: 1 }]);
    await waitFor(() => receiver.received.length >= 5, 5000, 'hanging attempt');
    await waitFor(() => t.server.features.webhooks.active === 0, 10_000, 'timed out');
    expect((await hooks(t, map))[0]).toMatchObject({ lastResult: 'failed', attempts: 4 });
    expect(t.logText()).toContain('no answer within 300 ms'); // the reason is for the server's log only
  });
});
