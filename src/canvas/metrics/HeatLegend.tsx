// The legend of the colour-by metric: each status with its colour, icon, words and threshold numbers.
import { memo } from 'react';
import type { MetricDef } from '../../model';
import { useT } from '../../i18n';
import { heatStyle, legendRows, type LegendRow } from '../../state/metrics/heat';
import { useMetricText, type MetricText } from '../../state/metrics/format';

function rangeText(row: LegendRow, def: MetricDef, text: MetricText): string {
  const r = row.range;
  if (!r) return '';
  if (r.op === 'between') return `${text.value(r.from, def)} – ${text.value(r.to ?? r.from, def)}`;
  return `${r.op} ${text.value(r.from, def)}`;
}

export const HeatLegend = memo(function HeatLegend({ def }: { def: MetricDef }) {
  const t = useT();
  const text = useMetricText();
  const unit = text.unit(def);
  return (
    <section
      className="heat-legend"
      aria-label={t('metrics.legend.title', { metric: text.label(def) })}
      data-testid="heat-legend"
    >
      <p className="legend-title">
        <strong>{t('metrics.legend.title', { metric: text.label(def) })}</strong>
        <span className="legend-sub">
          {def.neutral
            ? t('metrics.legend.neutral')
            : t(def.better === 'higher' ? 'metrics.better.higher' : 'metrics.better.lower')}
          {unit ? ` · ${unit}` : ''}
        </span>
      </p>
      <ul>
        {legendRows(def).map((row) => {
          const style = heatStyle(row.status);
          return (
            <li key={row.status} data-status={row.status}>
              <span
                className={`legend-swatch is-${row.status}`}
                style={{ background: style.fill, color: style.text }}
                aria-hidden
              >
                {style.icon}
              </span>
              <span className="legend-status">{text.status(row.status)}</span>
              <span className="legend-range">{rangeText(row, def, text)}</span>
            </li>
          );
        })}
      </ul>
    </section>
  );
});
