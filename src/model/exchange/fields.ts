// Field checks for the journey-file import. Each takes the value and its path in the file and
// returns the normalised value, or throws ModelError 'invalid-value' with "path: what is wrong".
import { LIMITS } from '../schema';
import { isValidId } from '../ids';
import { isColor } from '../validate-input';
import { fail } from './yjson';

export type Obj = Record<string, unknown>;

export function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function obj(v: unknown, path: string): Obj {
  if (!isObj(v)) fail(path, 'must be an object');
  return v;
}

export function arr(v: unknown, path: string): unknown[] {
  if (!Array.isArray(v)) fail(path, 'must be an array');
  return v;
}

/** A string of min..max characters after trimming (returned trimmed). */
export function text(v: unknown, path: string, max: number = LIMITS.textMax, min = 0): string {
  if (typeof v !== 'string') fail(path, 'must be a string');
  const t = v.trim();
  if (t.length < min) fail(path, min === 1 ? 'must not be empty' : `must be at least ${min} characters`);
  if (t.length > max) fail(path, `must be at most ${max} characters`);
  return t;
}

export function label(v: unknown, path: string): string {
  return text(v, path, LIMITS.labelMax, 1);
}

export function id(v: unknown, path: string): string {
  if (!isValidId(v)) fail(path, `must be an id of 1..${LIMITS.idMax} characters of [A-Za-z0-9_-]`);
  return v;
}

export function idOrNull(v: unknown, path: string): string | null {
  return v === null ? null : id(v, path);
}

export function integer(v: unknown, path: string, min: number, max: number): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max)
    fail(path, `must be an integer from ${min} to ${max}`);
  return v;
}

export function finite(v: unknown, path: string, min: number, max: number): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max)
    fail(path, `must be a number from ${min} to ${max}`);
  return v;
}

export function coordinate(v: unknown, path: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || Math.abs(v) > LIMITS.coordinateAbsMax) {
    fail(path, `must be a number within ±${LIMITS.coordinateAbsMax}`);
  }
  return v;
}

export function size(v: unknown, path: string, allowZero: boolean): number {
  if (allowZero && v === 0) return 0;
  if (typeof v !== 'number' || !Number.isFinite(v) || v < LIMITS.sizeMin || v > LIMITS.sizeMax) {
    fail(path, `must be a number from ${LIMITS.sizeMin} to ${LIMITS.sizeMax}${allowZero ? ' (or 0)' : ''}`);
  }
  return v;
}

export function oneOf<T extends string>(values: readonly T[], v: unknown, path: string): T {
  if (typeof v !== 'string' || !(values as readonly string[]).includes(v))
    fail(path, `must be one of ${values.join(', ')}`);
  return v as T;
}

export function color(v: unknown, path: string): string {
  if (!isColor(v)) fail(path, 'must be a colour #rrggbb');
  return v.toLowerCase();
}

/** A list of short texts: each trimmed, non-empty, ≤ 500 characters. */
export function textList(v: unknown, path: string): string[] {
  return arr(v, path).map((item, i) => text(item, `${path}[${i}]`, LIMITS.listItemMax, 1));
}

export function bool(v: unknown, path: string): boolean {
  if (typeof v !== 'boolean') fail(path, 'must be true or false');
  return v;
}
