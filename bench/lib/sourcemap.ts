// Which sources make up a built JavaScript file, from its source map: the bytes of generated code
// each mapping segment covers, added up per package (node_modules/NAME) or per folder of src/.
import fs from 'node:fs';

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DIGIT = new Map([...BASE64].map((c, i) => [c, i]));

/** Decodes one segment of base64 VLQ numbers. */
function decodeSegment(segment: string): number[] {
  const values: number[] = [];
  let value = 0;
  let shift = 0;
  for (const char of segment) {
    const digit = DIGIT.get(char) ?? 0;
    value += (digit & 31) << shift;
    if (digit & 32) {
      shift += 5;
    } else {
      values.push(value & 1 ? -(value >>> 1) : value >>> 1);
      value = 0;
      shift = 0;
    }
  }
  return values;
}

/** node_modules/@scope/name or node_modules/name → the package; src/a/b.ts → src/a. */
export function groupOf(source: string): string {
  const inModules = source.lastIndexOf('node_modules/');
  if (inModules >= 0) {
    const parts = source.slice(inModules + 'node_modules/'.length).split('/');
    return parts[0]?.startsWith('@') ? `${parts[0]}/${parts[1] ?? ''}` : (parts[0] ?? source);
  }
  const inSrc = source.lastIndexOf('src/');
  if (inSrc >= 0) {
    const parts = source.slice(inSrc).split('/');
    return parts.length > 2 ? `${parts[0]}/${parts[1]}` : (parts[0] ?? source);
  }
  return source;
}

/** Generated characters per group, largest first, for `file` and its `file.map`. */
export function composition(file: string): { group: string; chars: number }[] {
  const code = fs.readFileSync(file, 'utf8').split('\n');
  const map = JSON.parse(fs.readFileSync(`${file}.map`, 'utf8')) as { sources: string[]; mappings: string };
  const totals = new Map<string, number>();
  let sourceIndex = 0;
  map.mappings.split(';').forEach((line, lineNo) => {
    const lineLength = code[lineNo]?.length ?? 0;
    let column = 0;
    let current: { column: number; source: number } | null = null;
    const close = (end: number) => {
      if (!current) return;
      const group = groupOf(map.sources[current.source] ?? '?');
      totals.set(group, (totals.get(group) ?? 0) + Math.max(0, end - current.column));
    };
    for (const segment of line.split(',')) {
      if (!segment) continue;
      const values = decodeSegment(segment);
      column += values[0] ?? 0;
      close(column);
      if (values.length >= 4) {
        sourceIndex += values[1] ?? 0;
        current = { column, source: sourceIndex };
      } else {
        current = null;
      }
    }
    close(lineLength);
  });
  return [...totals].map(([group, chars]) => ({ group, chars })).sort((a, b) => b.chars - a.chars);
}

export interface OriginalPlace {
  source: string;
  line: number;
}

/** A lookup from a generated (0-based line, column) of `file` to its original source and line (1-based). */
export function sourceMapLookup(file: string): (line: number, column: number) => OriginalPlace | null {
  const map = JSON.parse(fs.readFileSync(`${file}.map`, 'utf8')) as { sources: string[]; mappings: string };
  const lines: { column: number; source: number; line: number }[][] = [];
  let source = 0;
  let sourceLine = 0;
  for (const text of map.mappings.split(';')) {
    const segments: { column: number; source: number; line: number }[] = [];
    let column = 0;
    for (const segment of text.split(',')) {
      if (!segment) continue;
      const values = decodeSegment(segment);
      column += values[0] ?? 0;
      if (values.length < 4) continue;
      source += values[1] ?? 0;
      sourceLine += values[2] ?? 0;
      segments.push({ column, source, line: sourceLine });
    }
    lines.push(segments);
  }
  return (line, column) => {
    const segments = lines[line];
    if (!segments || segments.length === 0) return null;
    let lo = 0;
    let hi = segments.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((segments[mid]?.column ?? 0) <= column) lo = mid;
      else hi = mid - 1;
    }
    const hit = segments[lo];
    if (!hit) return null;
    const name = map.sources[hit.source] ?? '?';
    return { source: name.replace(/^(\.\.\/)+/, ''), line: hit.line + 1 };
  };
}

/** Resolves places in the scripts a page loaded from a build in `distDir` (those with a .map beside them). */
export function distResolver(distDir: string): (url: string, line: number, column: number) => OriginalPlace | null {
  const lookups = new Map<string, ((line: number, column: number) => OriginalPlace | null) | null>();
  return (url, line, column) => {
    let pathname: string;
    try {
      pathname = new URL(url).pathname;
    } catch {
      return null;
    }
    if (!lookups.has(pathname)) {
      const file = `${distDir}${pathname}`;
      lookups.set(pathname, fs.existsSync(`${file}.map`) ? sourceMapLookup(file) : null);
    }
    return lookups.get(pathname)?.(line, column) ?? null;
  };
}
