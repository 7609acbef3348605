// The static front end sent pre-compressed: .br / .gz siblings chosen by Accept-Encoding, a year of
// caching for the hashed files of /assets/, revalidation for index.html and the SPA fallback, and a
// 404 (not index.html) for a missing file under /assets/.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { startTestServer, tempDir } from './helpers/testServer';

const HTML = '<!doctype html><title>Percorso</title>';
const JS = `export const routes = [${Array.from({ length: 200 }, (_, i) => `'/map/${i}'`).join(', ')}];\n`;
const HASHED = 'public, max-age=31536000, immutable';

/** A fake dist/: index.html, and one hashed chunk with brotli and gzip siblings. */
function fakeDist(): string {
  const dist = tempDir('percorso-dist-');
  fs.writeFileSync(path.join(dist, 'index.html'), HTML);
  fs.mkdirSync(path.join(dist, 'assets'));
  const js = path.join(dist, 'assets', 'app-abc123.js');
  fs.writeFileSync(js, JS);
  fs.writeFileSync(`${js}.br`, zlib.brotliCompressSync(JS));
  fs.writeFileSync(`${js}.gz`, zlib.gzipSync(JS, { level: 9 }));
  return dist;
}

interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** node:http rather than fetch, which adds its own Accept-Encoding and decodes the body. */
function get(url: string, headers: Record<string, string> = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
  });
}

describe('static front end, pre-compressed', () => {
  it('sends brotli, gzip or the plain file by Accept-Encoding, with a year of caching', async () => {
    const { url } = await startTestServer({ distDir: fakeDist() });
    const asset = `${url}/assets/app-abc123.js`;

    const br = await get(asset, { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.status).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toMatch(/javascript/);
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(br.headers['cache-control']).toBe(HASHED);
    expect(br.body.length).toBeLessThan(JS.length);
    expect(zlib.brotliDecompressSync(br.body).toString()).toBe(JS);

    const gz = await get(asset, { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.headers.vary).toMatch(/accept-encoding/i);
    expect(gz.headers['cache-control']).toBe(HASHED);
    expect(zlib.gunzipSync(gz.body).toString()).toBe(JS);

    for (const headers of [{}, { 'accept-encoding': 'identity' }] as Record<string, string>[]) {
      const plain = await get(asset, headers);
      expect(plain.status).toBe(200);
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(plain.headers.vary).toMatch(/accept-encoding/i);
      expect(plain.headers['cache-control']).toBe(HASHED);
      expect(plain.body.toString()).toBe(JS);
    }
  });

  it('revalidates index.html and the SPA fallback', async () => {
    const { url } = await startTestServer({ distDir: fakeDist() });
    for (const route of ['/', '/index.html', '/map/xyz', '/map/xyz?key=abc']) {
      const page = await get(`${url}${route}`, { 'accept-encoding': 'br' });
      expect(page.status, route).toBe(200);
      expect(page.headers['content-type'], route).toMatch(/text\/html/);
      expect(page.headers['cache-control'], route).toBe('no-cache');
      expect(page.body.toString(), route).toBe(HTML);
    }
  });

  it('answers a missing file under /assets/ with 404, not index.html', async () => {
    const { url } = await startTestServer({ distDir: fakeDist() });
    for (const headers of [{}, { 'accept-encoding': 'br, gzip' }] as Record<string, string>[]) {
      const res = await get(`${url}/assets/app-old999.js`, headers);
      expect(res.status).toBe(404);
      expect(res.headers['content-type']).toMatch(/application\/json/);
      expect(res.body.toString()).not.toContain('<title>');
    }
    const api = await get(`${url}/api/missing`);
    expect(api.status).toBe(404);
    expect(JSON.parse(api.body.toString())).toMatchObject({ error: { code: 'not_found' } });
  });
});
