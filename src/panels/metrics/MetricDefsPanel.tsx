// The "Metrics" sidebar tab: the map's metric definitions (each with its rule: which direction is
// better, the green and red thresholds, the valid range), colour the map by one, and (editors) add
// custom metrics, edit any, remove custom ones or reset a changed default.
import { memo, useState } from 'react';
import { useStore } from 'zustand';
import { Palette, Pencil, Plus, RotateCcw, Trash2 } from 'lucide-react';
import { DEFAULT_METRIC_DEFS, removeMetricDef, type MetricDef } from '../../model';
import { useMap } from '../../state/session';
import { useMetricText } from '../../state/metrics/format';
import { useUi } from '../../state/uiStore';
import { useT } from '../../i18n';
import { MetricDefForm } from './MetricDefForm';
import '../../ui/metrics.css';

const DEFAULTS = new Map(DEFAULT_METRIC_DEFS.map((d) => [d.key, d]));

/** A default definition someone changed (removing the stored copy brings the default back). */
function changedDefault(def: MetricDef): boolean {
  const d = DEFAULTS.get(def.key);
  const fields = ['label', 'unit', 'better', 'green', 'red', 'min', 'max', 'neutral'] as const;
  return d !== undefined && fields.some((f) => d[f] !== def[f]);
}

export const MetricDefsPanel = memo(function MetricDefsPanel() {
  const { doc, store, readOnly, run } = useMap();
  const t = useT();
  const text = useMetricText();
  const defs = useStore(store, (state) => state.metricDefs);
  const colorBy = useUi((state) => state.colorBy);
  const [form, setForm] = useState<{ editing?: MetricDef } | null>(null);
  const keys = new Set(defs.map((d) => d.key));
  const rule = (def: MetricDef) => {
    if (def.neutral) return [t('metrics.legend.neutral')];
    const higher = def.better === 'higher';
    const parts = [
      t(higher ? 'metrics.better.higher' : 'metrics.better.lower'),
      `${text.status('green')} ${higher ? '≥' : '≤'} ${text.value(def.green, def)}`,
      `${text.status('red')} ${higher ? '≤' : '≥'} ${text.value(def.red, def)}`,
    ];
    if (def.min !== undefined || def.max !== undefined)
      parts.push(
        t('metrics.defs.range', {
          min: def.min === undefined ? '−∞' : text.number(def.min),
          max: def.max === undefined ? '∞' : text.number(def.max),
        }),
      );
    return parts;
  };
  return (
    <aside className="data-panel" aria-label={t('metrics.panel')} data-testid="metrics-panel">
      <header className="data-panel-header">
        <h2>{t('metrics.panel')}</h2>
      </header>
      <div className="data-panel-body">
        <section>
          <p className="hint">{t('metrics.panelLead')}</p>
          <ul className="def-list">
            {defs.map((def) =>
              form?.editing?.key === def.key ? (
                <li key={def.key}>
                  <MetricDefForm editing={def} existingKeys={keys} onDone={() => setForm(null)} />
                </li>
              ) : (
                <li key={def.key} className="def-item" data-testid={`def-${def.key}`}>
                  <span>
                    <span className="def-item-name">{text.label(def)}</span>{' '}
                    {text.unit(def) && <span className="metric-row-unit">· {text.unit(def)}</span>}
                  </span>
                  <span className="def-item-actions">
                    <button
                      type="button"
                      className="icon-button"
                      aria-pressed={colorBy === def.key}
                      aria-label={t('metrics.defs.colourBy', { metric: text.label(def) })}
                      title={t('metrics.defs.colourBy', { metric: text.label(def) })}
                      onClick={() => useUi.getState().setColorBy(colorBy === def.key ? null : def.key)}
                    >
                      <Palette size={14} aria-hidden />
                    </button>
                    {!readOnly && (
                      <button
                        type="button"
                        className="icon-button"
                        aria-label={t('metrics.defs.edit', { metric: text.label(def) })}
                        title={t('metrics.defs.edit', { metric: text.label(def) })}
                        onClick={() => setForm({ editing: def })}
                      >
                        <Pencil size={14} aria-hidden />
                      </button>
                    )}
                    {!readOnly && !DEFAULTS.has(def.key) && (
                      <button
                        type="button"
                        className="icon-button"
                        aria-label={t('metrics.defs.remove', { metric: text.label(def) })}
                        title={t('metrics.defs.removeHint')}
                        onClick={() => run(() => removeMetricDef(doc, def.key))}
                      >
                        <Trash2 size={14} aria-hidden />
                      </button>
                    )}
                    {!readOnly && changedDefault(def) && (
                      <button
                        type="button"
                        className="icon-button"
                        aria-label={t('metrics.defs.reset', { metric: text.label(def) })}
                        title={t('metrics.defs.reset', { metric: text.label(def) })}
                        onClick={() => run(() => removeMetricDef(doc, def.key))}
                      >
                        <RotateCcw size={14} aria-hidden />
                      </button>
                    )}
                  </span>
                  <span className="def-item-rule">{rule(def).join(' · ')}</span>
                </li>
              ),
            )}
          </ul>
        </section>
        {!readOnly &&
          (form && !form.editing ? (
            <MetricDefForm existingKeys={keys} onDone={() => setForm(null)} />
          ) : (
            <button type="button" onClick={() => setForm({})}>
              <Plus size={15} aria-hidden /> {t('metrics.defs.addTitle')}
            </button>
          ))}
      </div>
    </aside>
  );
});
