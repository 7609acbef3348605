// One byte range of a Range header (RFC 9110 §14), enough for audio and video to seek. Several
// ranges in one header are answered with the whole file, which the RFC allows.

export type RangeResult = { kind: 'none' } | { kind: 'unsatisfiable' } | { kind: 'range'; start: number; end: number };

const SINGLE = /^bytes=\s*(\d*)\s*-\s*(\d*)\s*$/i;

/** `end` is inclusive. A header we do not understand is ignored (the whole file is sent). */
export function parseRange(header: string | undefined, size: number): RangeResult {
  if (header === undefined) return { kind: 'none' };
  const match = SINGLE.exec(header);
  if (!match) return { kind: 'none' };
  const [, first = '', last = ''] = match;
  if (first === '' && last === '') return { kind: 'none' };
  if (first === '') {
    const suffix = Number(last); // the last N bytes
    if (suffix === 0 || size === 0) return { kind: 'unsatisfiable' };
    return { kind: 'range', start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  const end = last === '' ? size - 1 : Math.min(Number(last), size - 1);
  if (last !== '' && Number(last) < start) return { kind: 'none' }; // invalid: ignore it
  if (start >= size) return { kind: 'unsatisfiable' };
  return { kind: 'range', start, end };
}
