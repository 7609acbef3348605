// Critical touchpoints: where many customers meet a result far from its target, feeling bad.
import * as Y from 'yjs';
import { ModelError } from '../errors';
import { journeyPath } from '../queries';
import { readMetricDefs, type MetricDef } from '../metrics/defs';
import { readMetrics } from '../metrics/read';
import { volumeWeights } from '../metrics/aggregate';

export interface CriticalTouchpoint {
  touchpointId: string;
  label: string;
  stageId: string | null;
  impact: number;
  /** The volume used: the touchpoint's own, else the mean known volume, else 1 (volumeKnown false). */
  volume: number;
  volumeKnown: boolean;
  /** 0..1: shortfall from the target of the metric most off target (see criticalTouchpoints). */
  distance: number;
  /** The metric that set `distance`, or null when the touchpoint has no data to judge. */
  driver: string | null;
  emotion: number;
}

/**
 * Shortfall of `value` from `target` as a share of the metric's range (max − min when both are
 * defined, else the larger of |target| and |value|). Only the bad side counts: a value better than
 * its target is at distance 0.
 */
export function targetGap(def: MetricDef, value: number, target: number): number {
  const short = def.better === 'higher' ? target - value : value - target;
  if (short <= 0) return 0;
  const range =
    def.min !== undefined && def.max !== undefined && def.max > def.min
      ? def.max - def.min
      : Math.max(Math.abs(target), Math.abs(value), 1);
  return Math.min(1, short / range);
}

/**
 * Ranks touchpoints by impact = volume × distance × (1 + max(0, −emotion)).
 * - distance: the largest targetGap over the touchpoint's metrics that have both a value and a
 *   target (neutral metrics such as volume excluded); with no targets at all, the CSAT gap to the
 *   CSAT green threshold; with neither, no data: impact 0.
 * - volume: see volumeWeights (unknown volumes weigh the mean of the known ones, or 1).
 * - the emotion factor is 1 for a neutral or positive emotion and up to 3 for −2.
 * Sorted by impact (highest first); ties: touchpoints with data first, then path order. At most `top`.
 */
export function criticalTouchpoints(doc: Y.Doc, opts: { top?: number } = {}): CriticalTouchpoint[] {
  const top = opts.top ?? 5;
  if (!Number.isInteger(top) || top < 1) throw new ModelError('invalid-value', 'top must be a positive integer');
  const defs = new Map(readMetricDefs(doc).map((d) => [d.key, d]));
  const csat = defs.get('csat');
  const path = journeyPath(doc);
  const { weights, weighted } = volumeWeights(
    doc,
    path.map((t) => t.id),
  );
  const ranked = path.map((t, pos) => {
    const metrics = readMetrics(doc, t.id);
    let distance = 0;
    let driver: string | null = null;
    for (const [key, m] of Object.entries(metrics).sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
      const def = defs.get(key);
      if (!def || def.neutral || m.value === null || m.target === undefined) continue;
      const gap = targetGap(def, m.value, m.target);
      if (driver === null || gap > distance) {
        distance = gap;
        driver = key;
      }
    }
    const csatValue = metrics.csat?.value;
    if (driver === null && csat && csatValue !== undefined && csatValue !== null) {
      distance = targetGap(csat, csatValue, csat.green);
      driver = 'csat';
    }
    const ownVolume = metrics.volume?.value;
    const volumeKnown = ownVolume !== undefined && ownVolume !== null && ownVolume >= 0;
    const volume = weights.get(t.id) ?? 1;
    const impact = driver === null ? 0 : volume * distance * (1 + Math.max(0, -t.emotion));
    const item: CriticalTouchpoint = {
      touchpointId: t.id,
      label: t.label,
      stageId: t.stageId,
      impact,
      volume,
      volumeKnown: weighted && volumeKnown,
      distance,
      driver,
      emotion: t.emotion,
    };
    return { item, pos };
  });
  ranked.sort(
    (a, b) =>
      b.item.impact - a.item.impact || Number(b.item.driver !== null) - Number(a.item.driver !== null) || a.pos - b.pos,
  );
  return ranked.slice(0, top).map((r) => r.item);
}
