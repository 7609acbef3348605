// Keys never reach the log: every way a key travels (Authorization header, ?key= on /sync and on
// other URLs, wrong keys, refused and malformed connections, connections refused by a limit or for
// their Origin), at the most verbose level.
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { connectSynced, createMap, rawSocket, startTestServer } from './helpers/testServer';

describe('logging', () => {
  it('contains none of the keys used', async () => {
    const t = await startTestServer({
      logLevel: 'trace',
      maxMessagesPerSecond: 5,
      messageBurst: 20,
      maxConnectionsPerIp: 1,
    });
    const map = await createMap(t.url);
    const wrongKey = 'WrongKeyWrongKeyWrong0';
    const auth = (key: string) => ({ headers: { authorization: `Bearer ${key}` } });

    await fetch(`${t.url}/api/maps/${map.id}`, auth(map.editorKey));
    await fetch(`${t.url}/api/maps/${map.id}`, auth(map.viewerKey));
    await fetch(`${t.url}/api/maps/${map.id}`, auth(wrongKey));
    await fetch(`${t.url}/api/maps/${map.id}`, { method: 'DELETE', ...auth(map.viewerKey) });
    await fetch(`${t.url}/api/maps/${map.id}?key=${map.editorKey}`, { method: 'PATCH' });
    await fetch(`${t.url}/api/nothing?key=${map.editorKey}`);
    await fetch(`${t.url}/some/page?key=${map.viewerKey}`);
    await fetch(`${t.url}/sync/${map.id}?key=${map.editorKey}`);
    await fetch(`${t.url}/api/maps`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${map.editorKey}` },
      body: '{',
    });

    const client = await connectSynced(t.wsUrl, map.id, map.editorKey);
    client.doc.getMap('meta').set('goal', 'logged?');
    for (const key of [wrongKey, '']) await rawSocket(`${t.wsUrl}/sync/${map.id}?key=${key}`).closed;
    const bad = rawSocket(`${t.wsUrl}/sync/${map.id}?key=${map.viewerKey}`);
    await bad.opened;
    bad.ws.send(new Uint8Array([9, 9, 9]));
    await bad.closed;
    await expect(rawSocket(`${t.wsUrl}/elsewhere?key=${map.editorKey}`).opened).rejects.toThrow();
    // refused for its Origin (403), over the message rate (4429), over the connections of an address (4430)
    await new Promise((resolve) =>
      new WebSocket(`${t.wsUrl}/sync/${map.id}?key=${map.editorKey}`, { origin: 'https://evil.example' }).on(
        'error',
        resolve,
      ),
    );
    const flood = rawSocket(`${t.wsUrl}/sync/${map.id}?key=${map.editorKey}`);
    await flood.opened;
    for (let i = 0; i < 50; i++) flood.ws.send(new Uint8Array([3]));
    expect((await flood.closed).code).toBe(4429);
    const forwarded = { headers: { 'x-forwarded-for': '203.0.113.5' } };
    const first = new WebSocket(`${t.wsUrl}/sync/${map.id}?key=${map.viewerKey}`, forwarded);
    await new Promise((resolve) => first.once('open', resolve));
    const second = new WebSocket(`${t.wsUrl}/sync/${map.id}?key=${map.viewerKey}`, forwarded);
    expect(await new Promise((resolve) => second.once('close', resolve))).toBe(4430);
    first.close();
    client.destroy();
    await fetch(`${t.url}/api/maps/${map.id}`, { method: 'DELETE', ...auth(map.editorKey) });
    await t.close();

    const log = t.logText();
    expect(log.length).toBeGreaterThan(1000);
    expect(log).toMatch(/"path":"\/api\/maps\/[^"?]+"/);
    expect(log).toMatch(/malformed message/);
    expect(log).toMatch(/foreign origin refused/);
    expect(log).toMatch(/sync limit exceeded/);
    expect(log).toMatch(/too many sync connections/);
    for (const secret of [map.editorKey, map.viewerKey, wrongKey]) expect(log).not.toContain(secret);
    expect(log).not.toContain('?key=');
  });
});
