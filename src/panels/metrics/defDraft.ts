// The metric definition form's draft: text fields as typed, turned into a MetricDef with messages in
// the reader's language for the usual mistakes; the model's checkMetricDef has the last word.
import { METRIC_KEY_PATTERN, parseNumber, type MetricDef } from '../../model';
import type { Translate } from '../../i18n';

export interface DefDraft {
  label: string;
  key: string;
  unit: string;
  better: 'higher' | 'lower';
  green: string;
  red: string;
  min: string;
  max: string;
  neutral: boolean;
}

export const EMPTY_DRAFT: DefDraft = {
  label: '',
  key: '',
  unit: '',
  better: 'higher',
  green: '',
  red: '',
  min: '',
  max: '',
  neutral: false,
};

const num = (v: number | undefined) => (v === undefined ? '' : String(v));

export function draftOf(def: MetricDef): DefDraft {
  return {
    label: def.label,
    key: def.key,
    unit: def.unit,
    better: def.better,
    green: num(def.green),
    red: num(def.red),
    min: num(def.min),
    max: num(def.max),
    neutral: def.neutral === true,
  };
}

/** A key from a label: "Tempo di attesa" → "tempo-di-attesa". */
export function keyFromLabel(label: string): string {
  return label
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
}

/** The definition, or the first problem in words. */
export function defFromDraft(d: DefDraft, t: Translate, decimalComma: boolean): { def: MetricDef } | { error: string } {
  const label = d.label.trim();
  if (!label) return { error: t('metrics.defs.err.label') };
  if (!METRIC_KEY_PATTERN.test(d.key)) return { error: t('metrics.defs.err.key') };
  const read = (text: string): number | undefined | null => {
    if (text.trim() === '') return undefined;
    return parseNumber(text, { decimalComma });
  };
  const fields = { green: read(d.green), red: read(d.red), min: read(d.min), max: read(d.max) };
  for (const [field, value] of Object.entries(fields))
    if (value === null)
      return { error: t('metrics.defs.err.number', { field: t(`metrics.defs.${field as keyof typeof fields}`) }) };
  const { min, max } = fields;
  // a neutral metric (volume) is not coloured, so its thresholds do not matter
  const green = fields.green ?? (d.neutral ? 0 : undefined);
  const red = fields.red ?? (d.neutral ? 0 : undefined);
  if (green === undefined || green === null || red === undefined || red === null)
    return { error: t('metrics.defs.err.thresholds') };
  if (min !== undefined && max !== undefined && min !== null && max !== null && !(min < max))
    return { error: t('metrics.defs.err.minMax') };
  if (!d.neutral && (d.better === 'higher' ? green < red : green > red))
    return { error: t(d.better === 'higher' ? 'metrics.defs.err.orderHigher' : 'metrics.defs.err.orderLower') };
  const def: MetricDef = { key: d.key, label, unit: d.unit.trim(), better: d.better, green, red };
  if (min !== undefined && min !== null) def.min = min;
  if (max !== undefined && max !== null) def.max = max;
  if (d.neutral) def.neutral = true;
  return { def };
}
