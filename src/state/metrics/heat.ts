// Heat colours and legend rows. The palette is the model's (Okabe–Ito, safe for colour-blind
// readers); "no data" is white with a dashed edge. Every colour comes with an icon and words.
import { HEAT_PALETTE, type HeatStyle, type MetricDef } from '../../model';
import type { HeatStatus } from './metricViews';

export const NO_DATA_STYLE: Readonly<HeatStyle> = Object.freeze({
  fill: '#FFFFFF',
  text: '#374151',
  icon: '∅',
  label: 'no data',
});

export function heatStyle(status: HeatStatus): Readonly<HeatStyle> {
  return status === 'none' ? NO_DATA_STYLE : HEAT_PALETTE[status];
}

export interface LegendRow {
  status: HeatStatus;
  /** Which values get this status: a comparison and one or two thresholds. */
  range: { op: '≥' | '≤' | 'between'; from: number; to?: number } | null;
}

/** The legend of a metric: green, amber, red with their thresholds (neutral metrics: one row), then "no data". */
export function legendRows(def: MetricDef): LegendRow[] {
  if (def.neutral)
    return [
      { status: 'neutral', range: null },
      { status: 'none', range: null },
    ];
  const higher = def.better === 'higher';
  const rows: LegendRow[] = [{ status: 'green', range: { op: higher ? '≥' : '≤', from: def.green } }];
  // with equal thresholds there is no amber band (green wins at the threshold)
  if (def.green !== def.red)
    rows.push({
      status: 'amber',
      range: { op: 'between', from: Math.min(def.red, def.green), to: Math.max(def.red, def.green) },
    });
  rows.push({ status: 'red', range: { op: higher ? '≤' : '≥', from: def.red } });
  rows.push({ status: 'none', range: null });
  return rows;
}
