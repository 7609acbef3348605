// What a stored node field must look like, from the kind tables: repair (integrity.ts) writes the fix,
// the repair trigger (integrity-trigger.ts) only asks whether one is needed. References are checked
// against the other nodes by integrity.ts itself.
import * as Y from 'yjs';
import { LIMITS } from '../limits';
import { type Field, type KindSpec } from './fields';

/** Makes the value repair writes (undefined: delete the key). A thunk: a Y type must be new per write. */
export type FieldFix = () => unknown;

const COLOR = /^#[0-9a-fA-F]{6}$/;

function clamp(v: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, v));
}

/**
 * The fix for a stored value of a field of the kind's table, or null when it is fine. Absent
 * optional-looking values (text, colour, list, media id) are fine: readers default them. Enums,
 * numbers and references must be present (commands always write them).
 */
export function fieldFix(v: unknown, f: Field, label: unknown): FieldFix | null {
  switch (f.type) {
    case 'text':
      if (v === undefined || typeof v === 'string') return null;
      return () => (f.fallbackToLabel && typeof label === 'string' ? label : '');
    case 'color':
      return v === undefined || (typeof v === 'string' && COLOR.test(v)) ? null : () => f.fallback;
    case 'list':
    case 'refs':
      return v === undefined || v instanceof Y.Array ? null : () => new Y.Array<string>();
    case 'enum':
      return typeof v === 'string' && f.values.includes(v) ? null : () => f.fallback;
    case 'number': {
      if (typeof v === 'number' && v >= f.min && v <= f.max && (f.integer ? Number.isInteger(v) : Number.isFinite(v)))
        return null;
      const fixed =
        typeof v === 'number' && Number.isFinite(v) ? clamp(f.integer ? Math.round(v) : v, f.min, f.max) : f.fallback;
      return () => fixed;
    }
    case 'ref':
      return v === null || typeof v === 'string' ? null : () => null;
    case 'refMap':
      // the map itself; its keys (references) and values are checked by integrity.ts
      return v === undefined || v instanceof Y.Map ? null : () => new Y.Map<unknown>();
    case 'mediaId':
      return v === undefined || typeof v === 'string' ? null : () => undefined;
  }
}

export const GEOMETRY_KEYS = ['x', 'y', 'w', 'h'] as const;
export type GeometryKey = (typeof GEOMETRY_KEYS)[number];

/**
 * The value repair writes for a node's x, y, w or h, or null when it is fine: coordinates finite and
 * within ±LIMITS.coordinateAbsMax, sizes within LIMITS.sizeMin..sizeMax (h may be 0 for a kind with
 * zeroHeight, and for a kind this build does not know). Absent values are fine (readers default them).
 */
export function geometryFix(key: GeometryKey, v: unknown, spec: KindSpec | undefined): number | null {
  if (v === undefined) return null;
  if (key === 'x' || key === 'y') {
    const max = LIMITS.coordinateAbsMax;
    if (typeof v === 'number' && Number.isFinite(v) && Math.abs(v) <= max) return null;
    return typeof v === 'number' && !Number.isNaN(v) ? clamp(v, -max, max) : 0;
  }
  if (key === 'h' && v === 0 && (spec === undefined || spec.zeroHeight)) return null;
  if (typeof v === 'number' && v >= LIMITS.sizeMin && v <= LIMITS.sizeMax) return null;
  if (typeof v === 'number' && !Number.isNaN(v)) return clamp(v, LIMITS.sizeMin, LIMITS.sizeMax);
  const size = spec?.size ?? { w: LIMITS.sizeMin, h: LIMITS.sizeMin };
  return key === 'w' ? Math.max(size.w, LIMITS.sizeMin) : size.h === 0 ? 0 : Math.max(size.h, LIMITS.sizeMin);
}
