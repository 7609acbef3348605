// Single sign-on against a local OpenID provider (oidc-provider on a loopback port, started here;
// never a remote one): the whole authorization code flow with PKCE, state and nonce, walked like a
// browser (redirects, the provider's login and consent forms, cookies), ending in a session for the
// member the verified email names; strangers, unverified emails and forged flows get no session.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import Provider from 'oidc-provider';
import { ADMIN, call, setupAdmin } from './helpers/accounts';
import { startTestServer, type TestServer } from './helpers/testServer';

/** What the provider says of a login (its `sub` is the login name: oidc-provider's account id). */
interface Claims {
  sub: string;
  email?: string;
  email_verified?: boolean;
  name?: string;
}

const CLIENT = { id: 'percorso', secret: 'a-client-secret-for-tests-only' };

const servers: http.Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    await new Promise<void>((resolve) => s.close(() => resolve()));
  }
});

/** A loopback HTTP server whose handler is bound later (the provider needs its own URL first). */
async function loopback(): Promise<{ url: string; handle(h: http.RequestListener): void }> {
  let handler: http.RequestListener = (_req, res) => res.writeHead(503).end();
  const server = http.createServer((req, res) => handler(req, res));
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    handle: (h) => {
      handler = h;
    },
  };
}

/** Percorso with OIDC configured, and a provider knowing `accounts` (login name → claims). */
async function startBoth(accounts: Record<string, Claims>): Promise<{ t: TestServer; issuer: string }> {
  const idp = await loopback();
  const t = await startTestServer({
    accounts: {
      sessionDays: 14,
      allowAnonymousMaps: false,
      oidc: { issuer: idp.url, clientId: CLIENT.id, clientSecret: CLIENT.secret },
    },
  });
  const provider = new Provider(idp.url, {
    clients: [
      {
        client_id: CLIENT.id,
        client_secret: CLIENT.secret,
        redirect_uris: [`${t.url}/api/oidc/callback`],
        token_endpoint_auth_method: 'client_secret_post',
      },
    ],
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    findAccount: (_ctx: unknown, id: string) => {
      const claims = accounts[id];
      return claims ? { accountId: id, claims: () => claims } : undefined;
    },
    cookies: { keys: ['provider-cookie-key-for-tests'] },
  });
  idp.handle(provider.callback() as http.RequestListener);
  return { t, issuer: idp.url };
}

/** Cookies per origin, as a browser keeps them (names only; paths are not needed here). */
class Browser {
  private readonly jars = new Map<string, Map<string, string>>();

  private jar(url: URL): Map<string, string> {
    let jar = this.jars.get(url.origin);
    if (!jar) this.jars.set(url.origin, (jar = new Map()));
    return jar;
  }

  cookie(origin: string, name: string): string | undefined {
    return this.jars.get(origin)?.get(name);
  }

  async request(url: URL, init: { method?: string; form?: Record<string, string> } = {}): Promise<Response> {
    const jar = this.jar(url);
    const headers: Record<string, string> = {};
    if (jar.size) headers.cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
    if (init.form) headers['content-type'] = 'application/x-www-form-urlencoded';
    const res = await fetch(url, {
      method: init.method ?? 'GET',
      headers,
      redirect: 'manual',
      ...(init.form ? { body: new URLSearchParams(init.form).toString() } : {}),
    });
    for (const line of res.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attributes.some((a) => /max-age=0\b/i.test(a.trim())) || value === '';
      if (expired) jar.delete(name);
      else jar.set(name, value);
    }
    return res;
  }

  /**
   * Follows redirects from `start`, answering the provider's login form with `login` and its
   * consent form, until a response that is not a redirect or a provider form; returns the last
   * response and every URL visited.
   */
  async walk(start: URL, login: string): Promise<{ last: Response; visited: URL[] }> {
    let url = start;
    let res = await this.request(url);
    const visited = [url];
    for (let hops = 0; hops < 20; hops++) {
      const location = res.headers.get('location');
      if (url.pathname === '/api/oidc/callback') return { last: res, visited }; // back at Percorso
      if (res.status >= 300 && res.status < 400 && location) {
        url = new URL(location, url);
        visited.push(url);
        res = await this.request(url);
        continue;
      }
      const html = res.status === 200 ? await res.text() : '';
      const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
      const prompt = /name="prompt" value="(\w+)"/.exec(html)?.[1];
      if (!action || !prompt) return { last: res, visited };
      url = new URL(action.replace(/&amp;/g, '&'), url);
      res = await this.request(url, {
        method: 'POST',
        form: prompt === 'login' ? { prompt, login, password: 'anything' } : { prompt },
      });
    }
    throw new Error('too many redirects');
  }
}

