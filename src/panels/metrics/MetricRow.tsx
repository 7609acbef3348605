// One metric of the selected node: value with status, target, source and time, a sparkline of its
// history, and fields to set the value (source 'manual') and the target.
import { memo } from 'react';
import { X } from 'lucide-react';
import { clearMetricValue, setMetricTarget, setMetricValue, type Metric, type MetricDef } from '../../model';
import { useMap } from '../../state/session';
import { HeatChip } from '../../ui/HeatChip';
import { Sparkline } from '../../ui/Sparkline';
import { useMetricText } from '../../state/metrics/format';
import { statusOf } from '../../state/metrics/metricViews';
import { useT, type MessageKey } from '../../i18n';
import { NumberInput } from '../../ui/NumberInput';
import { useMetricCommand } from './useMetricCommand';

const SOURCE_KEYS: Record<Metric['source'], MessageKey> = {
  manual: 'metrics.source.manual',
  csv: 'metrics.source.csv',
  api: 'metrics.source.api',
};

export const MetricRow = memo(function MetricRow({
  nodeId,
  def,
  metric,
}: {
  nodeId: string;
  def: MetricDef;
  metric: Metric;
}) {
  const { doc, readOnly } = useMap();
  const t = useT();
  const text = useMetricText();
  const { error, inRange, attempt, notANumber } = useMetricCommand();
  const label = text.label(def);
  const unit = text.unit(def);
  const when = metric.updatedAt ? text.when(metric.updatedAt) : '';
  const values = metric.history.map((p) => p.value);
  const historyLabel =
    values.length > 1
      ? t('metrics.history', {
          n: values.length,
          min: text.value(Math.min(...values), def),
          max: text.value(Math.max(...values), def),
        })
      : '';

  const setValue = (value: number | null) => {
    if (value === null || !inRange(def, value)) return;
    attempt(() => setMetricValue(doc, { nodeId, key: def.key, value, source: 'manual' }));
  };
  const setTarget = (target: number | null) => {
    if (target !== null && !inRange(def, target)) return;
    attempt(() => setMetricTarget(doc, nodeId, def.key, target));
  };

  return (
    <li className="metric-row" data-testid={`metric-${def.key}`}>
      <div className="metric-row-head">
        <span className="metric-row-name">{label}</span>
        {unit && <span className="metric-row-unit">{unit}</span>}
      </div>
      <Sparkline points={metric.history} label={historyLabel} />
      <div className="metric-row-head">
        <HeatChip heat={{ def, value: metric.value, status: statusOf(def, metric.value) }} showLabel={false} />
        {metric.target !== undefined && (
          <span className="metric-row-unit">{t('metrics.targetIs', { value: text.value(metric.target, def) })}</span>
        )}
      </div>
      <span className="metric-row-meta">
        {metric.value !== null
          ? t('metrics.sourceAt', { source: t(SOURCE_KEYS[metric.source]), when })
          : t('metrics.noValue')}
      </span>
      {!readOnly && (
        <div className="metric-row-inputs">
          <label>
            {t('metrics.value')}
            <NumberInput
              value={metric.value}
              label={t('metrics.valueOf', { metric: label })}
              onCommit={setValue}
              onInvalid={notANumber}
              testId={`metric-value-${def.key}`}
            />
          </label>
          <label>
            {t('metrics.target')}
            <NumberInput
              value={metric.target ?? null}
              label={t('metrics.targetOf', { metric: label })}
              onCommit={setTarget}
              onInvalid={notANumber}
              placeholder="—"
            />
          </label>
          <button
            type="button"
            className="icon-button"
            aria-label={t('metrics.clear', { metric: label })}
            title={t('metrics.clear', { metric: label })}
            onClick={() => attempt(() => clearMetricValue(doc, nodeId, def.key))}
          >
            <X size={15} aria-hidden />
          </button>
        </div>
      )}
      {error && (
        <p className="metric-error" role="alert">
          {error}
        </p>
      )}
    </li>
  );
});
