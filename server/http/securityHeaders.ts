// Headers on every answer: the app page may run only its own scripts and talk only to its own
// server (Content-Security-Policy), no URL of ours leaks in a Referer, nothing is sniffed. A route
// that sets its own policy (media: `default-src 'none'; sandbox`) keeps it.
import type { FastifyInstance } from 'fastify';

/**
 * The app's policy, checked in Chromium against the built app (tests/e2e/hostile-presence.test.ts).
 * `style-src 'unsafe-inline'`: Tiptap injects its stylesheet and ProseMirror decorations carry
 * style attributes; scripts stay 'self' only (no inline script, no eval). `img-src data: blob:`:
 * the PNG/PDF export draws the map as an SVG image from a data URL, previews use blob URLs.
 */
export function appContentSecurityPolicy(frameAncestors: string): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "media-src 'self' blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    `frame-ancestors ${frameAncestors}`,
  ].join('; ');
}

/** FRAME_ANCESTORS: CSP sources separated by spaces ('none', 'self', https://intranet.example.com…), or null if malformed. */
export function parseFrameAncestors(raw: string): string | null {
  const sources = raw.trim().split(/\s+/).filter(Boolean);
  if (sources.length === 0) return null;
  const source = /^('none'|'self'|https?:\/\/(\*\.)?[a-z0-9.-]+(:\d{1,5}|:\*)?|https?:)$/i;
  return sources.every((s) => source.test(s)) && !(sources.includes("'none'") && sources.length > 1)
    ? sources.join(' ')
    : null;
}

export function securityHeaders(app: FastifyInstance, frameAncestors: string): void {
  const policy = appContentSecurityPolicy(frameAncestors);
  app.addHook('onSend', async (_request, reply, payload) => {
    if (!reply.hasHeader('content-security-policy')) reply.header('content-security-policy', policy);
    reply.header('referrer-policy', 'no-referrer');
    reply.header('x-content-type-options', 'nosniff');
    return payload;
  });
}
