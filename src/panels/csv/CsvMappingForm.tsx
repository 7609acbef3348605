// How the CSV's columns map onto the map: which column names the nodes (by id or by label), which
// holds the date, which hold which metric, and the decimal mark. Prefilled by suggestCsvMapping.
import type { CsvMapping, MetricDef, ParsedCsv } from '../../model';
import { useT } from '../../i18n';
import { useMetricText } from '../../state/metrics/format';
import { Field } from '../../ui/fields';

interface Props {
  csv: ParsedCsv;
  mapping: CsvMapping;
  defs: readonly MetricDef[];
  onChange: (mapping: CsvMapping) => void;
}

/** The first non-empty cell of a column, as a hint of what it holds. */
function sample(csv: ParsedCsv, column: number): string {
  for (const row of csv.rows.slice(0, 50)) {
    const cell = (row[column] ?? '').trim();
    if (cell) return cell;
  }
  return '';
}

/** Column `column` no longer holds a metric (it became the node or date column). */
const withoutColumn = (mapping: CsvMapping, column: number): CsvMapping['metricColumns'] =>
  mapping.metricColumns.filter((mc) => mc.column !== column);

export function CsvMappingForm({ csv, mapping, defs, onChange }: Props) {
  const t = useT();
  const text = useMetricText();
  const columnName = (i: number) => csv.headers[i] || t('csv.columnN', { n: i + 1 });
  const metricOf = (column: number) => mapping.metricColumns.find((mc) => mc.column === column)?.key ?? '';
  const setMetric = (column: number, key: string) => {
    // a metric comes from one column: choosing it here frees the column that had it
    const rest = mapping.metricColumns.filter((mc) => mc.column !== column && mc.key !== key);
    const metricColumns = key ? [...rest, { column, key }].sort((a, b) => a.column - b.column) : rest;
    onChange({ ...mapping, metricColumns });
  };
  const decimalComma = mapping.decimalComma ?? csv.delimiter === ';';
  const columns = csv.headers.map((_, i) => i).filter((i) => i !== mapping.nodeColumn && i !== mapping.dateColumn);
  return (
    <>
      <div className="csv-mapping">
        <Field label={t('csv.nodeColumn')}>
          {(id) => (
            <select
              id={id}
              value={mapping.nodeColumn}
              onChange={(e) => {
                const nodeColumn = Number(e.target.value);
                onChange({
                  ...mapping,
                  nodeColumn,
                  metricColumns: withoutColumn(mapping, nodeColumn),
                  ...(mapping.dateColumn === nodeColumn ? { dateColumn: undefined } : {}),
                });
              }}
            >
              {csv.headers.map((_, i) => (
                <option key={i} value={i}>
                  {columnName(i)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('csv.match')}>
          {(id) => (
            <select
              id={id}
              value={mapping.match}
              onChange={(e) => onChange({ ...mapping, match: e.target.value === 'id' ? 'id' : 'label' })}
            >
              <option value="label">{t('csv.matchLabel')}</option>
              <option value="id">{t('csv.matchId')}</option>
            </select>
          )}
        </Field>
        <Field label={t('csv.dateColumn')}>
          {(id) => (
            <select
              id={id}
              value={mapping.dateColumn ?? ''}
              onChange={(e) => {
                const value = e.target.value;
                if (value === '') return onChange({ ...mapping, dateColumn: undefined });
                const dateColumn = Number(value);
                onChange({ ...mapping, dateColumn, metricColumns: withoutColumn(mapping, dateColumn) });
              }}
            >
              <option value="">{t('csv.noDate')}</option>
              {csv.headers.map((_, i) =>
                i === mapping.nodeColumn ? null : (
                  <option key={i} value={i}>
                    {columnName(i)}
                  </option>
                ),
              )}
            </select>
          )}
        </Field>
        <Field
          label={t('csv.decimal')}
          hint={t('csv.delimiter', { d: csv.delimiter === '\t' ? 'Tab' : csv.delimiter })}
        >
          {(id) => (
            <select
              id={id}
              value={decimalComma ? 'comma' : 'point'}
              onChange={(e) => onChange({ ...mapping, decimalComma: e.target.value === 'comma' })}
            >
              <option value="point">{t('csv.decimalPoint')}</option>
              <option value="comma">{t('csv.decimalComma')}</option>
            </select>
          )}
        </Field>
      </div>
      <table className="csv-columns">
        <thead>
          <tr>
            <th>{t('csv.column')}</th>
            <th>{t('csv.sample')}</th>
            <th>{t('csv.metric')}</th>
          </tr>
        </thead>
        <tbody>
          {columns.map((i) => (
            <tr key={i}>
              <td>{columnName(i)}</td>
              <td className="sample">{sample(csv, i)}</td>
              <td>
                <select
                  aria-label={t('csv.metricFor', { column: columnName(i) })}
                  value={metricOf(i)}
                  onChange={(e) => setMetric(i, e.target.value)}
                >
                  <option value="">{t('csv.ignore')}</option>
                  {defs.map((def) => (
                    <option key={def.key} value={def.key}>
                      {text.label(def)}
                    </option>
                  ))}
                </select>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
