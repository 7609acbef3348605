// The first rows of a contact log as the server will read them, each activity checked against the
// map's touchpoints (by id, or by label trimmed and case-insensitively) and each time parsed.
import { useMemo } from 'react';
import { useStore } from 'zustand';
import type { ParsedCsv } from '../../model';
import { useMap } from '../../state/session';
import { useT } from '../../i18n';
import { LOG_FIELDS, type LogField, type LogMapping } from './contactLog';

const PREVIEW_ROWS = 6;

export function LogPreview({ csv, mapping }: { csv: ParsedCsv; mapping: LogMapping }) {
  const t = useT();
  const { store } = useMap();
  const nodes = useStore(store, (state) => state.modelNodes);
  const touchpoints = useMemo(() => {
    const byKey = new Map<string, string>();
    for (const node of nodes.values()) {
      if (node.kind !== 'touchpoint') continue;
      byKey.set(node.id, node.label);
      byKey.set(node.label.trim().toLowerCase(), node.label);
    }
    return byKey;
  }, [nodes]);
  const cell = (row: readonly string[], field: LogField) =>
    mapping[field] === null ? '' : (row[mapping[field]] ?? '').trim();
  const rows = csv.rows.slice(0, PREVIEW_ROWS);
  return (
    <table className="csv-columns" data-testid="contact-log-preview">
      <caption className="field-hint">{t('observed.import.preview', { n: rows.length })}</caption>
      <thead>
        <tr>
          {LOG_FIELDS.map((field) => (
            <th key={field}>{t(`observed.field.${field}`)}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row, i) => {
          const activity = cell(row, 'touchpoint');
          const match = touchpoints.get(activity) ?? touchpoints.get(activity.toLowerCase());
          const at = cell(row, 'at');
          const badTime = at !== '' && Number.isNaN(Date.parse(at));
          return (
            <tr key={i}>
              <td>{cell(row, 'customer') || <em className="metric-error">{t('observed.import.noCustomer')}</em>}</td>
              <td className={badTime ? 'metric-error' : undefined}>
                {at}
                {badTime ? ` · ${t('observed.import.badTime')}` : ''}
              </td>
              <td>
                {match ? (
                  `✓ ${match}`
                ) : (
                  <span className="observed-unmapped-tag">{t('observed.import.unmappedTag', { activity })}</span>
                )}
              </td>
              <td>{cell(row, 'channel')}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
