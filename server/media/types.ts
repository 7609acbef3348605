// What the media endpoints hand out. The same shape as `MediaRef` in docs/ARCHITECTURE.md (and src/model's
// media.ts), declared here so the server does not depend on a model module to describe its own answer.

export type MediaKind = 'image' | 'audio' | 'video' | 'document';

export interface MediaRef {
  id: string; // sha-256 of the bytes, 64 lower-case hex characters
  name: string; // sanitised: 1..255 characters, no path separators or control characters
  mime: string; // decided from the bytes, never from the name or the client's Content-Type
  size: number;
  kind: MediaKind;
}

const SHA256_HEX = /^[0-9a-f]{64}$/;

export function isMediaHash(value: string): boolean {
  return SHA256_HEX.test(value);
}

export function kindOfMime(mime: string): MediaKind {
  const type = mime.split('/')[0];
  return type === 'image' || type === 'audio' || type === 'video' ? type : 'document';
}
