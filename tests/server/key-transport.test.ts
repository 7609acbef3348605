// Keys out of websocket URLs: the key travels as a subprotocol (`percorso.key.KEY`; the server
// answers `percorso.v1`, never the key), `?key=` keeps working for the stock client; every key
// refusal, over sync and over HTTP, is one warning line in the log without the key.
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { connectSynced, createMap, startTestServer, waitFor } from './helpers/testServer';

/** What the server did with an upgrade carrying these subprotocols: the close code, or 'open' with the chosen protocol. */
function connectWith(url: string, protocols: string[]): Promise<{ code: number | 'open'; protocol: string }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, protocols);
    ws.on('error', reject);
    let opened = false;
    ws.once('open', () => {
      opened = true;
      setTimeout(() => {
        if (ws.readyState === WebSocket.OPEN) {
          resolve({ code: 'open', protocol: ws.protocol });
          ws.close();
        }
      }, 300);
    });
    ws.once('close', (code) => {
      if (opened) resolve({ code, protocol: ws.protocol });
    });
  });
}

function warnings(log: string, msg: string): Record<string, unknown>[] {
  return log
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .filter((line) => line.msg === msg && line.level === 40);
}

describe('keys out of websocket URLs', () => {
  it('opens a map with the key as a subprotocol (the stock client with `protocols`) and answers percorso.v1 only', async () => {
    const t = await startTestServer();
    const map = await createMap(t.url);
    const doc = new Y.Doc();
    const provider = new WebsocketProvider(`${t.wsUrl}/sync`, map.id, doc, {
      protocols: ['percorso.v1', `percorso.key.${map.editorKey}`],
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      disableBc: true,
    });
    try {
      await waitFor(() => provider.synced, 5000, 'synced over a key in the subprotocol');
      expect(doc.getMap('meta').get('title')).toBe('Buy a bike');
      expect(provider.url).not.toContain(map.editorKey);
      doc.getMap('meta').set('goal', 'written through a subprotocol key');
      const viewer = await connectSynced(t.wsUrl, map.id, map.viewerKey); // ?key= still works
      await waitFor(
        () => viewer.doc.getMap('meta').get('goal') === 'written through a subprotocol key',
        5000,
        'relayed',
      );
    } finally {
      provider.destroy();
    }
    const url = `${t.wsUrl}/sync/${map.id}`;
    expect(await connectWith(url, ['percorso.v1', `percorso.key.${map.viewerKey}`])).toEqual({
      code: 'open',
      protocol: 'percorso.v1',
    });
    expect((await connectWith(url, ['percorso.v1', 'percorso.key.WrongKeyWrongKeyWrong0'])).code).toBe(4403);
    expect((await connectWith(url, ['percorso.v1'])).code).toBe(4401);
  });

  it('writes one warning without the key for every refused key, over sync and over HTTP', async () => {
    const t = await startTestServer();
    const map = await createMap(t.url);
    const wrong = 'WrongKeyWrongKeyWrong0';
    const url = `${t.wsUrl}/sync/${map.id}`;
    await connectWith(url, ['percorso.v1', `percorso.key.${wrong}`]);
    await connectWith(`${url}?key=${wrong}`, []);
    await connectWith(url, []);
    const syncRefusals = warnings(t.logText(), 'sync connection refused');
    expect(syncRefusals.map((w) => w.code)).toEqual([4403, 4403, 4401]);
    expect(syncRefusals.every((w) => w.mapId === map.id)).toBe(true);

    const auth = (key: string) => ({ headers: { authorization: `Bearer ${key}` } });
    expect((await fetch(`${t.url}/api/maps/${map.id}`, auth(wrong))).status).toBe(403);
    expect((await fetch(`${t.url}/api/maps/${map.id}`)).status).toBe(401);
    expect((await fetch(`${t.url}/api/maps/${map.id}`, { method: 'DELETE', ...auth(map.viewerKey) })).status).toBe(403);
    // a key in a media URL is not taken at all (links carry a media token instead)
    expect((await fetch(`${t.url}/api/maps/${map.id}/media/${'a'.repeat(64)}?key=${wrong}`)).status).toBe(401);
    const httpRefusals = warnings(t.logText(), 'key refused');
    expect(httpRefusals.map((w) => w.code)).toEqual(['wrong_key', 'missing_key', 'editor_key_required', 'missing_key']);
    expect(httpRefusals.every((w) => typeof w.path === 'string' && !(w.path as string).includes('?'))).toBe(true);
    for (const key of [wrong, map.editorKey, map.viewerKey]) expect(t.logText()).not.toContain(key);
  });
});
