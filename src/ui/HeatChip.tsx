// The canvas's metric marks: a heat chip (icon, number and status words on the heat colour), a key
// metric badge (number and a status icon) and the "critical" badge. Colour never stands alone.
import { memo } from 'react';
import { Siren } from 'lucide-react';
import { HEAT_PALETTE } from '../model';
import { useT } from '../i18n';
import { heatStyle } from '../state/metrics/heat';
import { useMetricText } from '../state/metrics/format';
import type { HeatView, MetricBadgeView, NodeMetricView } from '../state/metrics/metricViews';
import './metrics.css';

export const HeatChip = memo(function HeatChip({ heat, showLabel = true }: { heat: HeatView; showLabel?: boolean }) {
  const text = useMetricText();
  const t = useT();
  const style = heatStyle(heat.status);
  const label = text.label(heat.def);
  const value = heat.value === null ? null : text.value(heat.value, heat.def);
  const status = text.status(heat.status);
  const how = aggregateText(t, heat.aggregate);
  return (
    <span
      className={`heat-chip is-${heat.status}`}
      style={{ background: style.fill, color: style.text }}
      data-status={heat.status}
      title={`${label}: ${value ?? status} · ${status}${how}`}
    >
      <span className="heat-icon" aria-hidden>
        {style.icon}
      </span>
      {showLabel && <span className="heat-label">{label}</span>}
      {value !== null && <span className="heat-value">{value}</span>}
      <span className="visually-hidden">{status}</span>
    </span>
  );
});

/** How a stage's number was made, for its tooltip. */
function aggregateText(t: ReturnType<typeof useT>, agg: HeatView['aggregate']): string {
  if (!agg) return '';
  return ` · ${t(agg.mode === 'sum' ? 'metrics.aggregate.sum' : agg.weighted ? 'metrics.aggregate.weighted' : 'metrics.aggregate.mean', { n: agg.count })}`;
}

export const MetricBadge = memo(function MetricBadge({ badge }: { badge: MetricBadgeView }) {
  const text = useMetricText();
  const t = useT();
  const style = HEAT_PALETTE[badge.status];
  const label = text.label(badge.def);
  const status = text.status(badge.status);
  return (
    <span
      className={`metric-badge is-${badge.status}`}
      data-status={badge.status}
      title={`${label}: ${text.value(badge.value, badge.def)} · ${status}${aggregateText(t, badge.aggregate)}`}
    >
      <span className="metric-badge-icon" style={{ background: style.fill, color: style.text }} aria-hidden>
        {style.icon}
      </span>
      <span className="metric-badge-label">{label}</span>
      <strong>{text.value(badge.value, badge.def)}</strong>
      <span className="visually-hidden">{status}</span>
    </span>
  );
});

export function CriticalBadge({ rank }: { rank: number }) {
  const t = useT();
  return (
    <span className="critical-badge" title={t('metrics.critical.hint', { n: rank })} data-testid="critical-badge">
      <Siren size={11} aria-hidden /> {t('metrics.critical.badge', { n: rank })}
    </span>
  );
}

/** The class names a node gets while a metric colours the map. */
export function heatClass(metrics: NodeMetricView | undefined): string {
  return metrics?.heat ? `has-heat heat-${metrics.heat.status}` : '';
}

/** The heat colour as a CSS variable for the node's ring. */
export function heatVars(metrics: NodeMetricView | undefined): Record<string, string> {
  return metrics?.heat ? { ['--heat-fill']: heatStyle(metrics.heat.status).fill } : {};
}

/** A stage header's number: the colour-by metric's heat, else its touchpoints' first key metric. */
export function StageMetric({ metrics }: { metrics: NodeMetricView | undefined }) {
  if (metrics?.heat) return <HeatChip heat={metrics.heat} />;
  const badge = metrics?.badges[0];
  return badge ? <MetricBadge badge={badge} /> : null;
}

/** A touchpoint card's metric row: critical badge, the colour-by metric, then the key metrics. */
export const CardMetrics = memo(function CardMetrics({ metrics }: { metrics: NodeMetricView | undefined }) {
  if (!metrics) return null;
  const { heat, critical } = metrics;
  const badges = heat ? metrics.badges.filter((b) => b.def.key !== heat.def.key) : metrics.badges;
  if (!heat && badges.length === 0 && critical === null) return null;
  return (
    <div className="card-metrics" data-testid="card-metrics">
      {critical !== null && <CriticalBadge rank={critical} />}
      {heat && <HeatChip heat={heat} />}
      {badges.map((badge) => (
        <MetricBadge key={badge.def.key} badge={badge} />
      ))}
    </div>
  );
});
