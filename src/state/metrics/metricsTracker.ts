// The metric side of the doc→view bridge. It keeps each node's metrics (re-read only when a
// transaction touched that node's `metrics`), the map's definitions, the colour-by metric's stage
// aggregates and the critical touchpoints, and hands the bridge one NodeMetricView per node that
// keeps its identity until its own inputs change, so a metric change re-renders only its nodes.
import * as Y from 'yjs';
import {
  DEFAULT_METRIC_DEFS,
  METRIC_NODE_KINDS,
  ROOT,
  criticalTouchpoints,
  readMetricDefs,
  readMetrics,
  aggregateTouchpoints,
  type JourneyNode,
  type MetricDef,
  type StageAggregate,
} from '../../model';
import {
  NO_METRICS,
  badgesOf,
  ownHeat,
  sameBadges,
  sameHeat,
  stageBadge,
  stageHeat,
  type MetricBadgeView,
  type NodeMetricView,
  type NodeMetrics,
} from './metricViews';

/** How many of the critical touchpoints get a badge on the canvas. */
export const CRITICAL_ON_CANVAS = 3;

export interface MetricsViewOptions {
  colorBy: string | null;
  cardMetrics: readonly string[];
}

export interface MetricsSnapshot {
  /** Every definition in force (readMetricDefs); the same array until a definition changes. */
  defs: MetricDef[];
  /** Each metric-carrying node's metrics; a new map when any changed, unchanged nodes keep theirs. */
  nodeMetrics: ReadonlyMap<string, NodeMetrics>;
  views: ReadonlyMap<string, NodeMetricView>;
}

const METRIC_KINDS: readonly unknown[] = METRIC_NODE_KINDS;
const NO_AGGREGATES: ReadonlyMap<string, StageAggregate | null> = new Map();
const NO_BADGES: readonly MetricBadgeView[] = [];

type DeepEvents = Array<Y.YEvent<Y.AbstractType<unknown>>>;

const sameInputs = (a: readonly unknown[], b: readonly unknown[]) =>
  a.length === b.length && a.every((input, i) => Object.is(input, b[i]));

/** One remembered value and the inputs it was made from. */
class Memo<T> {
  private last: { inputs: readonly unknown[]; value: T } | null = null;

  get(inputs: readonly unknown[], make: () => T): T {
    if (this.last && sameInputs(this.last.inputs, inputs)) return this.last.value;
    const value = make();
    this.last = { inputs, value };
    return value;
  }
}

export class MetricsTracker {
  private readonly nodesRoot: Y.Map<unknown>;
  private readonly defsRoot: Y.Map<unknown>;
  private readonly metrics = new Map<string, NodeMetrics>();
  private nodeMetrics: ReadonlyMap<string, NodeMetrics>;
  private defs: MetricDef[];
  private defsByKey: Map<string, MetricDef>;
  /** Bumped whenever any metric value or definition changes. */
  private version = 0;
  private readonly aggregates = new Memo<ReadonlyMap<string, StageAggregate | null>>();
  private readonly ranks = new Memo<ReadonlyMap<string, number>>();
  private readonly stageBadges = new Memo<ReadonlyMap<string, readonly MetricBadgeView[]>>();
  private readonly views = new Map<string, { inputs: readonly unknown[]; value: NodeMetricView }>();

  constructor(private readonly doc: Y.Doc) {
    this.nodesRoot = doc.getMap<unknown>(ROOT.nodes);
    this.defsRoot = doc.getMap<unknown>(ROOT.metricDefs);
    this.nodesRoot.forEach((_value, id) => this.read(id));
    this.nodeMetrics = new Map(this.metrics);
    this.defs = readMetricDefs(doc);
    this.defsByKey = new Map(this.defs.map((d) => [d.key, d]));
    this.nodesRoot.observeDeep(this.onNodes);
    this.defsRoot.observeDeep(this.onDefs);
  }

  /** True when a default definition is not stored yet (editors then write them once). */
  missingDefaults(): boolean {
    return DEFAULT_METRIC_DEFS.some((d) => !this.defsRoot.has(d.key));
  }

  destroy(): void {
    this.nodesRoot.unobserveDeep(this.onNodes);
    this.defsRoot.unobserveDeep(this.onDefs);
  }

  private read(id: string): void {
    const node = this.nodesRoot.get(id);
    if (!(node instanceof Y.Map) || !METRIC_KINDS.includes(node.get('kind'))) return void this.metrics.delete(id);
    const read = readMetrics(this.doc, id);
    this.metrics.set(id, Object.keys(read).length === 0 ? NO_METRICS : read);
  }

  private readonly onNodes = (events: DeepEvents) => {
    const touched = new Set<string>();
    for (const event of events) {
      if (event.target === this.nodesRoot) {
        (event as Y.YMapEvent<unknown>).keysChanged.forEach((id) => touched.add(id));
        continue;
      }
      const [id, field] = event.path;
      if (typeof id !== 'string') continue;
      // inside the node's metrics, or the node's own `metrics`/`kind` field replaced
      const ownField =
        event.path.length === 1 &&
        event instanceof Y.YMapEvent &&
        (event.keysChanged.has('metrics') || event.keysChanged.has('kind'));
      if (field === 'metrics' || ownField) touched.add(id);
    }
    if (touched.size === 0) return;
    touched.forEach((id) => this.read(id));
    this.nodeMetrics = new Map(this.metrics);
    this.version++;
  };

