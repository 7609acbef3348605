// Keys out of media URLs: a short-lived token scoped to one file of one map (GET …/media/:hash/token
// with a key or a session) is the only thing a media URL carries; members fetch media with their
// cookie alone; neither keys nor tokens reach the log.
import { describe, expect, it } from 'vitest';
import { MediaTokens, TOKEN_MINUTES } from '../../server/auth/mediaTokens';
import { addMember, call, setupAdmin } from './helpers/accounts';
import { mediaUrl, upload } from './helpers/media';
import { createMap, startTestServer } from './helpers/testServer';
import { minimalPdf, tinyPng } from './fixtures/media';

type TokenReply = { url: string; expiresAt: string };

describe('media tokens', () => {
  it('hands out a URL without any key that opens that one file, for minutes', async () => {
    const t = await startTestServer({ logLevel: 'trace' });
    const map = await createMap(t.url);
    const other = await createMap(t.url, 'Other');
    const png = await upload(t.url, map, tinyPng(), 'p.png');
    const pdf = await upload(t.url, map, minimalPdf(), 'd.pdf');
    await upload(t.url, other, tinyPng(), 'same bytes.png'); // the same hash in another map

    const before = Date.now();
    const issued = await call<TokenReply>(t.url, 'GET', `/api/maps/${map.id}/media/${png.id}/token`, {
      key: map.viewerKey,
    });
    expect(issued.status).toBe(200);
    expect(issued.headers.get('cache-control')).toBe('no-store');
    const { url, expiresAt } = issued.body;
    expect(url).toMatch(new RegExp(`^/api/maps/${map.id}/media/${png.id}\\?t=[0-9a-z]+\\.[A-Za-z0-9_-]{32}$`));
    for (const key of [map.editorKey, map.viewerKey]) expect(url).not.toContain(key);
    const lifetime = Date.parse(expiresAt) - before;
    expect(lifetime).toBeGreaterThan((TOKEN_MINUTES - 1) * 60_000);
    expect(lifetime).toBeLessThanOrEqual(TOKEN_MINUTES * 60_000 + 1000);

    const bytes = await fetch(`${t.url}${url}`); // no key, no cookie
    expect(bytes.status).toBe(200);
    // a page opened from this link sends no Referer carrying it anywhere
    expect(bytes.headers.get('referrer-policy')).toBe('no-referrer');
    expect((await bytes.arrayBuffer()).byteLength).toBe(png.size);

    const token = new URL(url, t.url).searchParams.get('t') ?? '';
    // scoped: not another file of the map, not the same bytes in another map, not a forged one
    const refused = [
      `${mediaUrl(t.url, map.id, pdf.id)}?t=${token}`,
      `${mediaUrl(t.url, other.id, png.id)}?t=${token}`,
      `${mediaUrl(t.url, map.id, png.id)}?t=${token.slice(0, -2)}AA`,
      `${mediaUrl(t.url, map.id, png.id)}?t=zzzzzzzz.${'A'.repeat(32)}`,
    ];
    for (const wrong of refused) {
      const res = await fetch(wrong);
      expect(res.status).toBe(403);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('invalid_token');
    }

    // the token route needs a key (or a session) and a file of that map
    expect((await call(t.url, 'GET', `/api/maps/${map.id}/media/${png.id}/token`)).status).toBe(401);
    expect(
      (await call(t.url, 'GET', `/api/maps/${map.id}/media/${'b'.repeat(64)}/token`, { key: map.viewerKey })).status,
    ).toBe(404);
    expect(
      (await call(t.url, 'GET', `/api/maps/${other.id}/media/${pdf.id}/token`, { key: other.editorKey })).status,
    ).toBe(404);
    await t.close();
    const log = t.logText();
    for (const secret of [map.editorKey, map.viewerKey, other.editorKey, token]) expect(log).not.toContain(secret);
  });

  it('expires: a token stops working after its minutes', () => {
    let now = Date.parse('2030-01-01T00:00:00Z');
    const tokens = new MediaTokens('secret', 5 * 60_000, () => now);
    const { token } = tokens.issue('map', 'hash');
    expect(tokens.verify(token, 'map', 'hash')).toBe(true);
    now += 5 * 60_000 - 1000;
    expect(tokens.verify(token, 'map', 'hash')).toBe(true);
    now += 2000;
    expect(tokens.verify(token, 'map', 'hash')).toBe(false);
    // another server secret never verifies it
    expect(new MediaTokens('other', 5 * 60_000, () => now - 60_000).verify(token, 'map', 'hash')).toBe(false);
  });

  it('lets members fetch media with the session cookie alone', async () => {
    const t = await startTestServer();
    const admin = await setupAdmin(t.url);
    const created = await call<{ id: string; editorKey: string; viewerKey: string }>(t.url, 'POST', '/api/maps', {
      cookie: admin,
      body: { title: 'With media' },
    });
    const map = created.body;
    const png = await upload(t.url, map, tinyPng(), 'p.png');
    const viewer = await addMember(t.url, admin, 'vic@example.com', 'viewer');
    const res = await fetch(mediaUrl(t.url, map.id, png.id), { headers: { cookie: viewer.cookie } });
    expect(res.status).toBe(200);
    expect((await res.arrayBuffer()).byteLength).toBe(png.size);
    const link = await call<TokenReply>(t.url, 'GET', `/api/maps/${map.id}/media/${png.id}/token`, {
      cookie: viewer.cookie,
    });
    expect(link.status).toBe(200);
    expect((await fetch(mediaUrl(t.url, map.id, png.id))).status).toBe(401);
  });
});
