// Issue 17, finding 8: a database that cannot write. /api/health answers 503 with the reason, and the
// stock y-websocket client is refused before it syncs (4503), so it backs off instead of reloading
// the map in a tight loop (before: 4501 after each sync, about 14 closes in 3 s).
import { afterEach, describe, expect, it } from 'vitest';
import type Database from 'better-sqlite3';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { setJourneyMeta } from '../../src/model';
import { createMap, sleep, startTestServer, waitFor, type TestServer } from './helpers/testServer';

const providers: WebsocketProvider[] = [];
afterEach(() => {
  for (const p of providers.splice(0)) p.destroy();
});

/** The stock client with its default backoff (the helpers' clients shorten it). */
function stockClient(
  t: TestServer,
  mapId: string,
  key: string,
): { provider: WebsocketProvider; doc: Y.Doc; closes: number[] } {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(`${t.wsUrl}/sync`, mapId, doc, {
    params: { key },
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
  providers.push(provider);
  const closes: number[] = [];
  provider.on('connection-close', (event) => {
    if (event) closes.push(event.code);
  });
  return { provider, doc, closes };
}

/** Makes the server's own SQLite connection refuse every write, as a read-only database does. */
function readOnly(t: TestServer, on: boolean): void {
  const db = (t.server.store as unknown as { db: Database.Database }).db;
  db.pragma(`query_only = ${on ? 'ON' : 'OFF'}`);
}

async function health(t: TestServer): Promise<{ status: number; body: { ok: boolean; reason?: string } }> {
  const res = await fetch(`${t.url}/api/health`);
  return { status: res.status, body: (await res.json()) as { ok: boolean; reason?: string } };
}

describe('storage that cannot write', () => {
  it('health reports it with 503 and a reason, and recovers', async () => {
    const t = await startTestServer();
    expect(await health(t)).toEqual({ status: 200, body: { ok: true } });
    readOnly(t, true);
    await sleep(1100); // the probe runs at most once a second
    const down = await health(t);
    expect(down.status).toBe(503);
    expect(down.body.ok).toBe(false);
    expect(down.body.reason).toMatch(/readonly|read-only/i);
    readOnly(t, false);
    await sleep(1100);
    expect((await health(t)).status).toBe(200);
    expect(t.logText()).toContain('storage is not writable');
  });

  it('the stock client backs off instead of reconnecting in a tight loop, and syncs once it can write', async () => {
    const t = await startTestServer();
    const map = await createMap(t.url);
    const client = stockClient(t, map.id, map.editorKey);
    await waitFor(() => client.provider.synced, 5000, 'first sync');
    readOnly(t, true);
    await sleep(1100);
    setJourneyMeta(client.doc, { title: 'Written while read-only' });
    await sleep(3000);
    const closes = [...client.closes];
    console.log(`[storage] closes in 3 s with a read-only database: ${closes.length} (${closes.join(', ')})`);
    expect(closes.length).toBeGreaterThanOrEqual(2);
    expect(closes.length).toBeLessThanOrEqual(6);
    expect(closes.slice(1).every((code) => code === 4503)).toBe(true);

    readOnly(t, false);
    await waitFor(() => client.provider.synced && client.provider.wsconnected, 10_000, 'sync after recovery');
    // the edit made while the store could not write is stored now
    const fresh = stockClient(t, map.id, map.viewerKey);
    await waitFor(() => fresh.provider.synced, 5000, 'fresh client');
    await waitFor(
      () => fresh.doc.getMap('meta').get('title') === 'Written while read-only',
      5000,
      'edit stored after recovery',
    );
  });
});
