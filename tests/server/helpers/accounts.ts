// Helpers for the accounts tests: JSON calls that carry a session cookie, sign-in shortcuts, and a
// stock y-websocket client whose upgrade sends the cookie (as a browser on the same origin would).
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { afterEach } from 'vitest';

export interface Reply<T = Record<string, unknown>> {
  status: number;
  body: T;
  headers: Headers;
}

/** A JSON request with an optional cookie, Bearer key and extra headers. */
export async function call<T = Record<string, unknown>>(
  url: string,
  method: string,
  path: string,
  options: { cookie?: string | null; key?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<Reply<T>> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.cookie) headers.cookie = options.cookie;
  if (options.key) headers.authorization = `Bearer ${options.key}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${url}${path}`, {
    method,
    headers,
    ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : null) as T, headers: res.headers };
}

/** `name=value` of the session cookie a response set (for the next request's Cookie header). */
export function cookieOf(reply: Reply<unknown>): string {
  const set = reply.headers.get('set-cookie');
  if (!set) throw new Error(`no cookie set (status ${reply.status})`);
  return set.split(';')[0] ?? '';
}

export const ADMIN = { email: 'ada@example.com', name: 'Ada Admin', password: 'correct horse battery' };

/** Creates the first admin; returns their cookie. */
export async function setupAdmin(url: string): Promise<string> {
  const reply = await call(url, 'POST', '/api/setup', { body: ADMIN });
  if (reply.status !== 201) throw new Error(`setup failed: ${reply.status} ${JSON.stringify(reply.body)}`);
  return cookieOf(reply);
}

/** Invites `email` with `role` (as the admin) and accepts it; returns the new member's cookie and id. */
export async function addMember(
  url: string,
  adminCookie: string,
  email: string,
  role: 'admin' | 'editor' | 'viewer',
  name = email.split('@')[0] ?? email,
): Promise<{ cookie: string; id: string }> {
  const invite = await call<{ token: string }>(url, 'POST', '/api/invites', {
    cookie: adminCookie,
    body: { email, role },
  });
  if (invite.status !== 201) throw new Error(`invite failed: ${invite.status}`);
  const accepted = await call<{ member: { id: string } }>(url, 'POST', `/api/invites/${invite.body.token}/accept`, {
    body: { name, password: 'a long enough password' },
  });
  if (accepted.status !== 201) throw new Error(`accept failed: ${accepted.status} ${JSON.stringify(accepted.body)}`);
  return { cookie: cookieOf(accepted), id: accepted.body.member.id };
}

const providers: WebsocketProvider[] = [];
afterEach(() => {
  for (const p of providers.splice(0)) p.destroy();
});

export interface CookieClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  closes: number[];
  synced(): Promise<void>;
}

/** The stock y-websocket client with a Cookie header (and optionally an Origin) on its upgrade, no key. */
export function connectWithCookie(
  wsBase: string,
  mapId: string,
  cookie: string | null,
  origin?: string,
  key?: string,
): CookieClient {
  const headers: Record<string, string> = {};
  if (cookie) headers.cookie = cookie;
  if (origin) headers.origin = origin;
  class CookieSocket extends WebSocket {
    constructor(address: string | URL, protocols?: string | string[]) {
      super(address, protocols, { headers });
    }
  }
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(`${wsBase}/sync`, mapId, doc, {
    WebSocketPolyfill: CookieSocket as unknown as typeof globalThis.WebSocket,
    params: key ? { key } : {},
    disableBc: true,
    maxBackoffTime: 200,
  });
  providers.push(provider);
  const closes: number[] = [];
  provider.on('connection-close', (event) => {
    if (event) closes.push(event.code);
  });
  return {
    doc,
    provider,
    closes,
    synced: () =>
      new Promise<void>((resolve, reject) => {
        if (provider.synced) return resolve();
        const timer = setTimeout(() => reject(new Error('client did not sync')), 10_000);
        provider.on('sync', (state: boolean) => {
          if (!state) return;
          clearTimeout(timer);
          resolve();
        });
      }),
  };
}
