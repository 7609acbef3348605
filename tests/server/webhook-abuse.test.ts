// Issue 17, finding 2: webhooks as a port scanner and an amplifier. By default no hook reaches a
// private, loopback, link-local or metadata address, whatever its spelling, and the check is made on
// the address the delivery connects to (a name that resolves there later is refused too); editors see
// only "delivered" or "failed". One ingest turning 168 metrics red with 20 hooks makes one POST per
// hook per window (was 3,360), with a global cap on POSTs in flight.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { isForbiddenAddress } from '../../server/webhooks/address';
import { addTouchpoints, api, startReceiver, type ErrorBody } from './helpers/api';
import { createMap, sleep, startTestServer, waitFor } from './helpers/testServer';

const FAST = { webhookTimeoutMs: 500, webhookRetryDelaysMs: [50], webhookWindowMs: 300 };

interface PublicHook {
  id: string;
  lastResult: 'delivered' | 'failed' | null;
  attempts: number;
  lastStatus?: unknown;
  lastError?: unknown;
}

describe('webhook addresses', () => {
  const spellings = [
    'http://127.0.0.1/h',
    'http://localhost:8080/h',
    'http://api.localhost/h',
    'http://0.0.0.0/h',
    'http://2130706433/h',
    'http://0x7f.1/h',
    'http://017700000001/h',
    'http://127.1/h',
    'http://[::1]/h',
    'http://[::]/h',
    'http://[::ffff:127.0.0.1]/h',
    'http://[::ffff:7f00:1]/h',
    'http://[::ffff:a9fe:a9fe]/h',
    'http://169.254.169.254/latest/meta-data/',
    'http://[fd00:ec2::254]/h',
    'http://100.100.100.200/h',
    'http://10.0.0.7/h',
    'http://172.16.3.4/h',
    'http://192.168.1.1/h',
    'http://[fe80::1]/h',
    'http://[64:ff9b::7f00:1]/h',
    'http://[2002:7f00:1::]/h',
  ];

  it('refuses every spelling of a private, loopback, link-local or metadata address by default', async () => {
    const t = await startTestServer();
    const map = await createMap(t.url);
    for (const url of spellings) {
      const res = await api<ErrorBody>(t.url, 'POST', `/api/maps/${map.id}/webhooks`, map.editorKey, { url });
      expect(res.status, url).toBe(400);
      expect(res.body.error.message, url).toMatch(/private, loopback or link-local/);
    }
    for (const url of ['https://hooks.example.com/x', 'http://93.184.216.34/h', 'http://[2606:4700::1111]/h']) {
      expect((await api(t.url, 'POST', `/api/maps/${map.id}/webhooks`, map.editorKey, { url })).status, url).toBe(201);
    }
  });

  it('classifies addresses', () => {
    for (const ip of [
      '127.0.0.1',
      '0.0.0.0',
      '169.254.169.254',
      '::1',
      '::ffff:127.0.0.1',
      '::ffff:7f00:1',
      'fd00:ec2::254',
      '::',
      '10.1.2.3',
      '224.0.0.1',
      '255.255.255.255',
      'fe80::1%eth0',
      'not an ip',
    ]) {
      expect(isForbiddenAddress(ip), ip).toBe(true);
    }
    for (const ip of ['93.184.216.34', '8.8.8.8', '2606:4700::1111', '::ffff:8.8.8.8', '172.32.0.1'])
      expect(isForbiddenAddress(ip), ip).toBe(false);
  });

  it('checks the address a delivery connects to: a hook whose name now resolves to loopback reaches nothing', async () => {
    const t = await startTestServer({ timing: FAST });
    const map = await createMap(t.url);
    await addTouchpoints(t, map.id, [['t1', 'Checkout']]);
    const receiver = await startReceiver();
    const port = new URL(receiver.url).port;
    // as if registered while the name resolved to a public address (DNS rebinding), and a literal that slipped in
    for (const [id, url] of [
      ['rebound', `http://localhost:${port}/hook`],
      ['literal', `http://127.0.0.1:${port}/hook`],
    ] as const) {
      await t.server.store.features.addWebhook({
        id: `${id}hook${'x'.repeat(16)}`,
        mapId: map.id,
        url,
        secret: 's',
        createdAt: new Date().toISOString(),
      });
    }
    const ingestKey = (await api<{ ingestKey: string }>(t.url, 'POST', `/api/maps/${map.id}/ingest-key`, map.editorKey))
      .body.ingestKey;
    await api(t.url, 'POST', `/api/maps/${map.id}/metrics`, ingestKey, [{ node: 't1', metric: 'csat', value: 1 }]);
    await waitFor(
      () => t.server.features.webhooks.active === 0 && t.server.features.webhooks.posts >= 4,
      5000,
      'attempts',
    );
    expect(receiver.received).toHaveLength(0);
    const listed = (await api<{ webhooks: PublicHook[] }>(t.url, 'GET', `/api/maps/${map.id}/webhooks`, map.editorKey))
      .body.webhooks;
    expect(listed.map((h) => h.lastResult)).toEqual(['failed', 'failed']);
    // the editor learns nothing about the target: no status, no error text
    for (const hook of listed)
      expect(Object.keys(hook).sort()).toEqual(['attempts', 'createdAt', 'id', 'lastAttemptAt', 'lastResult', 'url']);
    expect(t.logText()).toContain('is a private, loopback or link-local address');
  });

  it('WEBHOOK_ALLOW_PRIVATE=1 delivers to an intranet receiver', async () => {
    const t = await startTestServer({ timing: FAST, webhookAllowPrivate: true });
    const map = await createMap(t.url);
    await addTouchpoints(t, map.id, [['t1', 'Checkout']]);
    const receiver = await startReceiver();
    expect(
      (
        await api(t.url, 'POST', `/api/maps/${map.id}/webhooks`, map.editorKey, {
          url: receiver.url.replace('127.0.0.1', 'localhost'),
        })
      ).status,
    ).toBe(201);
    const ingestKey = (await api<{ ingestKey: string }>(t.url, 'POST', `/api/maps/${map.id}/ingest-key`, map.editorKey))
      .body.ingestKey;
    await api(t.url, 'POST', `/api/maps/${map.id}/metrics`, ingestKey, [{ node: 't1', metric: 'csat', value: 1 }]);
    await waitFor(() => receiver.received.length === 1, 5000, 'delivery');
  });
});

