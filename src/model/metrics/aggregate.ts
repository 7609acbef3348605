// Stage-level aggregates of touchpoint metrics (the Metrics lane's heat cell per stage).
import * as Y from 'yjs';
import { touchpointsByStage } from '../queries';
import { readMetricValue } from './read';

export interface StageAggregate {
  value: number;
  /** Touchpoints of the stage that have a value for the metric. */
  count: number;
  /** True when at least one of them has a known volume, i.e. the mean is volume-weighted. */
  weighted: boolean;
  /** 'sum' for volume itself (contacts add up), 'mean' for every other metric. */
  mode: 'mean' | 'sum';
}

export const VOLUME_KEY = 'volume';

/**
 * Volume weights for a set of touchpoints: each one's `volume` value when known (≥ 0); the others
 * weigh the mean of the known volumes, or 1 when none is known (then `weighted` is false).
 */
export function volumeWeights(doc: Y.Doc, ids: readonly string[]): { weights: Map<string, number>; weighted: boolean } {
  const known = new Map<string, number>();
  for (const id of ids) {
    const v = readMetricValue(doc, id, VOLUME_KEY);
    if (v !== null && v >= 0) known.set(id, v);
  }
  const fill = known.size === 0 ? 1 : [...known.values()].reduce((a, b) => a + b, 0) / known.size;
  return { weights: new Map(ids.map((id) => [id, known.get(id) ?? fill])), weighted: known.size > 0 };
}

/**
 * Aggregate of a stage's touchpoints' values for `key`: the volume-weighted mean (see volumeWeights);
 * if every weight is 0 the plain mean. Volume itself is summed. Null when no touchpoint has a value
 * (or the stage does not exist).
 */
export function stageAggregate(doc: Y.Doc, stageId: string, key: string): StageAggregate | null {
  const tps = touchpointsByStage(doc).get(stageId);
  return tps
    ? aggregateTouchpoints(
        doc,
        tps.map((t) => t.id),
        key,
      )
    : null;
}

/**
 * The same aggregate over given touchpoints (a view that already knows which touchpoints each stage
 * has calls this instead of reading every node of the doc once per stage).
 */
export function aggregateTouchpoints(doc: Y.Doc, touchpointIds: readonly string[], key: string): StageAggregate | null {
  const values: Array<[string, number]> = [];
  for (const id of touchpointIds) {
    const v = readMetricValue(doc, id, key);
    if (v !== null) values.push([id, v]);
  }
  if (values.length === 0) return null;
  if (key === VOLUME_KEY)
    return { value: values.reduce((a, [, v]) => a + v, 0), count: values.length, weighted: false, mode: 'sum' };
  const { weights, weighted } = volumeWeights(
    doc,
    values.map(([id]) => id),
  );
  let num = 0;
  let den = 0;
  for (const [id, v] of values) {
    const w = weights.get(id) ?? 1;
    num += w * v;
    den += w;
  }
  const value = den > 0 ? num / den : values.reduce((a, [, v]) => a + v, 0) / values.length;
  return { value, count: values.length, weighted: weighted && den > 0, mode: 'mean' };
}
