// The Origin check (ALLOWED_ORIGINS): a browser page of another site must not use a key it got hold
// of to open a map's websocket or change a map over HTTP. Requests without an Origin header
// (servers, scripts, the ingest API, curl) are not browsers' cross-site requests and pass; so do
// same-origin requests (the Origin's host:port is the request's Host) and the listed origins.
import type { FastifyInstance } from 'fastify';
import { sendError } from './errors';

/** An ALLOWED_ORIGINS entry as browsers send it (`https://example.com:8443`), or null if it is not an origin. */
export function normalizeOrigin(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (url.username || url.password || url.search || url.hash || url.pathname !== '/') return null;
  return url.origin;
}

/**
 * Whether a request with this Origin header may proceed. `allowed` holds normalised origins, or
 * '*' for any origin.
 */
export function originAllowed(
  origin: string | undefined,
  host: string | undefined,
  allowed: readonly string[],
): boolean {
  if (origin === undefined) return true;
  if (allowed.includes('*')) return true;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false; // "null" (sandboxed frames, file:) and garbage: a browser, not ours
  }
  if ((url.protocol === 'http:' || url.protocol === 'https:') && host !== undefined && url.host === host.toLowerCase())
    return true;
  return allowed.includes(url.origin);
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Refuses mutating requests (POST, PUT, PATCH, DELETE…) from a foreign origin with 403 origin_not_allowed. */
export function originGuard(app: FastifyInstance, allowed: readonly string[]): void {
  app.addHook('onRequest', async (request, reply) => {
    if (SAFE_METHODS.has(request.method)) return;
    if (originAllowed(request.headers.origin, request.headers.host, allowed)) return;
    request.log.warn(
      { origin: String(request.headers.origin).slice(0, 200), method: request.method },
      'request from a foreign origin refused',
    );
    return sendError(reply, 403, 'origin_not_allowed', 'requests from this origin are not allowed (ALLOWED_ORIGINS)');
  });
}
