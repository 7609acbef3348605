// The session cookie: read from a Cookie header, written as Set-Cookie. HttpOnly (no script reads
// it), SameSite=Lax (no cross-site POST carries it), Secure when the browser reached us over https.
import type { IncomingMessage } from 'node:http';
import type { BlockList } from 'node:net';
import { isTrustedPeer } from '../sync/limits';

export const SESSION_COOKIE = 'percorso_session';

/** The value of `name` in a Cookie header (the first one if repeated), or null. */
export function readCookie(
  header: string | undefined,
  name: string,
  pattern: RegExp = /^[A-Za-z0-9_-]{1,128}$/,
): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() !== name) continue;
    const value = part.slice(eq + 1).trim();
    return pattern.test(value) ? value : null;
  }
  return null;
}

export function sessionToken(req: IncomingMessage): string | null {
  return readCookie(req.headers.cookie, SESSION_COOKIE);
}

/**
 * Whether the browser talks https to us: PUBLIC_ORIGIN says so, or a trusted reverse proxy
 * terminating TLS says so with X-Forwarded-Proto (from anyone else that header is ignored).
 */
export function overHttps(req: IncomingMessage, publicOrigin: string | null, proxies: BlockList): boolean {
  if (publicOrigin?.startsWith('https:')) return true;
  const forwarded = req.headers['x-forwarded-proto'];
  if (typeof forwarded !== 'string') return false;
  if (!isTrustedPeer(req.socket.remoteAddress ?? '', proxies)) return false;
  return forwarded.split(',')[0]?.trim().toLowerCase() === 'https';
}

export function sessionCookie(token: string, maxAgeSeconds: number, secure: boolean): string {
  return [
    `${SESSION_COOKIE}=${token}`,
    'Path=/',
    `Max-Age=${maxAgeSeconds}`,
    'HttpOnly',
    'SameSite=Lax',
    ...(secure ? ['Secure'] : []),
  ].join('; ');
}

export function clearedSessionCookie(secure: boolean): string {
  return sessionCookie('', 0, secure);
}
