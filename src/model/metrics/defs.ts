// Metric definitions: what a metric key means (label, unit, which direction is better, the green/red
// thresholds of its heat colour, its valid range). Stored in the `metricDefs` root as plain objects
// (a definition is edited as a whole, so last-writer-wins per key is the right merge); the defaults
// below apply to every map, so a key reads as its default until a stored definition replaces it.
import * as Y from 'yjs';
import { ROOT, type Origin } from '../schema';
import { ModelError } from '../errors';
import { checkLabel, checkText } from '../validate-input';
import { write } from '../tx';

export type MetricBetter = 'higher' | 'lower';

export interface MetricDef {
  key: string; // 1..40 of [a-z0-9_-]
  label: string;
  unit: string; // may be empty
  better: MetricBetter;
  /** 'higher': value ≥ green is green, ≤ red is red (so green ≥ red); 'lower': the mirror (green ≤ red). */
  green: number;
  red: number;
  min?: number; // values outside min..max are refused
  max?: number;
  /** Not coloured (e.g. volume): its status is always 'neutral'. */
  neutral?: true;
}

export const METRIC_KEY_PATTERN = /^[a-z0-9_-]{1,40}$/;

export const DEFAULT_METRIC_DEFS: readonly Readonly<MetricDef>[] = Object.freeze(
  (
    [
      { key: 'csat', label: 'CSAT', unit: '1–5', better: 'higher', green: 4, red: 3, min: 1, max: 5 },
      { key: 'nps', label: 'NPS', unit: '', better: 'higher', green: 30, red: 0, min: -100, max: 100 },
      { key: 'ces', label: 'Customer effort', unit: '1–7', better: 'lower', green: 3, red: 5, min: 1, max: 7 },
      { key: 'conversion', label: 'Conversion', unit: '%', better: 'higher', green: 20, red: 5, min: 0, max: 100 },
      { key: 'dropoff', label: 'Drop-off', unit: '%', better: 'lower', green: 10, red: 40, min: 0, max: 100 },
      {
        key: 'volume',
        label: 'Volume',
        unit: 'contacts / month',
        better: 'higher',
        green: 0,
        red: 0,
        min: 0,
        neutral: true,
      },
      { key: 'cost', label: 'Cost per contact', unit: '€', better: 'lower', green: 3, red: 10, min: 0 },
      { key: 'aht', label: 'Handling time', unit: 's', better: 'lower', green: 180, red: 600, min: 0 },
    ] satisfies MetricDef[]
  ).map((d) => Object.freeze(d)),
);

const DEFAULT_BY_KEY = new Map(DEFAULT_METRIC_DEFS.map((d) => [d.key, d]));

/** The metricDefs root (getMap: no side effects, unlike `roots()`, which defines stageOrder). */
export function metricDefsMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>(ROOT.metricDefs);
}

export function checkMetricKey(key: unknown): string {
  if (typeof key !== 'string' || !METRIC_KEY_PATTERN.test(key)) {
    throw new ModelError(
      'invalid-value',
      `metric key must be 1..40 characters of [a-z0-9_-], got ${JSON.stringify(key)}`,
    );
  }
  return key;
}

function finite(v: unknown, what: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v))
    throw new ModelError('invalid-value', `${what} must be a finite number`);
  return v;
}

