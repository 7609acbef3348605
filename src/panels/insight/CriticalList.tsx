// Critical touchpoints: where many customers meet a result far from its target, feeling bad (the
// model's impact). The first ones are also marked "critical" on the canvas; clicking shows one.
import { memo } from 'react';
import type { CriticalTouchpoint, JourneyNode, MetricDef } from '../../model';
import { useMap } from '../../state/session';
import { showOnCanvas } from '../../state/showOnCanvas';
import { CRITICAL_ON_CANVAS } from '../../state/metrics/metricsTracker';
import { useMetricText } from '../../state/metrics/format';
import type { NodeMetrics } from '../../state/metrics/metricViews';
import { useT } from '../../i18n';

interface Props {
  critical: CriticalTouchpoint[];
  nodes: ReadonlyMap<string, JourneyNode>;
  defs: readonly MetricDef[];
  nodeMetrics: ReadonlyMap<string, NodeMetrics>;
}

/** The value that put the touchpoint on the list and the target it misses (CSAT falls back to its green threshold). */
function shortfall(c: CriticalTouchpoint, def: MetricDef | undefined, metrics: NodeMetrics | undefined) {
  const metric = c.driver === null ? undefined : metrics?.[c.driver];
  const target = metric?.target ?? (c.driver === 'csat' ? def?.green : undefined);
  return def && metric && metric.value !== null && target !== undefined ? { def, value: metric.value, target } : null;
}

export const CriticalList = memo(function CriticalList({ critical, nodes, defs, nodeMetrics }: Props) {
  const { store } = useMap();
  const t = useT();
  const text = useMetricText();
  if (critical.length === 0) return <p className="hint">{t('insight.criticalEmpty')}</p>;
  return (
    <>
      <p className="hint">{t('insight.criticalLead', { n: CRITICAL_ON_CANVAS })}</p>
      <ol className="insight-list" data-testid="critical">
        {critical.map((c, i) => {
          const gap = shortfall(
            c,
            defs.find((d) => d.key === c.driver),
            nodeMetrics.get(c.touchpointId),
          );
          const stage = c.stageId ? nodes.get(c.stageId)?.label : undefined;
          return (
            <li key={c.touchpointId}>
              <button type="button" className="insight-item" onClick={() => showOnCanvas(store, [c.touchpointId])}>
                <span className="insight-item-title">
                  <span className="rank">{i + 1}</span> {c.label}
                </span>
                <span className="insight-item-meta">
                  {stage && <span>{stage}</span>}
                  {gap && (
                    <span>
                      {t('insight.gap', {
                        metric: text.label(gap.def),
                        value: text.value(gap.value, gap.def),
                        target: text.value(gap.target, gap.def),
                      })}
                    </span>
                  )}
                  <span>
                    {t(c.volumeKnown ? 'insight.volume' : 'insight.volumeUnknown', { n: text.number(c.volume) })}
                  </span>
                  <span>{t('insight.emotion', { n: c.emotion > 0 ? `+${c.emotion}` : c.emotion })}</span>
                </span>
              </button>
            </li>
          );
        })}
      </ol>
    </>
  );
});
