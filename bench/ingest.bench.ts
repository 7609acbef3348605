// Live metrics ingest benchmark: the server in-process (SQLite in a temp dir), a connected
// y-websocket client, one POST of 10,000 items (1,250 touchpoints × the 8 default metrics), timed
// until the client holds every value. Prints the figures and writes bench/results/ingest.json.
// Run: npx tsx bench/ingest.bench.ts
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { createPercorsoServer } from '../server/app';
import { DEFAULT_METRIC_DEFS, addStage, addTouchpoint } from '../src/model';

const TOUCHPOINTS = 1250;
const ITEMS = TOUCHPOINTS * DEFAULT_METRIC_DEFS.length; // 10,000

/** A value inside the metric's range, different per item. */
function valueFor(def: (typeof DEFAULT_METRIC_DEFS)[number], i: number): number {
  const min = def.min ?? 0;
  const max = def.max ?? min + 1000;
  return Math.round((min + (((i * 37) % 101) / 100) * (max - min)) * 100) / 100;
}

const dataDir = mkdtempSync(join(tmpdir(), 'percorso-bench-'));
const server = await createPercorsoServer({
  port: 0,
  host: '127.0.0.1',
  dataDir,
  logLevel: 'warn',
  distDir: join(dataDir, 'no-dist'),
});
const post = async (path: string, key: string | null, body: unknown) => {
  const res = await fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return res.json() as Promise<Record<string, unknown>>;
};

try {
  const map = (await post('/api/maps', null, { title: 'Ingest bench' })) as {
    id: string;
    editorKey: string;
    viewerKey: string;
  };
  await server.rooms.use(map.id, (room) =>
    room.doc.transact(
      () => {
        addStage(room.doc, { label: 'All', id: 's' });
        for (let i = 0; i < TOUCHPOINTS; i++)
          addTouchpoint(room.doc, { stageId: 's', label: `Touchpoint ${i}`, id: `tp${i}` });
      },
      { kind: 'import' },
    ),
  );
  const { ingestKey } = (await post(`/api/maps/${map.id}/ingest-key`, map.editorKey, {})) as { ingestKey: string };

  const doc = new Y.Doc();
  const provider = new WebsocketProvider(`${server.url.replace(/^http/, 'ws')}/sync`, map.id, doc, {
    params: { key: map.viewerKey },
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
  await new Promise<void>((resolve) => provider.once('sync', () => resolve()));

  const items = Array.from({ length: ITEMS }, (_, i) => {
    const def = DEFAULT_METRIC_DEFS[i % DEFAULT_METRIC_DEFS.length] ?? DEFAULT_METRIC_DEFS[0];
    if (!def) throw new Error('no metric defs');
    return {
      node: `tp${Math.floor(i / DEFAULT_METRIC_DEFS.length)}`,
      metric: def.key,
      value: valueFor(def, i),
      at: '2024-05-01T00:00:00Z',
    };
  });
  const body = JSON.stringify(items);
  const nodes = doc.getMap<Y.Map<unknown>>('nodes');
  const valueOf = (node: string, key: string): unknown =>
    (nodes.get(node)?.get('metrics') as Y.Map<Y.Map<unknown>> | undefined)?.get(key)?.get('value');
  const hasAll = () => items.every((it) => valueOf(it.node, it.metric) === it.value);

  const t0 = performance.now();
  const seen = new Promise<number>((resolve) => {
    const check = () => {
      if (!hasAll()) return;
      doc.off('update', check);
      resolve(performance.now());
    };
    doc.on('update', check);
  });
  const res = await fetch(`${server.url}/api/maps/${map.id}/metrics`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${ingestKey}` },
    body,
  });
  const answer = (await res.json()) as { applied: number; skipped: number; errors: unknown[] };
  const t1 = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const t2 = await Promise.race([
    seen,
    new Promise<number>(
      (_, reject) => (timer = setTimeout(() => reject(new Error('client never saw every value')), 30_000)),
    ),
  ]);
  clearTimeout(timer);
  provider.destroy();
  doc.destroy(); // also stops the awareness timer, which would keep the process alive

  const ms = (a: number, b: number) => Math.round((b - a) * 10) / 10;
  const figures = {
    items: ITEMS,
    touchpoints: TOUCHPOINTS,
    requestBytes: body.length,
    status: res.status,
    applied: answer.applied,
    skipped: answer.skipped,
    errors: answer.errors.length,
    responseMs: ms(t0, t1),
    clientHasAllMs: ms(t0, t2),
    node: process.version,
    at: new Date().toISOString(),
  };
  const out = join(dirname(fileURLToPath(import.meta.url)), 'results', 'ingest.json');
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, JSON.stringify(figures, null, 2) + '\n');
  console.log(
    `ingest: ${ITEMS} items (${(body.length / 1024).toFixed(0)} KiB) on ${TOUCHPOINTS} touchpoints → ${answer.applied} applied, ${answer.errors.length} errors`,
  );
  console.log(
    `  HTTP answer after ${figures.responseMs} ms; the connected client had every value after ${figures.clientHasAllMs} ms`,
  );
  console.log(`  results in ${out}`);
  if (res.status !== 200 || answer.applied !== ITEMS) process.exitCode = 1;
} finally {
  await server.close();
  rmSync(dataDir, { recursive: true, force: true });
}