/** A valid definition, normalised (label trimmed, optional fields omitted when absent), or ModelError. */
export function checkMetricDef(def: unknown): MetricDef {
  if (typeof def !== 'object' || def === null)
    throw new ModelError('invalid-value', 'metric definition must be an object');
  const d = def as Record<string, unknown>;
  const key = checkMetricKey(d.key);
  const label = checkLabel(d.label, 'metric label');
  const unit = checkText(d.unit ?? '', 'metric unit', 40);
  if (d.better !== 'higher' && d.better !== 'lower')
    throw new ModelError('invalid-value', 'better must be higher or lower');
  const better = d.better;
  const green = finite(d.green, 'green threshold');
  const red = finite(d.red, 'red threshold');
  const min = d.min === undefined ? undefined : finite(d.min, 'min');
  const max = d.max === undefined ? undefined : finite(d.max, 'max');
  if (d.neutral !== undefined && typeof d.neutral !== 'boolean')
    throw new ModelError('invalid-value', 'neutral must be a boolean');
  const neutral = d.neutral === true;
  if (min !== undefined && max !== undefined && !(min < max))
    throw new ModelError('invalid-value', 'min must be less than max');
  if (!neutral && (better === 'higher' ? green < red : green > red)) {
    throw new ModelError(
      'invalid-value',
      better === 'higher' ? 'when higher is better, green must be ≥ red' : 'when lower is better, green must be ≤ red',
    );
  }
  for (const [what, t] of [
    ['green', green],
    ['red', red],
  ] as const) {
    if ((min !== undefined && t < min) || (max !== undefined && t > max))
      throw new ModelError('invalid-value', `${what} threshold is outside min..max`);
  }
  const out: MetricDef = { key, label, unit, better, green, red };
  if (min !== undefined) out.min = min;
  if (max !== undefined) out.max = max;
  if (neutral) out.neutral = true;
  return out;
}

/** A stored definition as readers see it: a Y.Map or plain object; invalid ones read as absent. */
function storedDef(key: string, v: unknown): MetricDef | undefined {
  const obj = v instanceof Y.Map ? v.toJSON() : v;
  if (typeof obj !== 'object' || obj === null) return undefined;
  try {
    return checkMetricDef({ ...(obj as Record<string, unknown>), key });
  } catch {
    return undefined;
  }
}

/** Every definition in force: the defaults (in their order, replaced by stored ones), then custom keys in key order. */
export function readMetricDefs(doc: Y.Doc): MetricDef[] {
  const stored = new Map<string, MetricDef>();
  metricDefsMap(doc).forEach((v, key) => {
    const d = storedDef(key, v);
    if (d) stored.set(key, d);
  });
  const out = DEFAULT_METRIC_DEFS.map((d) => stored.get(d.key) ?? { ...d });
  const custom = [...stored.keys()].filter((k) => !DEFAULT_BY_KEY.has(k)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  for (const k of custom) {
    const d = stored.get(k);
    if (d) out.push(d);
  }
  return out;
}

export function readMetricDef(doc: Y.Doc, key: string): MetricDef | undefined {
  const d = storedDef(key, metricDefsMap(doc).get(key));
  if (d) return d;
  const def = DEFAULT_BY_KEY.get(key);
  return def ? { ...def } : undefined;
}

function defToStored(d: MetricDef): Record<string, unknown> {
  const { key: _key, ...rest } = d;
  return rest;
}

/** Write the defaults that the doc does not store yet (so every client sees and can edit them). Idempotent. */
export function ensureDefaultMetricDefs(doc: Y.Doc, origin?: Origin): void {
  const defs = metricDefsMap(doc);
  const missing = DEFAULT_METRIC_DEFS.filter((d) => storedDef(d.key, defs.get(d.key)) === undefined);
  write(doc, origin, () => {
    for (const d of missing) defs.set(d.key, defToStored(d));
  });
}

/** Add a custom definition or replace one (a default too). */
export function setMetricDef(doc: Y.Doc, def: MetricDef, origin?: Origin): void {
  const d = checkMetricDef(def);
  write(doc, origin, () => metricDefsMap(doc).set(d.key, defToStored(d)));
}

/**
 * Remove a stored definition. A default key then reads as its default again; a custom key becomes
 * unknown (new values for it are refused). Values already stored on nodes are kept.
 */
export function removeMetricDef(doc: Y.Doc, key: string, origin?: Origin): void {
  const k = checkMetricKey(key);
  const defs = metricDefsMap(doc);
  if (!defs.has(k)) throw new ModelError('not-found', `metric definition ${k} is not stored`);
  write(doc, origin, () => defs.delete(k));
}