  private readonly onDefs = () => {
    this.defs = readMetricDefs(this.doc);
    this.defsByKey = new Map(this.defs.map((d) => [d.key, d]));
    this.version++;
  };

  private reuse(id: string, inputs: readonly unknown[], make: () => NodeMetricView): NodeMetricView {
    const entry = this.views.get(id);
    if (entry && sameInputs(entry.inputs, inputs)) return entry.value;
    const value = make();
    this.views.set(id, { inputs, value });
    return value;
  }

  /** The metric data of every node for one derivation of the view. */
  snapshot(modelNodes: ReadonlyMap<string, JourneyNode>, options: MetricsViewOptions): MetricsSnapshot {
    // Aggregates and ranks depend on which touchpoints are in which stage and how they feel, not on
    // positions: a drag recomputes neither.
    let shape = '';
    const stageIds: string[] = [];
    const touchpointsOf = new Map<string, string[]>();
    for (const node of modelNodes.values()) {
      if (node.kind === 'stage') stageIds.push(node.id);
      if (node.kind !== 'touchpoint') continue;
      shape += `${node.id}\u0001${node.stageId ?? ''}\u0001${node.emotion}\u0002`;
      if (!node.stageId) continue;
      const group = touchpointsOf.get(node.stageId);
      if (group) group.push(node.id);
      else touchpointsOf.set(node.stageId, [node.id]);
    }
    const aggregateOf = (stageId: string, key: string) =>
      aggregateTouchpoints(this.doc, touchpointsOf.get(stageId) ?? [], key);
    const colorDef = options.colorBy ? this.defsByKey.get(options.colorBy) : undefined;
    const aggregates = colorDef
      ? this.aggregates.get(
          [colorDef, this.version, shape, stageIds.join()],
          () => new Map(stageIds.map((id) => [id, aggregateOf(id, colorDef.key)])),
        )
      : NO_AGGREGATES;
    // Without a colour-by metric a stage header shows its touchpoints' aggregate of the first key metric they have.
    const headerBadges = colorDef
      ? new Map<string, readonly MetricBadgeView[]>()
      : this.stageBadges.get(
          [options.cardMetrics, this.defsByKey, this.version, shape, stageIds.join()],
          () => new Map(stageIds.map((id) => [id, this.firstAggregate(id, options.cardMetrics, aggregateOf)])),
        );
    const ranks = this.ranks.get([this.version, shape], () => this.criticalRanks());

    const views = new Map<string, NodeMetricView>();
    for (const node of modelNodes.values()) {
      if (!METRIC_KINDS.includes(node.kind)) continue;
      const metrics = this.metrics.get(node.id) ?? NO_METRICS;
      let view: NodeMetricView;
      if (node.kind === 'touchpoint') {
        const rank = ranks.get(node.id) ?? null;
        view = this.reuse(node.id, [metrics, colorDef, options.cardMetrics, this.defsByKey, rank], () => ({
          heat: colorDef ? ownHeat(colorDef, metrics) : null,
          badges: badgesOf(this.defsByKey, options.cardMetrics, metrics),
          critical: rank,
        }));
      } else if (node.kind === 'stage') {
        const heat = colorDef ? stageHeat(colorDef, aggregates.get(node.id) ?? null, metrics) : null;
        const previous = this.views.get(node.id)?.value;
        const badges = headerBadges.get(node.id) ?? NO_BADGES;
        view =
          previous && sameHeat(previous.heat, heat) && sameBadges(previous.badges, badges)
            ? previous
            : { heat, badges, critical: null };
        this.views.set(node.id, { inputs: [], value: view });
      } else {
        view = this.reuse(node.id, [metrics, colorDef], () => ({
          heat: colorDef ? ownHeat(colorDef, metrics) : null,
          badges: [],
          critical: null,
        }));
      }
      views.set(node.id, view);
    }
    for (const id of this.views.keys()) if (!views.has(id)) this.views.delete(id);
    return { defs: this.defs, nodeMetrics: this.nodeMetrics, views };
  }

  private firstAggregate(
    stageId: string,
    keys: readonly string[],
    aggregateOf: (stageId: string, key: string) => StageAggregate | null,
  ): readonly MetricBadgeView[] {
    for (const key of keys) {
      const def = this.defsByKey.get(key);
      const badge = def ? stageBadge(def, aggregateOf(stageId, key)) : null;
      if (badge) return [badge];
    }
    return NO_BADGES;
  }

  private criticalRanks(): ReadonlyMap<string, number> {
    const ranks = new Map<string, number>();
    criticalTouchpoints(this.doc, { top: CRITICAL_ON_CANVAS })
      .filter((c) => c.impact > 0)
      .forEach((c, i) => ranks.set(c.touchpointId, i + 1));
    return ranks;
  }
}
