// Heat status of a metric value and how to draw it. The palette is Okabe–Ito (safe for colour-blind
// readers) and every status also has an icon and a word, so colour never carries meaning alone.
import type { MetricDef } from './defs';

export type MetricStatus = 'green' | 'amber' | 'red' | 'neutral';

/**
 * 'higher' is better: value ≥ green → green, value ≤ red → red, between → amber; 'lower' is the
 * mirror (value ≤ green → green, ≥ red → red). Green wins when the thresholds are equal. A neutral
 * def (volume) or a non-finite value → neutral.
 */
export function metricStatus(
  def: Pick<MetricDef, 'better' | 'green' | 'red' | 'neutral'>,
  value: number,
): MetricStatus {
  if (def.neutral === true || !Number.isFinite(value)) return 'neutral';
  if (def.better === 'higher') return value >= def.green ? 'green' : value <= def.red ? 'red' : 'amber';
  return value <= def.green ? 'green' : value >= def.red ? 'red' : 'amber';
}

export interface HeatStyle {
  /** Fill of the heat cell / badge. */
  fill: string;
  /** Text colour readable on `fill` (contrast ≥ 4.5:1 for the icon and number). */
  text: string;
  /** Shown beside the number, so the status reads without colour. */
  icon: string;
  /** Words for screen readers and tooltips. */
  label: string;
}

export const HEAT_PALETTE: Readonly<Record<MetricStatus, Readonly<HeatStyle>>> = Object.freeze({
  green: Object.freeze({ fill: '#0072B2', text: '#FFFFFF', icon: '✓', label: 'on target' }),
  amber: Object.freeze({ fill: '#E69F00', text: '#000000', icon: '!', label: 'watch' }),
  red: Object.freeze({ fill: '#D55E00', text: '#000000', icon: '✕', label: 'off target' }),
  neutral: Object.freeze({ fill: '#999999', text: '#000000', icon: '–', label: 'no rating' }),
});

export function heatColor(status: MetricStatus): HeatStyle {
  return { ...(HEAT_PALETTE[status] ?? HEAT_PALETTE.neutral) };
}

/**
 * For alerts: true when a value moves from not red (or no value before) to red. Staying red, or a
 * neutral def, is not a crossing, so a metric that stays bad alerts once.
 */
export function redCrossings(
  before: number | undefined | null,
  after: number,
  def: Pick<MetricDef, 'better' | 'green' | 'red' | 'neutral'>,
): boolean {
  if (metricStatus(def, after) !== 'red') return false;
  return before === undefined || before === null || metricStatus(def, before) !== 'red';
}
