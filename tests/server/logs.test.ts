// Keys never reach the log: every way a key travels (Authorization header, ?key= on /sync and on
// other URLs, wrong keys, refused and malformed connections), at the most verbose level.
import { describe, expect, it } from 'vitest';
import { connectSynced, createMap, rawSocket, startTestServer } from './helpers/testServer';

describe('logging', () => {
  it('contains none of the keys used', async () => {
    const t = await startTestServer({ logLevel: 'trace' });
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
    await fetch(`${t.url}/api/maps`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${map.editorKey}` }, body: '{' });

    const client = await connectSynced(t.wsUrl, map.id, map.editorKey);
    client.doc.getMap('meta').set('goal', 'logged?');
    for (const key of [wrongKey, '']) await rawSocket(`${t.wsUrl}/sync/${map.id}?key=${key}`).closed;
    const bad = rawSocket(`${t.wsUrl}/sync/${map.id}?key=${map.viewerKey}`);
    await bad.opened;
    bad.ws.send(new Uint8Array([9, 9, 9]));
    await bad.closed;
    await expect(rawSocket(`${t.wsUrl}/elsewhere?key=${map.editorKey}`).opened).rejects.toThrow();
    client.destroy();
    await fetch(`${t.url}/api/maps/${map.id}`, { method: 'DELETE', ...auth(map.editorKey) });
    await t.close();

    const log = t.logText();
    expect(log.length).toBeGreaterThan(1000);
    expect(log).toMatch(/"path":"\/api\/maps\/[^"?]+"/);
    expect(log).toMatch(/malformed message/);
    for (const secret of [map.editorKey, map.viewerKey, wrongKey]) expect(log).not.toContain(secret);
    expect(log).not.toContain('?key=');
  });
});