describe('alert batching', () => {
  const receivers: http.Server[] = [];
  afterEach(async () => {
    for (const server of receivers.splice(0)) {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('one ingest turning 168 metrics red with 20 hooks makes at most 20 POSTs per window', async () => {
    const t = await startTestServer({ timing: FAST, webhookAllowPrivate: true });
    const map = await createMap(t.url);
    const touchpoints = Array.from({ length: 56 }, (_, i) => `tp${i}`);
    await addTouchpoints(t, map.id, touchpoints);
    // one receiver that records which hook each POST was for, when, and how many were open at once
    const posts: { path: string; at: number; alerts: number }[] = [];
    let open = 0;
    let maxOpen = 0;
    const server = http.createServer((req, res) => {
      open++;
      maxOpen = Math.max(maxOpen, open);
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        posts.push({
          path: req.url ?? '',
          at: Date.now(),
          alerts: (JSON.parse(body) as { alerts: unknown[] }).alerts.length,
        });
        setTimeout(() => {
          open--;
          res.end('ok');
        }, 20);
      });
    });
    receivers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    for (let h = 0; h < 20; h++)
      expect(
        (await api(t.url, 'POST', `/api/maps/${map.id}/webhooks`, map.editorKey, { url: `${base}/hook${h}` })).status,
      ).toBe(201);
    const ingestKey = (await api<{ ingestKey: string }>(t.url, 'POST', `/api/maps/${map.id}/ingest-key`, map.editorKey))
      .body.ingestKey;

    const items = touchpoints.flatMap((node) => [
      { node, metric: 'csat', value: 1 },
      { node, metric: 'nps', value: -50 },
      { node, metric: 'ces', value: 7 },
    ]);
    expect(items).toHaveLength(168);
    const sent = await api<{ applied: number }>(t.url, 'POST', `/api/maps/${map.id}/metrics`, ingestKey, items);
    expect(sent.body.applied).toBe(168);
    await waitFor(() => posts.length >= 20, 5000, 'one POST per hook');
    await sleep(FAST.webhookWindowMs * 3);
    console.log(
      `[webhooks] 168 crossings × 20 hooks: ${posts.length} POSTs (each listing ${posts[0]?.alerts} alerts), at most ${maxOpen} open at once`,
    );
    expect(posts).toHaveLength(20);
    expect(new Set(posts.map((p) => p.path)).size).toBe(20);
    expect(posts.every((p) => p.alerts === 168)).toBe(true);
    expect(maxOpen).toBeLessThanOrEqual(8);

    // three more requests back to back (red → green → red for every metric): still one POST per hook per window
    posts.length = 0;
    const start = Date.now();
    const green = items.map((item) => ({ ...item, value: item.metric === 'ces' ? 1 : item.metric === 'nps' ? 80 : 5 }));
    await api(t.url, 'POST', `/api/maps/${map.id}/metrics`, ingestKey, green);
    await api(t.url, 'POST', `/api/maps/${map.id}/metrics`, ingestKey, items);
    await api(t.url, 'POST', `/api/maps/${map.id}/metrics`, ingestKey, green);
    await api(
      t.url,
      'POST',
      `/api/maps/${map.id}/metrics`,
      ingestKey,
      items.map((item) => ({ ...item, value: item.metric === 'ces' ? 6 : item.metric === 'nps' ? -10 : 2 })),
    );
    await waitFor(() => t.server.features.webhooks.active === 0, 10_000, 'deliveries done');
    const windows = Math.ceil((Date.now() - start) / FAST.webhookWindowMs) + 1;
    const perHook = new Map<string, number[]>();
    for (const p of posts) perHook.set(p.path, [...(perHook.get(p.path) ?? []), p.at]);
    console.log(
      `[webhooks] 336 more crossings in 4 requests: ${posts.length} POSTs for 20 hooks over ${windows} windows`,
    );
    expect(posts.length).toBeLessThanOrEqual(20 * windows);
    for (const times of perHook.values()) expect(times.length).toBeLessThanOrEqual(windows); // the per-hook rate
    expect(posts.reduce((n, p) => n + p.alerts, 0)).toBe(336 * 20); // every crossing reached every hook
  });
});
