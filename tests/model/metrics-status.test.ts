import { describe, expect, it } from 'vitest';
import {
  HEAT_PALETTE,
  addStage,
  addTouchpoint,
  heatColor,
  metricStatus,
  readMetricDef,
  redCrossings,
  setMetricValue,
  stageAggregate,
  type MetricDef,
  type MetricStatus,
} from './model';
import { newDoc } from './helpers';
import { AT, omnichannelSupport } from './fixtures-metrics';

const def = (key: string): MetricDef => {
  const d = readMetricDef(newDoc(), key);
  if (!d) throw new Error(key);
  return d;
};

/** WCAG relative luminance and contrast ratio. */
function contrast(a: string, b: string): number {
  const lum = (hex: string) => {
    const [r, g, bl] = [1, 3, 5].map((i) => {
      const c = parseInt(hex.slice(i, i + 2), 16) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * (r ?? 0) + 0.7152 * (g ?? 0) + 0.0722 * (bl ?? 0);
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return ((hi ?? 0) + 0.05) / ((lo ?? 0) + 0.05);
}

describe('metricStatus', () => {
  it('higher is better: ≥ green green, ≤ red red, between amber', () => {
    const csat = def('csat');
    expect([5, 4, 3.9, 3.1, 3, 1].map((v) => metricStatus(csat, v))).toEqual([
      'green',
      'green',
      'amber',
      'amber',
      'red',
      'red',
    ]);
    expect([30, 10, 0, -50].map((v) => metricStatus(def('nps'), v))).toEqual(['green', 'amber', 'red', 'red']);
  });

  it('lower is better: the mirror', () => {
    expect([1, 3, 4, 5, 7].map((v) => metricStatus(def('ces'), v))).toEqual(['green', 'green', 'amber', 'red', 'red']);
    expect([5, 10, 25, 40, 90].map((v) => metricStatus(def('dropoff'), v))).toEqual([
      'green',
      'green',
      'amber',
      'red',
      'red',
    ]);
  });

  it('volume is neutral; non-finite values are neutral; equal thresholds have no amber', () => {
    expect(metricStatus(def('volume'), 1e6)).toBe('neutral');
    expect(metricStatus(def('csat'), Number.NaN)).toBe('neutral');
    const flag: MetricDef = { key: 'f', label: 'F', unit: '', better: 'higher', green: 1, red: 1 };
    expect([0, 1, 2].map((v) => metricStatus(flag, v))).toEqual(['red', 'green', 'green']);
  });
});

describe('heatColor', () => {
  it('uses the Okabe–Ito palette with an icon per status, never colour alone', () => {
    const all: MetricStatus[] = ['green', 'amber', 'red', 'neutral'];
    expect(all.map((s) => heatColor(s).fill)).toEqual(['#0072B2', '#E69F00', '#D55E00', '#999999']);
    expect(all.map((s) => heatColor(s).icon)).toEqual(['✓', '!', '✕', '–']);
    expect(new Set(all.map((s) => heatColor(s).label)).size).toBe(4);
    for (const s of all) expect(contrast(heatColor(s).fill, heatColor(s).text)).toBeGreaterThanOrEqual(4.5);
  });

  it('returns a copy (the palette cannot be changed through it)', () => {
    const c = heatColor('red');
    c.fill = '#000000';
    expect(HEAT_PALETTE.red.fill).toBe('#D55E00');
  });
});

describe('redCrossings', () => {
  it('is true only when a value moves from not red (or nothing) to red', () => {
    const csat = def('csat');
    expect(redCrossings(4, 2, csat)).toBe(true);
    expect(redCrossings(3.5, 3, csat)).toBe(true);
    expect(redCrossings(undefined, 2, csat)).toBe(true);
    expect(redCrossings(2, 1, csat)).toBe(false); // stays red
    expect(redCrossings(2, 4, csat)).toBe(false);
    expect(redCrossings(4, 3.5, csat)).toBe(false); // amber
    expect(redCrossings(10, 50, def('dropoff'))).toBe(true);
    expect(redCrossings(0, 1e9, def('volume'))).toBe(false);
  });
});

describe('stageAggregate', () => {
  it('weights each touchpoint by its volume', () => {
    const doc = omnichannelSupport();
    expect(stageAggregate(doc, 'contact', 'csat')).toEqual({
      value: expect.closeTo(3.04, 10) as number,
      count: 2,
      weighted: true,
      mode: 'mean',
    });
    expect(stageAggregate(doc, 'resolve', 'csat')?.value).toBeCloseTo(3.64, 10);
    expect(stageAggregate(doc, 'resolve', 'dropoff')?.value).toBeCloseTo((45 * 400 + 8 * 600) / 1000, 10);
  });

  it('volume itself is summed; no values → null; unknown stage → null', () => {
    const doc = omnichannelSupport();
    expect(stageAggregate(doc, 'contact', 'volume')).toEqual({ value: 2000, count: 2, weighted: false, mode: 'sum' });
    expect(stageAggregate(doc, 'feedback', 'csat')).toBeNull();
    expect(stageAggregate(doc, 'ghost', 'csat')).toBeNull();
    expect(stageAggregate(doc, 't-email', 'csat')).toBeNull();
  });

  it('unweighted mean when no touchpoint has a volume', () => {
    const doc = newDoc();
    addStage(doc, { label: 'S', id: 's' });
    for (const [id, v] of [
      ['a', 2],
      ['b', 3],
      ['c', 5],
    ] as const) {
      addTouchpoint(doc, { stageId: 's', label: id, id });
      setMetricValue(doc, { nodeId: id, key: 'csat', value: v, source: 'manual', at: AT });
    }
    addTouchpoint(doc, { stageId: 's', label: 'no data', id: 'd' });
    expect(stageAggregate(doc, 's', 'csat')).toEqual({ value: 10 / 3, count: 3, weighted: false, mode: 'mean' });
  });

  it('touchpoints without a volume weigh the mean of the known volumes; all-zero volumes fall back to the plain mean', () => {
    const doc = newDoc();
    addStage(doc, { label: 'S', id: 's' });
    const set = (nodeId: string, key: string, value: number) =>
      setMetricValue(doc, { nodeId, key, value, source: 'manual', at: AT });
    for (const id of ['a', 'b', 'c']) addTouchpoint(doc, { stageId: 's', label: id, id });
    set('a', 'csat', 2);
    set('a', 'volume', 100);
    set('b', 'csat', 4);
    set('b', 'volume', 300);
    set('c', 'csat', 5); // weighs (100 + 300) / 2 = 200
    expect(stageAggregate(doc, 's', 'csat')?.value).toBeCloseTo((2 * 100 + 4 * 300 + 5 * 200) / 600, 10);
    setMetricValue(doc, { nodeId: 'a', key: 'volume', value: 0, source: 'manual' }); // now: newer than AT
    setMetricValue(doc, { nodeId: 'b', key: 'volume', value: 0, source: 'manual' });
    expect(stageAggregate(doc, 's', 'csat')).toEqual({ value: 11 / 3, count: 3, weighted: false, mode: 'mean' });
  });
});
