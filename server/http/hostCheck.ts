// DNS rebinding: a page of evil.example whose name is made to resolve to this server's address
// reaches it with `Host: evil.example` and reads the answers as same-origin. Every request and sync
// upgrade must name this server: an IP address (a page can only be same-origin with an IP when it
// was loaded from that IP), a loopback name (localhost, *.localhost), this machine's host name, the
// host of PUBLIC_ORIGIN, or one of ALLOWED_HOSTS (`*`: no check).
import { isIP } from 'node:net';
import os from 'node:os';
import type { FastifyInstance } from 'fastify';
import { sendError } from './errors';

/** The host name of a Host header (lower case, without port or IPv6 brackets), or null if malformed. */
export function hostName(header: string): string | null {
  let url: URL;
  try {
    url = new URL(`http://${header}`);
  } catch {
    return null;
  }
  if (url.username || url.password || url.pathname !== '/' || url.search || url.hash) return null;
  return url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
}

/** The names this server answers to besides IP addresses and loopback names. */
export function allowedHostNames(publicOrigin: string | null, allowedHosts: readonly string[]): string[] {
  const names = new Set(allowedHosts.map((h) => h.toLowerCase()));
  names.add(os.hostname().toLowerCase());
  if (publicOrigin) names.add(new URL(publicOrigin).hostname.replace(/^\[|\]$/g, '').toLowerCase());
  return [...names];
}

export function hostAllowed(header: string | undefined, names: readonly string[]): boolean {
  if (header === undefined) return true; // HTTP/1.0 tools; every browser sends Host
  if (names.includes('*')) return true;
  const name = hostName(header);
  if (name === null) return false;
  if (isIP(name) !== 0) return true;
  if (name === 'localhost' || name.endsWith('.localhost')) return true;
  return names.includes(name);
}

/** Refuses requests whose Host names another site with 421 host_not_allowed. */
export function hostGuard(app: FastifyInstance, names: readonly string[]): void {
  app.addHook('onRequest', async (request, reply) => {
    if (hostAllowed(request.headers.host, names)) return;
    request.log.warn(
      { host: String(request.headers.host).slice(0, 200) },
      'request for a foreign host name refused (DNS rebinding?)',
    );
    return sendError(
      reply,
      421,
      'host_not_allowed',
      'this server does not answer to that host name (PUBLIC_ORIGIN, ALLOWED_HOSTS)',
    );
  });
}
