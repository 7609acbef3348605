// Metric text in the reader's language: numbers, units, the default metrics' names, status words.
// A default metric's label and unit are translated while they are still the model's English ones;
// a label someone typed is shown as typed.
import { useMemo } from 'react';
import { DEFAULT_METRIC_DEFS, type MetricDef } from '../../model';
import { translate, useLanguage, type Language, type MessageKey } from '../../i18n';
import type { HeatStatus } from './metricViews';

const DEFAULTS = new Map(DEFAULT_METRIC_DEFS.map((d) => [d.key, d]));

const LABEL_KEYS: Record<string, MessageKey> = {
  csat: 'metrics.def.csat',
  nps: 'metrics.def.nps',
  ces: 'metrics.def.ces',
  conversion: 'metrics.def.conversion',
  dropoff: 'metrics.def.dropoff',
  volume: 'metrics.def.volume',
  cost: 'metrics.def.cost',
  aht: 'metrics.def.aht',
};

const UNIT_KEYS: Record<string, MessageKey> = { volume: 'metrics.unit.volume' };

export const STATUS_KEYS: Record<HeatStatus, MessageKey> = {
  green: 'metrics.status.green',
  amber: 'metrics.status.amber',
  red: 'metrics.status.red',
  neutral: 'metrics.status.neutral',
  none: 'metrics.status.none',
};

/** A unit short enough to follow the number ("45%", "12 s", "4,5 €"); scales such as "1–5" are not. */
function shortUnit(unit: string): string | null {
  const u = unit.trim();
  return u !== '' && u.length <= 3 && !/\d/.test(u) ? u : null;
}

export function formatNumber(value: number, language: Language): string {
  const abs = Math.abs(value);
  const digits = abs >= 100 ? 0 : abs >= 1 || abs === 0 ? 1 : 2;
  return new Intl.NumberFormat(language, { maximumFractionDigits: digits }).format(value);
}

/**
 * When a value is of: a date alone when it is midnight UTC (what a date-only CSV cell or API item
 * becomes, shown the same day everywhere), else date and time in the reader's zone.
 */
export function formatWhen(iso: string, language: Language): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  if (iso.endsWith('T00:00:00.000Z'))
    return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeZone: 'UTC' }).format(date);
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

export interface MetricText {
  language: Language;
  label(def: MetricDef): string;
  unit(def: MetricDef): string;
  /** The number with its unit when the unit is short. */
  value(value: number, def: MetricDef | undefined): string;
  number(value: number): string;
  status(status: HeatStatus): string;
  when(iso: string): string;
}

export function metricText(language: Language): MetricText {
  const t = (key: MessageKey) => translate(language, key);
  return {
    language,
    label: (def) => {
      const key = LABEL_KEYS[def.key];
      return key && DEFAULTS.get(def.key)?.label === def.label ? t(key) : def.label;
    },
    unit: (def) => {
      const key = UNIT_KEYS[def.key];
      return key && DEFAULTS.get(def.key)?.unit === def.unit ? t(key) : def.unit;
    },
    value: (value, def) => {
      const n = formatNumber(value, language);
      const unit = def ? shortUnit(def.unit) : null;
      return unit === null ? n : unit === '%' ? `${n}%` : `${n}\u00A0${unit}`;
    },
    number: (value) => formatNumber(value, language),
    status: (status) => t(STATUS_KEYS[status]),
    when: (iso) => formatWhen(iso, language),
  };
}

export function useMetricText(): MetricText {
  const language = useLanguage((state) => state.language);
  return useMemo(() => metricText(language), [language]);
}
