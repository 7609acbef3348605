// The file name a client sends (X-File-Name, URI-encoded) made safe to store and to hand back in
// Content-Disposition: the last path segment only, no control or bidi-override characters, ≤ 255.

export const NAME_MAX = 255;
const FALLBACK = 'file';

// C0, DEL, C1; bidi overrides and isolates (they can disguise an extension: "photo‮gnp.exe").
// eslint-disable-next-line no-control-regex -- control characters are exactly what we strip
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

function decode(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw; // not valid percent-encoding: take it literally, the steps below still apply
  }
}

/** Cuts to `max` UTF-16 units without splitting a surrogate pair, keeping a short extension. */
function truncate(name: string, max: number): string {
  if (name.length <= max) return name;
  const dot = name.lastIndexOf('.');
  const ext = dot > 0 && name.length - dot <= 16 ? name.slice(dot) : '';
  let base = name.slice(0, max - ext.length);
  if (/[\ud800-\udbff]$/.test(base)) base = base.slice(0, -1);
  return base + ext;
}

export function sanitizeFileName(raw: string | undefined): string {
  if (raw === undefined) return FALLBACK;
  const decoded = decode(raw).normalize('NFC').replace(UNSAFE, '');
  const segment = decoded.split(/[/\\]/).pop() ?? '';
  const name = truncate(segment.trim(), NAME_MAX).trim();
  return name === '' || name === '.' || name === '..' ? FALLBACK : name;
}
