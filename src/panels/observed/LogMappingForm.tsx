// The contact log's column mapping: which column holds the customer, the time, the touchpoint and
// the channel; the other columns are listed as the attributes they become.
import type { ParsedCsv } from '../../model';
import { useT } from '../../i18n';
import { Field } from '../../ui/fields';
import { LOG_FIELDS, type LogField, type LogMapping } from './contactLog';

export function LogMappingForm({
  csv,
  mapping,
  onChange,
}: {
  csv: ParsedCsv;
  mapping: LogMapping;
  onChange: (mapping: LogMapping) => void;
}) {
  const t = useT();
  const columnName = (i: number) => csv.headers[i] || t('csv.columnN', { n: i + 1 });
  const choose = (field: LogField, value: string) => {
    const column = value === '' ? null : Number(value);
    const next = { ...mapping, [field]: column };
    // a column feeds one field: choosing it here frees the field that had it
    for (const other of LOG_FIELDS)
      if (other !== field && column !== null && next[other] === column) next[other] = null;
    onChange(next);
  };
  const mapped = new Set(LOG_FIELDS.map((f) => mapping[f]));
  const attributes = csv.headers.filter((_, i) => !mapped.has(i)).map((_, i) => i);
  return (
    <>
      <p className="field-hint">
        {t('observed.import.lead', {
          columns: csv.headers.length,
          delimiter: csv.delimiter === '\t' ? 'Tab' : csv.delimiter,
        })}
      </p>
      <div className="csv-mapping">
        {LOG_FIELDS.map((field) => (
          <Field key={field} label={t(`observed.field.${field}`)}>
            {(id) => (
              <select
                id={id}
                value={mapping[field] ?? ''}
                onChange={(e) => choose(field, e.target.value)}
                data-testid={`log-column-${field}`}
              >
                <option value="">
                  {field === 'channel' ? t('observed.import.noChannel') : t('observed.import.choose')}
                </option>
                {csv.headers.map((_, i) => (
                  <option key={i} value={i}>
                    {columnName(i)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        ))}
      </div>
      {attributes.length > 0 && (
        <p className="field-hint">
          {t('observed.import.attributes', {
            names: csv.headers
              .map((h, i) => (mapped.has(i) ? null : h || columnName(i)))
              .filter(Boolean)
              .join(', '),
          })}
        </p>
      )}
    </>
  );
}
