// Y.Map → plain object conversion. Tolerant on purpose: a merge or an old client can leave odd values,
// and readers must never throw; `validateJourney` is where bad data is reported.
import * as Y from 'yjs';
import { LIMITS, type JourneyNode, type PathEdge } from './schema';
import { isNodeKind, kindSpec } from './kinds/registry';
import { NOTE_KIND } from './kinds/note';
import { type EnumField, type Field, type KindSpec, type NumberField } from './kinds/fields';

export { isNodeKind };

export function str(m: Y.Map<unknown>, key: string, fallback = ''): string {
  const v = m.get(key);
  return typeof v === 'string' ? v : fallback;
}

export function strOrNull(m: Y.Map<unknown>, key: string): string | null {
  const v = m.get(key);
  return typeof v === 'string' ? v : null;
}

export function num(m: Y.Map<unknown>, key: string, fallback: number): number {
  const v = m.get(key);
  return typeof v === 'number' && Number.isFinite(v) ? v : fallback;
}

/** A list field: normally a Y.Array<string>; a plain array is accepted, non-strings are dropped. */
export function strList(m: Y.Map<unknown>, key: string): string[] {
  const v = m.get(key);
  const items: unknown[] = v instanceof Y.Array ? v.toArray() : Array.isArray(v) ? v : [];
  return items.filter((s): s is string => typeof s === 'string');
}

function oneOf<T extends string>(values: readonly T[], v: unknown, fallback: T): T {
  return typeof v === 'string' && (values as readonly string[]).includes(v) ? (v as T) : fallback;
}

function clamp(v: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, v));
}

/** One field as readers see it (undefined: an optional field that is absent). */
export function readField(m: Y.Map<unknown>, key: string, f: Field, label: string): unknown {
  switch (f.type) {
    case 'text':
      return str(m, key, f.fallbackToLabel ? label : '');
    case 'color':
      return str(m, key, f.fallback);
    case 'list':
    case 'refs':
      return strList(m, key);
    case 'enum':
      return oneOf(f.values, m.get(key), f.fallback);
    case 'number': {
      const v = num(m, key, f.fallback);
      return clamp(f.integer ? Math.round(v) : v, f.min, f.max);
    }
    case 'ref':
      return strOrNull(m, key);
    case 'refMap':
      return refMapEntries(m.get(key), f.value);
    case 'mediaId':
      return strOrNull(m, key) ?? undefined;
  }
}

/** A refMap field as a plain object; values read as their field says (an odd one is left out). */
function refMapEntries(v: unknown, value: EnumField | NumberField): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (!(v instanceof Y.Map)) return out;
  for (const [id, x] of v.entries()) {
    if (value.type === 'enum') {
      if (typeof x === 'string' && value.values.includes(x)) out[id] = x;
    } else if (typeof x === 'number' && Number.isFinite(x)) {
      out[id] = clamp(value.integer ? Math.round(x) : x, value.min, value.max);
    }
  }
  return out;
}

/**
 * One node as a plain object, its fields read as its kind's table says. An unknown kind reads as a
 * 'note' (so a view can still draw it); queries (readNodes) leave such nodes out.
 */
export function nodeFromYMap(id: string, m: Y.Map<unknown>): JourneyNode {
  const spec: KindSpec = kindSpec(m.get('kind')) ?? NOTE_KIND;
  const label = str(m, 'label');
  // Geometry is clamped into the model's limits, as repair would: a node that a stock client wrote at
  // x = 1e300 must not reach the canvas (its fit and viewport would go to Infinity/NaN).
  const h = num(m, 'h', spec.size.h);
  const node: Record<string, unknown> = {
    id,
    label,
    x: clamp(num(m, 'x', 0), -LIMITS.coordinateAbsMax, LIMITS.coordinateAbsMax),
    y: clamp(num(m, 'y', 0), -LIMITS.coordinateAbsMax, LIMITS.coordinateAbsMax),
    w: clamp(num(m, 'w', spec.size.w), LIMITS.sizeMin, LIMITS.sizeMax),
    h: h === 0 && spec.zeroHeight ? 0 : clamp(h, LIMITS.sizeMin, LIMITS.sizeMax),
    kind: spec.kind,
  };
  for (const [key, f] of Object.entries(spec.fields)) {
    const v = readField(m, key, f, label);
    // optional fields are present only while set, so older snapshots compare unchanged
    if (v !== undefined) node[key] = v;
  }
  return node as JourneyNode;
}

export function edgeFromYMap(id: string, m: Y.Map<unknown>): PathEdge {
  return { id, source: str(m, 'source'), target: str(m, 'target'), kind: 'path', label: str(m, 'label') };
}
