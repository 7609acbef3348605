// Node and edge ids: random, url-safe, short enough to read in a debugger.
import { LIMITS } from './schema';
import { ModelError } from './errors';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';
const ID_LENGTH = 16; // 96 random bits: collisions are not a practical concern
const ID_PATTERN = /^[A-Za-z0-9_-]+$/;

/** A new random id of 16 characters from [A-Za-z0-9_-]. */
export function newId(): string {
  const bytes = new Uint8Array(ID_LENGTH);
  globalThis.crypto.getRandomValues(bytes);
  let id = '';
  // 64 symbols: the low 6 bits of each byte are uniform.
  for (const b of bytes) id += ALPHABET[b & 63];
  return id;
}

export function isValidId(id: unknown): id is string {
  return typeof id === 'string' && id.length >= 1 && id.length <= LIMITS.idMax && ID_PATTERN.test(id);
}

/** Throws 'invalid-id' unless `id` is 1..64 characters of [A-Za-z0-9_-]. */
export function assertId(id: unknown, what = 'id'): string {
  if (!isValidId(id))
    throw new ModelError(
      'invalid-id',
      `${what} must be 1..${LIMITS.idMax} characters of [A-Za-z0-9_-], got ${JSON.stringify(id)}`,
    );
  return id;
}

/** The id a creating command uses: the caller's (validated) or a fresh one. */
export function idOrNew(id: string | undefined): string {
  return id === undefined ? newId() : assertId(id);
}
