// What a node shows of its metrics on the canvas: the heat of the colour-by metric (value and
// status, never colour alone) and the card's key metrics. Plain data, carried in the derived flow
// node's `data.metrics`; built from the model's metricStatus so the canvas, legend and export agree.
import { metricStatus, type Metric, type MetricDef, type MetricStatus, type StageAggregate } from '../../model';

/** A metric status, or 'none' when the node has no value for the metric. */
export type HeatStatus = MetricStatus | 'none';

export interface HeatView {
  def: MetricDef;
  value: number | null;
  status: HeatStatus;
  /** Stages: how many touchpoints have a value, and whether the mean is weighted by volume. */
  aggregate?: { count: number; weighted: boolean; mode: 'mean' | 'sum' };
}

export interface MetricBadgeView {
  def: MetricDef;
  value: number;
  status: MetricStatus;
  /** Stage headers: the badge is an aggregate of this many touchpoints. */
  aggregate?: { count: number; weighted: boolean; mode: 'mean' | 'sum' };
}

export interface NodeMetricView {
  /** Null when no metric colours the map. */
  heat: HeatView | null;
  /** The card's key metrics that this node has values for (touchpoints only). */
  badges: readonly MetricBadgeView[];
  /** 1-based rank among the critical touchpoints, or null. */
  critical: number | null;
}

export type NodeMetrics = Readonly<Record<string, Metric>>;

export const NO_METRICS: NodeMetrics = Object.freeze({});

export function statusOf(def: MetricDef, value: number | null): HeatStatus {
  return value === null ? 'none' : metricStatus(def, value);
}

/** The heat of a node's own value of `def`. */
export function ownHeat(def: MetricDef, metrics: NodeMetrics): HeatView {
  const value = metrics[def.key]?.value ?? null;
  return { def, value, status: statusOf(def, value) };
}

/** The heat of a stage: the aggregate of its touchpoints (model's stageAggregate), else its own value. */
export function stageHeat(def: MetricDef, aggregate: StageAggregate | null, own: NodeMetrics): HeatView {
  if (!aggregate) return ownHeat(def, own);
  return {
    def,
    value: aggregate.value,
    status: statusOf(def, aggregate.value),
    aggregate: { count: aggregate.count, weighted: aggregate.weighted, mode: aggregate.mode },
  };
}

export function badgesOf(
  defs: ReadonlyMap<string, MetricDef>,
  keys: readonly string[],
  metrics: NodeMetrics,
): MetricBadgeView[] {
  const out: MetricBadgeView[] = [];
  for (const key of keys) {
    const def = defs.get(key);
    const value = metrics[key]?.value;
    if (def && value !== undefined && value !== null) out.push({ def, value, status: metricStatus(def, value) });
  }
  return out;
}

/** A stage header's badge: its touchpoints' aggregate of `def`, or null when none has a value. */
export function stageBadge(def: MetricDef, aggregate: StageAggregate | null): MetricBadgeView | null {
  if (!aggregate) return null;
  return {
    def,
    value: aggregate.value,
    status: metricStatus(def, aggregate.value),
    aggregate: { count: aggregate.count, weighted: aggregate.weighted, mode: aggregate.mode },
  };
}

export function sameBadges(a: readonly MetricBadgeView[], b: readonly MetricBadgeView[]): boolean {
  if (a === b) return true;
  return (
    a.length === b.length &&
    a.every((x, i) => {
      const y = b[i];
      return (
        y !== undefined &&
        x.def === y.def &&
        x.value === y.value &&
        x.status === y.status &&
        x.aggregate?.count === y.aggregate?.count &&
        x.aggregate?.weighted === y.aggregate?.weighted
      );
    })
  );
}

/** Same heat, by value (so a recomputed but unchanged aggregate keeps its node's identity). */
export function sameHeat(a: HeatView | null, b: HeatView | null): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  return (
    a.def === b.def &&
    a.value === b.value &&
    a.status === b.status &&
    a.aggregate?.count === b.aggregate?.count &&
    a.aggregate?.weighted === b.aggregate?.weighted &&
    a.aggregate?.mode === b.aggregate?.mode
  );
}
