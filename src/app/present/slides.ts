// What each slide of the presentation shows, read through the model's queries: per stage its name,
// goal, owner, touchpoints in the customer's order (channel, emotion, counts, key metrics), the mean
// emotion and the stage's key metrics (the metrics lane's aggregates).
import type * as Y from 'yjs';
import {
  journeyPath,
  metricStatus,
  readMetricDef,
  readMetricDefs,
  readMetrics,
  readNodes,
  stageAggregate,
  stagesInOrder,
  type ChannelMedium,
  type MetricDef,
  type MetricStatus,
} from '../../model';

export interface SlideMetric {
  key: string;
  def: MetricDef;
  value: number;
  status: MetricStatus;
}

export interface SlideTouchpoint {
  id: string;
  label: string;
  channel: { label: string; medium: ChannelMedium } | null;
  emotion: number;
  painPoints: number;
  opportunities: number;
  lane: 'front' | 'back';
  metrics: SlideMetric[];
}

export interface StageSlide {
  id: string;
  label: string;
  goal: string;
  color: string;
  owner: { name: string; role: string } | null;
  touchpoints: SlideTouchpoint[];
  /** Mean emotion of the stage's touchpoints; null when it has none. */
  emotion: number | null;
  metrics: SlideMetric[];
}

const KEY_METRICS_PER_CARD = 2;
const KEY_METRICS_PER_STAGE = 4;

const round = (value: number) => Math.round(value * 10) / 10;

export function presentationSlides(doc: Y.Doc): StageSlide[] {
  const byId = new Map(readNodes(doc).map((node) => [node.id, node]));
  const path = journeyPath(doc);
  const defs = readMetricDefs(doc);
  const metricOf = (key: string, value: number): SlideMetric | null => {
    const def = readMetricDef(doc, key);
    return def ? { key, def, value: round(value), status: metricStatus(def, value) } : null;
  };
  return stagesInOrder(doc).map((stage) => {
    const owner = stage.ownerId ? byId.get(stage.ownerId) : undefined;
    const touchpoints = path
      .filter((tp) => tp.stageId === stage.id)
      .map((tp): SlideTouchpoint => {
        const channel = tp.channelId ? byId.get(tp.channelId) : undefined;
        const metrics = Object.entries(readMetrics(doc, tp.id)).flatMap(([key, metric]) => {
          const m = metric.value === null ? null : metricOf(key, metric.value);
          return m ? [m] : [];
        });
        return {
          id: tp.id,
          label: tp.label,
          channel: channel?.kind === 'channel' ? { label: channel.label, medium: channel.medium } : null,
          emotion: tp.emotion,
          painPoints: tp.painPoints.length,
          opportunities: tp.opportunities.length,
          lane: tp.lane,
          metrics: metrics.slice(0, KEY_METRICS_PER_CARD),
        };
      });
    const front = touchpoints.filter((tp) => tp.lane === 'front');
    const feelings = (front.length > 0 ? front : touchpoints).map((tp) => tp.emotion);
    const metrics = defs.flatMap((def) => {
      const aggregate = stageAggregate(doc, stage.id, def.key);
      const m = aggregate ? metricOf(def.key, aggregate.value) : null;
      return m ? [m] : [];
    });
    return {
      id: stage.id,
      label: stage.label,
      goal: stage.goal,
      color: stage.color,
      owner: owner?.kind === 'owner' ? { name: owner.name || owner.label, role: owner.role } : null,
      touchpoints,
      emotion: feelings.length > 0 ? round(feelings.reduce((a, b) => a + b, 0) / feelings.length) : null,
      metrics: metrics.slice(0, KEY_METRICS_PER_STAGE),
    };
  });
}
