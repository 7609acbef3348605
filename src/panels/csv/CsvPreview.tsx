// The preview of a CSV import: how many values are ready, every row problem (unknown node, not a
// number, out of range, bad date) and a sample of what will be written.
import { CircleCheck, CircleAlert } from 'lucide-react';
import type { CsvImportPlan, CsvMapping, JourneyNode, MetricDef, ParsedCsv } from '../../model';
import { useT } from '../../i18n';
import { useMetricText } from '../../state/metrics/format';
import { rowErrorText } from './csvMessages';

const ERRORS_SHOWN = 100;
const SAMPLE_ROWS = 8;

interface Props {
  csv: ParsedCsv;
  mapping: CsvMapping;
  plan: CsvImportPlan;
  defs: ReadonlyMap<string, MetricDef>;
  nodes: ReadonlyMap<string, JourneyNode>;
}

export function CsvPreview({ csv, mapping, plan, defs, nodes }: Props) {
  const t = useT();
  const text = useMetricText();
  const rows = new Set(plan.items.map((item) => item.row)).size;
  const date = (at: string | undefined) => (at ? text.when(at) : '—');
  return (
    <section aria-label={t('csv.preview')} data-testid="csv-preview">
      <div className="csv-summary">
        <span className="summary-pill is-ok">
          <CircleCheck size={14} aria-hidden /> {t('csv.ready', { values: plan.items.length, rows })}
        </span>
        {plan.errors.length > 0 && (
          <span className="summary-pill is-error">
            <CircleAlert size={14} aria-hidden /> {t('csv.problems', { n: plan.errors.length })}
          </span>
        )}
      </div>
      {plan.errors.length > 0 && (
        <>
          <h3 className="small">{t('csv.problemsTitle')}</h3>
          <ul className="csv-errors" data-testid="csv-errors">
            {plan.errors.slice(0, ERRORS_SHOWN).map((error, i) => (
              <li key={`${error.row}-${error.column}-${i}`}>
                <span className="row-no">{error.row > 1 ? t('csv.row', { n: error.row }) : t('csv.header')}</span>
                <span>{rowErrorText(error, csv, mapping, defs, t, text)}</span>
              </li>
            ))}
            {plan.errors.length > ERRORS_SHOWN && (
              <li>{t('csv.moreProblems', { n: plan.errors.length - ERRORS_SHOWN })}</li>
            )}
          </ul>
        </>
      )}
      {plan.items.length > 0 && (
        <>
          <h3 className="small">{t('csv.sampleTitle')}</h3>
          <table className="csv-preview">
            <thead>
              <tr>
                <th>{t('csv.rowHead')}</th>
                <th>{t('csv.node')}</th>
                <th>{t('csv.metric')}</th>
                <th>{t('csv.value')}</th>
                <th>{t('csv.date')}</th>
              </tr>
            </thead>
            <tbody>
              {plan.items.slice(0, SAMPLE_ROWS).map((item) => {
                const def = defs.get(item.key);
                return (
                  <tr key={`${item.row}-${item.key}`}>
                    <td>{item.row}</td>
                    <td>{nodes.get(item.nodeId)?.label ?? item.nodeId}</td>
                    <td>{def ? text.label(def) : item.key}</td>
                    <td className="num">{text.value(item.value, def)}</td>
                    <td>{date(item.at)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          {plan.items.length > SAMPLE_ROWS && (
            <p className="field-hint">{t('csv.moreValues', { n: plan.items.length - SAMPLE_ROWS })}</p>
          )}
        </>
      )}
    </section>
  );
}
