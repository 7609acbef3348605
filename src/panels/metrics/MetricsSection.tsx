// The inspector's "Metrics" section for a touchpoint, channel or stage: each metric it has (value,
// status, target, source, time, history) and a row to add a value by hand. Stages also show the
// aggregate of their touchpoints (the number in their header when the map is coloured by it).
import { memo, useMemo, useState } from 'react';
import { useStore } from 'zustand';
import { Plus } from 'lucide-react';
import { parseNumber, setMetricValue, stageAggregate, type MetricDef } from '../../model';
import { useMap } from '../../state/session';
import { HeatChip } from '../../ui/HeatChip';
import { useMetricText } from '../../state/metrics/format';
import { NO_METRICS, stageHeat } from '../../state/metrics/metricViews';
import { useT } from '../../i18n';
import { MetricRow } from './MetricRow';
import { useMetricCommand } from './useMetricCommand';
import '../../ui/metrics.css';

export const MetricsSection = memo(function MetricsSection({
  nodeId,
  kind,
}: {
  nodeId: string;
  kind: 'touchpoint' | 'channel' | 'stage';
}) {
  const { store, readOnly } = useMap();
  const t = useT();
  const defs = useStore(store, (state) => state.metricDefs);
  const metrics = useStore(store, (state) => state.nodeMetrics.get(nodeId)) ?? NO_METRICS;
  const shown = defs.filter((def) => metrics[def.key]);
  const missing = defs.filter((def) => !metrics[def.key]);
  return (
    <section className="inspector-section metrics-section" data-testid="metrics-section">
      <h3>{t('metrics.section')}</h3>
      {shown.length === 0 && <p className="field-hint">{t(readOnly ? 'metrics.noneYetViewer' : 'metrics.noneYet')}</p>}
      <ul className="metric-rows">
        {shown.map((def) => {
          const metric = metrics[def.key];
          return metric ? <MetricRow key={def.key} nodeId={nodeId} def={def} metric={metric} /> : null;
        })}
      </ul>
      {!readOnly && missing.length > 0 && <AddMetric nodeId={nodeId} defs={missing} />}
      {kind === 'stage' && <StageAggregates stageId={nodeId} defs={defs} />}
    </section>
  );
});

function AddMetric({ nodeId, defs }: { nodeId: string; defs: MetricDef[] }) {
  const { doc } = useMap();
  const t = useT();
  const text = useMetricText();
  const [key, setKey] = useState(defs[0]?.key ?? '');
  const [draft, setDraft] = useState('');
  const { error, setError, inRange, attempt, notANumber } = useMetricCommand();
  const def = defs.find((d) => d.key === key) ?? defs[0];
  const add = () => {
    if (!def) return;
    if (draft.trim() === '') return setError(t('metrics.err.needValue'));
    const value = parseNumber(draft, { decimalComma: text.language === 'it' });
    if (value === null) return notANumber(draft.trim());
    if (!inRange(def, value)) return;
    if (attempt(() => setMetricValue(doc, { nodeId, key: def.key, value, source: 'manual' }))) setDraft('');
  };
  return (
    <>
      <div className="metric-add">
        <select
          aria-label={t('metrics.addWhich')}
          value={def?.key ?? ''}
          onChange={(event) => setKey(event.target.value)}
        >
          {defs.map((d) => (
            <option key={d.key} value={d.key}>
              {text.label(d)}
            </option>
          ))}
        </select>
        <input
          aria-label={t('metrics.addValue')}
          inputMode="decimal"
          placeholder={t('metrics.value')}
          value={draft}
          onChange={(event) => setDraft(event.target.value)}
          onKeyDown={(event) => event.key === 'Enter' && add()}
        />
        <button type="button" onClick={add}>
          <Plus size={15} aria-hidden /> {t('metrics.add')}
        </button>
      </div>
      {error && (
        <p className="metric-error" role="alert">
          {error}
        </p>
      )}
    </>
  );
}

/** The stage's touchpoints' aggregate of every metric some of them have (stageAggregate). */
function StageAggregates({ stageId, defs }: { stageId: string; defs: MetricDef[] }) {
  const { doc, store } = useMap();
  const t = useT();
  const text = useMetricText();
  const nodeMetrics = useStore(store, (state) => state.nodeMetrics);
  const modelNodes = useStore(store, (state) => state.modelNodes);
  const rows = useMemo(
    () =>
      defs
        .map((def) => ({ def, aggregate: stageAggregate(doc, stageId, def.key) }))
        .filter((r) => r.aggregate !== null),
    // nodeMetrics and modelNodes: recompute when values or stage membership change
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [doc, stageId, defs, nodeMetrics, modelNodes],
  );
  if (rows.length === 0) return null;
  return (
    <div className="stage-aggregates">
      <h3>{t('metrics.fromTouchpoints')}</h3>
      <ul className="metric-rows">
        {rows.map(({ def, aggregate }) => (
          <li key={def.key} className="metric-row">
            <div className="metric-row-head">
              <span className="metric-row-name">{text.label(def)}</span>
            </div>
            <HeatChip heat={stageHeat(def, aggregate, NO_METRICS)} showLabel={false} />
            <span className="metric-row-meta">
              {t(
                aggregate?.mode === 'sum'
                  ? 'metrics.aggregate.sum'
                  : aggregate?.weighted
                    ? 'metrics.aggregate.weighted'
                    : 'metrics.aggregate.mean',
                { n: aggregate?.count ?? 0 },
              )}
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
