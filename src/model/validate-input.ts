// Validators for command arguments. Each returns the normalised value or throws ModelError; commands
// call them all before `doc.transact`, so invalid input never writes anything.
import {
  CHANNEL_MEDIA,
  CHANNEL_TYPES,
  EMOTION_MAX,
  EMOTION_MIN,
  LANES,
  LIMITS,
  type ChannelMedium,
  type ChannelType,
  type Lane,
} from './schema';
import { ModelError } from './errors';

/** Trimmed, 1..200 characters. */
export function checkLabel(label: unknown, what = 'label'): string {
  if (typeof label !== 'string') throw new ModelError('invalid-label', `${what} must be a string`);
  const t = label.trim();
  if (t.length === 0) throw new ModelError('invalid-label', `${what} must not be empty`);
  if (t.length > LIMITS.labelMax)
    throw new ModelError('invalid-label', `${what} is longer than ${LIMITS.labelMax} characters`);
  return t;
}

/** Free text (goal, description, role…): trimmed, may be empty, at most `max` characters. */
export function checkText(text: unknown, what: string, max: number = LIMITS.textMax): string {
  if (typeof text !== 'string') throw new ModelError('invalid-value', `${what} must be a string`);
  const t = text.trim();
  if (t.length > max) throw new ModelError('invalid-value', `${what} is longer than ${max} characters`);
  return t;
}

const COLOR = /^#[0-9a-fA-F]{6}$/;
/** #rrggbb, stored lower-case so equal colours compare equal. */
export function checkColor(color: unknown, what = 'color'): string {
  if (typeof color !== 'string' || !COLOR.test(color)) throw new ModelError('invalid-value', `${what} must be #rrggbb`);
  return color.toLowerCase();
}

export function isColor(v: unknown): v is string {
  return typeof v === 'string' && COLOR.test(v);
}

export function checkCoordinate(v: unknown, what: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v))
    throw new ModelError('invalid-value', `${what} must be a finite number`);
  if (Math.abs(v) > LIMITS.coordinateAbsMax)
    throw new ModelError('invalid-value', `${what} must be within ±${LIMITS.coordinateAbsMax}`);
  return v;
}

export function checkPoint(p: unknown, what = 'position'): { x: number; y: number } {
  if (typeof p !== 'object' || p === null) throw new ModelError('invalid-value', `${what} must be {x, y}`);
  const { x, y } = p as { x?: unknown; y?: unknown };
  return { x: checkCoordinate(x, `${what}.x`), y: checkCoordinate(y, `${what}.y`) };
}

/** w/h within 20..10000; a stage's h may also be 0 (its height is the canvas's). */
export function checkSize(v: unknown, what: string, allowZero = false): number {
  if (typeof v !== 'number' || !Number.isFinite(v))
    throw new ModelError('invalid-value', `${what} must be a finite number`);
  if (allowZero && v === 0) return 0;
  if (v < LIMITS.sizeMin || v > LIMITS.sizeMax)
    throw new ModelError('invalid-value', `${what} must be within ${LIMITS.sizeMin}..${LIMITS.sizeMax}`);
  return v;
}

export function checkInteger(v: unknown, what: string): number {
  if (typeof v !== 'number' || !Number.isInteger(v))
    throw new ModelError('invalid-value', `${what} must be an integer`);
  return v;
}

export function checkEmotion(v: unknown): number {
  const e = checkInteger(v, 'emotion');
  if (e < EMOTION_MIN || e > EMOTION_MAX)
    throw new ModelError('invalid-value', `emotion must be within ${EMOTION_MIN}..${EMOTION_MAX}`);
  return e;
}

function checkEnum<T extends string>(values: readonly T[], v: unknown, what: string): T {
  if (typeof v !== 'string' || !(values as readonly string[]).includes(v)) {
    throw new ModelError('invalid-value', `${what} must be one of ${values.join(', ')}`);
  }
  return v as T;
}

export const checkLane = (v: unknown): Lane => checkEnum(LANES, v, 'lane');
export const checkChannelType = (v: unknown): ChannelType => checkEnum(CHANNEL_TYPES, v, 'channel type');
export const checkChannelMedium = (v: unknown): ChannelMedium => checkEnum(CHANNEL_MEDIA, v, 'channel medium');

/** A list of short texts: each trimmed, non-empty, at most 500 characters. */
export function checkList(items: unknown, what: string): string[] {
  if (!Array.isArray(items)) throw new ModelError('invalid-value', `${what} must be an array of strings`);
  return items.map((item, i) => {
    if (typeof item !== 'string') throw new ModelError('invalid-value', `${what}[${i}] must be a string`);
    const t = item.trim();
    if (t.length === 0) throw new ModelError('invalid-value', `${what}[${i}] must not be empty`);
    if (t.length > LIMITS.listItemMax)
      throw new ModelError('invalid-value', `${what}[${i}] is longer than ${LIMITS.listItemMax} characters`);
    return t;
  });
}

const EMAIL = /^[^\s@]+@[^\s@]+$/;
/** Empty (no e-mail) or something shaped like an address. */
export function checkEmail(v: unknown): string {
  const t = checkText(v, 'email', LIMITS.labelMax);
  if (t !== '' && !EMAIL.test(t)) throw new ModelError('invalid-value', 'email must look like name@domain');
  return t;
}