describe('single sign-on with OpenID Connect', () => {
  it('signs in the member whose verified email the provider vouches for, and links the identity', async () => {
    const { t, issuer } = await startBoth({
      ada: { sub: 'ada', email: 'ADA@example.com', email_verified: true, name: 'Ada at the IdP' },
    });
    await setupAdmin(t.url);
    expect((await call(t.url, 'GET', '/api/me')).body).toMatchObject({ member: null, sso: true });

    const browser = new Browser();
    const { last, visited } = await browser.walk(new URL(`${t.url}/api/oidc/login?next=/map/abc`), 'ada');
    // it went to the provider with PKCE and came back to our callback with a code
    const authorize = visited.find((u) => u.origin === issuer && u.pathname === '/auth');
    expect(authorize?.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize?.searchParams.get('state')).toBeTruthy();
    expect(authorize?.searchParams.get('nonce')).toBeTruthy();
    expect(visited.some((u) => u.pathname === '/api/oidc/callback' && u.searchParams.has('code'))).toBe(true);
    // the last hop is our redirect to `next`, with the session cookie
    expect(last.status).toBe(302);
    expect(last.headers.get('location')).toBe('/map/abc');
    const session = browser.cookie(t.url, 'percorso_session');
    expect(session).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(browser.cookie(t.url, 'percorso_oidc')).toBeUndefined(); // the flow cookie is spent
    const me = await call(t.url, 'GET', '/api/me', { cookie: `percorso_session=${session}` });
    expect(me.body).toMatchObject({ member: { email: ADMIN.email, name: ADMIN.name, role: 'admin' } });
    const stored = await t.server.store.accounts.getMemberByEmail(ADMIN.email);
    expect(stored?.ssoSubject).toBe(`${issuer}|ada`);
    // the code and tokens never reach the log
    const code = visited.find((u) => u.pathname === '/api/oidc/callback')?.searchParams.get('code') ?? '';
    expect(code.length).toBeGreaterThan(10);
    expect(t.logText()).not.toContain(code);
  });

  it('gives no session to someone who is not a member, nor to an unverified email', async () => {
    const { t } = await startBoth({
      stranger: { sub: 'stranger', email: 'stranger@example.com', email_verified: true },
      sly: { sub: 'sly', email: ADMIN.email, email_verified: false },
    });
    await setupAdmin(t.url);
    for (const login of ['stranger', 'sly']) {
      const browser = new Browser();
      const { last } = await browser.walk(new URL(`${t.url}/api/oidc/login`), login);
      expect(last.status).toBe(302);
      expect(last.headers.get('location')).toBe('/sign-in?sso=not_member');
      expect(browser.cookie(t.url, 'percorso_session')).toBeUndefined();
    }
    expect((await t.server.store.accounts.getMemberByEmail(ADMIN.email))?.ssoSubject).toBeNull();
  });

  it('refuses a callback without its own flow cookie (forged or replayed from another browser)', async () => {
    const { t } = await startBoth({ ada: { sub: 'ada', email: ADMIN.email, email_verified: true } });
    await setupAdmin(t.url);
    // Mallory starts a flow, then hands the callback URL with her code to Ada's browser
    const mallory = new Browser();
    const walked = await mallory.walk(new URL(`${t.url}/api/oidc/login`), 'ada');
    expect(walked.last.status).toBe(302);
    const callback = walked.visited.find((u) => u.pathname === '/api/oidc/callback');
    expect(callback).toBeDefined();
    const victim = new Browser();
    const res = await victim.request(callback as URL);
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/sign-in?sso=failed');
    expect(victim.cookie(t.url, 'percorso_session')).toBeUndefined();
    // a forged flow cookie is no better
    const forged = await fetch(`${t.url}/api/oidc/callback?code=x&state=y`, {
      headers: { cookie: 'percorso_oidc=eyJzdGF0ZSI6InkifQ.AAAA' },
      redirect: 'manual',
    });
    expect(forged.headers.get('location')).toBe('/sign-in?sso=failed');
  });

  it('is off without OIDC settings', async () => {
    const t = await startTestServer();
    expect((await fetch(`${t.url}/api/oidc/login`, { redirect: 'manual' })).status).toBe(404);
    expect((await call(t.url, 'GET', '/api/me')).body).toMatchObject({ sso: false });
  });
});
