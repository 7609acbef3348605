// The HTTP API: create, read, delete, health, and the JSON errors; the static front end.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createMap, startTestServer, tempDir } from './helpers/testServer';

async function json(res: Response): Promise<unknown> {
  expect(res.headers.get('content-type')).toMatch(/application\/json/);
  return res.json();
}

function expectError(body: unknown, code: string): void {
  expect(body).toEqual({ error: { code, message: expect.any(String) } });
}

describe('HTTP API', () => {
  it('answers health', async () => {
    const { url } = await startTestServer();
    const res = await fetch(`${url}/api/health`);
    expect(res.status).toBe(200);
    expect(await json(res)).toEqual({ ok: true });
  });

  it('creates a map and reads it with either key', async () => {
    const { url } = await startTestServer();
    const res = await fetch(`${url}/api/maps`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title: '  Buy a bike  ' }),
    });
    expect(res.status).toBe(201);
    const created = (await json(res)) as { id: string; editorKey: string; viewerKey: string };
    for (const token of [created.id, created.editorKey, created.viewerKey])
      expect(token).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(created.editorKey).not.toBe(created.viewerKey);

    const asEditor = await fetch(`${url}/api/maps/${created.id}`, {
      headers: { authorization: `Bearer ${created.editorKey}` },
    });
    expect(asEditor.status).toBe(200);
    expect(await json(asEditor)).toEqual({ id: created.id, title: 'Buy a bike', role: 'editor' });
    const asViewer = await fetch(`${url}/api/maps/${created.id}`, {
      headers: { authorization: `Bearer ${created.viewerKey}` },
    });
    expect(await json(asViewer)).toEqual({ id: created.id, title: 'Buy a bike', role: 'viewer' });
  });

  it('refuses bad bodies with 400', async () => {
    const { url } = await startTestServer();
    const post = (body: string, type = 'application/json') =>
      fetch(`${url}/api/maps`, { method: 'POST', headers: { 'content-type': type }, body });
    for (const body of [
      '{}',
      '{"title":""}',
      '{"title":"   "}',
      '{"title":42}',
      `{"title":"${'x'.repeat(201)}"}`,
      '{"title":',
      'null',
    ]) {
      const res = await post(body);
      expect(res.status, body).toBe(400);
      expectError(await json(res), 'bad_request');
    }
    const ok = await post(`{"title":"  ${'x'.repeat(200)}  "}`);
    expect(ok.status).toBe(201);
    const wrongType = await post('title=x', 'application/x-www-form-urlencoded');
    expect(wrongType.status).toBe(415);
    expectError(await json(wrongType), 'unsupported_media_type');
  });

  it('answers 404, 401 and 403 in that order', async () => {
    const { url } = await startTestServer();
    const map = await createMap(url);
    const get = (id: string, auth?: string) =>
      fetch(`${url}/api/maps/${id}`, auth ? { headers: { authorization: auth } } : {});

    let res = await get('AAAAAAAAAAAAAAAAAAAAAA', `Bearer ${map.editorKey}`);
    expect(res.status).toBe(404);
    expectError(await json(res), 'not_found');
    res = await get('not-a-valid-id');
    expect(res.status).toBe(404);
    expectError(await json(res), 'not_found');
    res = await get(map.id);
    expect(res.status).toBe(401);
    expectError(await json(res), 'missing_key');
    res = await get(map.id, 'Basic abc');
    expect(res.status).toBe(401);
    res = await get(map.id, 'Bearer AAAAAAAAAAAAAAAAAAAAAA');
    expect(res.status).toBe(403);
    expectError(await json(res), 'wrong_key');
  });

  it('deletes with the editor key only', async () => {
    const { url } = await startTestServer();
    const map = await createMap(url);
    const del = (key: string) =>
      fetch(`${url}/api/maps/${map.id}`, { method: 'DELETE', headers: { authorization: `Bearer ${key}` } });

    const byViewer = await del(map.viewerKey);
    expect(byViewer.status).toBe(403);
    expectError(await json(byViewer), 'editor_key_required');
    const byEditor = await del(map.editorKey);
    expect(byEditor.status).toBe(204);
    expect(await byEditor.text()).toBe('');
    const after = await fetch(`${url}/api/maps/${map.id}`, { headers: { authorization: `Bearer ${map.editorKey}` } });
    expect(after.status).toBe(404);
    expect((await del(map.editorKey)).status).toBe(404);
  });

  it('answers unknown API routes and plain GETs of /sync with JSON errors', async () => {
    const { url } = await startTestServer();
    const res = await fetch(`${url}/api/nothing-here`);
    expect(res.status).toBe(404);
    expectError(await json(res), 'not_found');
    const sync = await fetch(`${url}/sync/abc`);
    expect(sync.status).toBe(426);
    expectError(await json(sync), 'upgrade_required');
  });
});

describe('static front end', () => {
  it('says how to build when dist is missing', async () => {
    const { url } = await startTestServer();
    const res = await fetch(`${url}/maps/abc`);
    expect(res.status).toBe(503);
    expect(await res.text()).toMatch(/npm run build/);
  });

  it('serves files and falls back to index.html outside /api and /sync', async () => {
    const dist = tempDir('percorso-dist-');
    fs.writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>Percorso</title>');
    fs.mkdirSync(path.join(dist, 'assets'));
    fs.writeFileSync(path.join(dist, 'assets', 'app.js'), 'console.log(1)');
    const { url } = await startTestServer({ distDir: dist });

    const file = await fetch(`${url}/assets/app.js`);
    expect(file.status).toBe(200);
    expect(await file.text()).toBe('console.log(1)');
    for (const route of ['/', '/map/abc', '/map/abc?key=x']) {
      const page = await fetch(`${url}${route}`);
      expect(page.status, route).toBe(200);
      expect(page.headers.get('content-type')).toMatch(/text\/html/);
      expect(await page.text()).toContain('<title>Percorso</title>');
    }
    expect((await fetch(`${url}/api/missing`)).status).toBe(404);
  });
});
