// Short-lived tokens for one media file of one map, so <img>, <audio>, <video> and download links
// never carry a map key: `GET …/media/:hash/token` (with a key or a session) answers a URL with
// `?t=<token>`, good for TOKEN_MINUTES. A token is `<expiry, base36 seconds>.<HMAC>`; the secret is
// shared by every server process through the store, and nothing per token is stored.
import { createHmac, timingSafeEqual } from 'node:crypto';

export const TOKEN_MINUTES = 10;

export class MediaTokens {
  constructor(
    private readonly secret: string,
    private readonly ttlMs = TOKEN_MINUTES * 60 * 1000,
    private readonly now: () => number = Date.now,
  ) {}

  private mac(mapId: string, hash: string, expires: string): Buffer {
    return createHmac('sha256', this.secret).update(`media\n${mapId}\n${hash}\n${expires}`).digest().subarray(0, 24);
  }

  issue(mapId: string, hash: string): { token: string; expiresAt: string } {
    const expiresSeconds = Math.ceil((this.now() + this.ttlMs) / 1000);
    const expires = expiresSeconds.toString(36);
    const token = `${expires}.${this.mac(mapId, hash, expires).toString('base64url')}`;
    return { token, expiresAt: new Date(expiresSeconds * 1000).toISOString() };
  }

  /** Whether `token` was issued for this map and file and has not expired. */
  verify(token: string, mapId: string, hash: string): boolean {
    const match = /^([0-9a-z]{1,10})\.([A-Za-z0-9_-]{32})$/.exec(token);
    if (!match?.[1] || !match[2]) return false;
    if (parseInt(match[1], 36) * 1000 <= this.now()) return false;
    const given = Buffer.from(match[2], 'base64url');
    const expected = this.mac(mapId, hash, match[1]);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }
}
