// Critical touchpoints: where many customers meet a result far from its target, feeling bad (the
// model's impact). The first ones are also marked "critical" on the canvas; clicking shows one.
import { memo } from 'react';
import type { CriticalTouchpoint, JourneyNode, MetricDef } from '../../model';
import { useMap } from '../../canvas/mapContext';
import { showOnCanvas } from '../../canvas/metrics/canvasFocus';
import { CRITICAL_ON_CANVAS } from '../../canvas/metrics/metricsTracker';
import { useMetricText } from '../../canvas/metrics/format';
import { useT } from '../../i18n';

interface Props {
  critical: CriticalTouchpoint[];
  nodes: ReadonlyMap<string, JourneyNode>;
  defs: readonly MetricDef[];
}

export const CriticalList = memo(function CriticalList({ critical, nodes, defs }: Props) {
  const { store } = useMap();
  const t = useT();
  const text = useMetricText();
  if (critical.length === 0) return <p className="hint">{t('insight.criticalEmpty')}</p>;
  return (
    <>
      <p className="hint">{t('insight.criticalLead', { n: CRITICAL_ON_CANVAS })}</p>
      <ol className="insight-list" data-testid="critical">
        {critical.map((c, i) => {
          const def = defs.find((d) => d.key === c.driver);
          const stage = c.stageId ? nodes.get(c.stageId)?.label : undefined;
          return (
            <li key={c.touchpointId}>
              <button type="button" className="insight-item" onClick={() => showOnCanvas(store, [c.touchpointId])}>
                <span className="insight-item-title">
                  <span className="rank">{i + 1}</span> {c.label}
                </span>
                <span className="insight-item-meta">
                  {stage && <span>{stage}</span>}
                  {def && <span>{t('insight.gap', { metric: text.label(def), n: Math.round(c.distance * 100) })}</span>}
                  <span>{t(c.volumeKnown ? 'insight.volume' : 'insight.volumeUnknown', { n: text.number(c.volume) })}</span>
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
