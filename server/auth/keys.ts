// Capability keys: each map has an editor key and a viewer key. Only their SHA-256 hashes are stored.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export type Role = 'editor' | 'viewer';

/** 128 random bits, base64url (22 characters). Used for keys and map ids alike. */
export function randomToken(): string {
  return randomBytes(16).toString('base64url');
}

/** What `randomToken` produces; anything else is not a map id we could have issued. */
export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{22}$/;

export function isMapId(value: string): boolean {
  return TOKEN_PATTERN.test(value);
}

/** Hex SHA-256 of the key. */
export function hashKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** Constant-time comparison of a presented key against a stored hash. */
export function keyMatches(key: string, storedHash: string): boolean {
  const presented = createHash('sha256').update(key, 'utf8').digest();
  const stored = Buffer.from(storedHash, 'hex');
  return stored.length === presented.length && timingSafeEqual(presented, stored);
}

/** The role a key grants on a map, or null if it is neither of the map's keys. Both hashes are always checked. */
export function resolveRole(key: string, hashes: { editorKeyHash: string; viewerKeyHash: string }): Role | null {
  const editor = keyMatches(key, hashes.editorKeyHash);
  const viewer = keyMatches(key, hashes.viewerKeyHash);
  if (editor) return 'editor';
  if (viewer) return 'viewer';
  return null;
}

export function newKeys(): { editorKey: string; viewerKey: string } {
  return { editorKey: randomToken(), viewerKey: randomToken() };
}
