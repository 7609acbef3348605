// The app page's Content-Security-Policy (frame-ancestors from FRAME_ANCESTORS), Referrer-Policy and
// nosniff on every answer, media keeping their own sandbox policy, and the Host check against DNS
// rebinding (HTTP and the sync upgrade; PUBLIC_ORIGIN, ALLOWED_HOSTS).
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, configFromEnv } from '../../server/config';
import { upload, mediaUrl } from './helpers/media';
import { createMap, startTestServer, tempDir } from './helpers/testServer';

function fakeDist(): string {
  const dist = tempDir('percorso-dist-');
  fs.writeFileSync(
    path.join(dist, 'index.html'),
    '<!doctype html><title>Percorso</title><script type="module" src="/assets/app.js"></script>',
  );
  return dist;
}

interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** node:http, because fetch does not let a caller choose the Host header. */
function request(url: string, headers: Record<string, string> = {}, method = 'GET'): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString() }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

/** The status of a websocket upgrade sent with `host` (101 when it is accepted). */
function upgradeStatus(url: string, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, {
      headers: {
        host,
        connection: 'Upgrade',
        upgrade: 'websocket',
        'sec-websocket-version': '13',
        'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==',
      },
    });
    req.on('upgrade', (res, socket) => {
      socket.destroy();
      resolve(res.statusCode ?? 0);
    });
    req.on('response', (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

function directives(policy: string | string[] | undefined): Map<string, string> {
  return new Map(
    String(policy)
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .map(([name = '', ...values]) => [name, values.join(' ')]),
  );
}

describe('security headers', () => {
  it('serves the app page with a CSP that allows only its own scripts and server, and no Referer', async () => {
    const t = await startTestServer({ distDir: fakeDist() });
    for (const pagePath of ['/', '/map/abc']) {
      const page = await request(`${t.url}${pagePath}`);
      expect(page.status).toBe(200);
      const csp = directives(page.headers['content-security-policy']);
      expect(csp.get('script-src')).toBe("'self'");
      expect(csp.get('connect-src')).toBe("'self'");
      expect(csp.get('img-src')).toBe("'self' data: blob:");
      expect(csp.get('style-src')).toBe("'self' 'unsafe-inline'");
      expect(csp.get('object-src')).toBe("'none'");
      expect(csp.get('base-uri')).toBe("'none'");
      expect(csp.get('frame-ancestors')).toBe("'self'");
      expect(page.headers['referrer-policy']).toBe('no-referrer');
      expect(page.headers['x-content-type-options']).toBe('nosniff');
    }
    const api = await request(`${t.url}/api/health`);
    expect(api.headers['referrer-policy']).toBe('no-referrer');
    expect(api.headers['x-content-type-options']).toBe('nosniff');
  });

  it('lets FRAME_ANCESTORS choose who may embed the app, and keeps the media sandbox policy', async () => {
    const t = await startTestServer({ distDir: fakeDist(), frameAncestors: "'self' https://intranet.example.com" });
    const page = await request(`${t.url}/`);
    expect(directives(page.headers['content-security-policy']).get('frame-ancestors')).toBe(
      "'self' https://intranet.example.com",
    );
    const map = await createMap(t.url);
    const ref = await upload(t.url, map, 'plain text', 'notes.txt');
    const media = await request(mediaUrl(t.url, map.id, ref.id), { authorization: `Bearer ${map.viewerKey}` });
    expect(media.status).toBe(200);
    expect(media.headers['content-security-policy']).toBe("default-src 'none'; sandbox");
    expect(media.headers['referrer-policy']).toBe('no-referrer');
  });

  it('reads FRAME_ANCESTORS, PUBLIC_ORIGIN and ALLOWED_HOSTS, and refuses malformed ones', () => {
    const config = configFromEnv({
      FRAME_ANCESTORS: "'none'",
      PUBLIC_ORIGIN: 'https://maps.example.com/',
      ALLOWED_HOSTS: 'Maps.Internal, other.example',
    });
    expect(config.frameAncestors).toBe("'none'");
    expect(config.publicOrigin).toBe('https://maps.example.com');
    expect(config.allowedOrigins).toContain('https://maps.example.com');
    expect(config.allowedHosts).toEqual(['maps.internal', 'other.example']);
    expect(configFromEnv({}).frameAncestors).toBe("'self'");
    let error: unknown;
    try {
      configFromEnv({
        FRAME_ANCESTORS: "'self'; script-src *",
        PUBLIC_ORIGIN: 'maps.example.com',
        ALLOWED_HOSTS: 'evil.example/x',
      });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems.join('\n')).toMatch(
      /FRAME_ANCESTORS[\s\S]*PUBLIC_ORIGIN[\s\S]*ALLOWED_HOSTS|PUBLIC_ORIGIN[\s\S]*ALLOWED_HOSTS[\s\S]*FRAME_ANCESTORS/,
    );
    expect((error as ConfigError).problems).toHaveLength(3);
  });
});

describe('Host check (DNS rebinding)', () => {
  it('refuses a request or sync upgrade naming another host with 421; IPs and loopback names pass', async () => {
    const t = await startTestServer();
    const map = await createMap(t.url);
    const port = t.server.port;
    const api = `${t.url}/api/maps/${map.id}`;
    const auth = { authorization: `Bearer ${map.viewerKey}` };
    const refused = await request(api, { ...auth, host: `rebind.evil.example:${port}` });
    expect(refused.status).toBe(421);
    expect(JSON.parse(refused.body)).toMatchObject({ error: { code: 'host_not_allowed' } });
    for (const host of [
      `127.0.0.1:${port}`,
      `localhost:${port}`,
      `app.localhost:${port}`,
      `[::1]:${port}`,
      `192.168.1.20:${port}`,
    ]) {
      expect((await request(api, { ...auth, host })).status, host).toBe(200);
    }
    const sync = `${t.url}/sync/${map.id}?key=${map.viewerKey}`;
    expect(await upgradeStatus(sync, `rebind.evil.example:${port}`)).toBe(421);
    expect(await upgradeStatus(sync, `localhost:${port}`)).toBe(101);
    expect(t.logText()).toMatch(/foreign host name refused/);
    expect(t.logText()).not.toContain(map.viewerKey);
  });

  it('answers to the host of PUBLIC_ORIGIN and ALLOWED_HOSTS', async () => {
    const t = await startTestServer({ publicOrigin: 'https://maps.example.com', allowedHosts: ['intranet.example'] });
    const health = `${t.url}/api/health`;
    expect((await request(health, { host: 'maps.example.com' })).status).toBe(200);
    expect((await request(health, { host: 'intranet.example:8080' })).status).toBe(200);
    expect((await request(health, { host: 'maps.example.com.evil.example' })).status).toBe(421);
    const open = await startTestServer({ allowedHosts: ['*'] });
    expect((await request(`${open.url}/api/health`, { host: 'anything.example' })).status).toBe(200);
  });
});
