// Row problems of a CSV import in the reader's language, from the model's reason codes and the
// cells themselves (the model's own messages are English, for logs and the API).
import type { CsvMapping, CsvRowError, MetricDef, ParsedCsv } from '../../model';
import type { Translate } from '../../i18n';
import type { MetricText } from '../../state/metrics/format';

export function rowErrorText(
  error: CsvRowError,
  csv: ParsedCsv,
  mapping: CsvMapping,
  defs: ReadonlyMap<string, MetricDef>,
  t: Translate,
  text: MetricText,
): string {
  const cell = (csv.rows[error.row - 2]?.[error.column] ?? '').trim();
  const column = csv.headers[error.column] || t('csv.columnN', { n: error.column + 1 });
  switch (error.reason) {
    case 'unknown-node':
      if (cell === '') return t('csv.err.noNode');
      return t(mapping.match === 'id' ? 'csv.err.unknownId' : 'csv.err.unknownLabel', { name: cell });
    case 'ambiguous-label':
      return t('csv.err.ambiguous', { name: cell });
    case 'not-a-number':
      return t('csv.err.notNumber', { column, text: cell });
    case 'out-of-range': {
      const key = mapping.metricColumns.find((mc) => mc.column === error.column)?.key;
      const def = key === undefined ? undefined : defs.get(key);
      const bound = (v: number | undefined, open: string) => (v === undefined ? open : text.number(v));
      return t('csv.err.outOfRange', { column, text: cell, min: bound(def?.min, '−∞'), max: bound(def?.max, '∞') });
    }
    case 'bad-date':
      return t('csv.err.badDate', { text: cell });
    default:
      return error.message;
  }
}
