// What the server did with a contact log: contacts imported, rejected, already there, unmapped, and
// the rows it refused with their reasons.
import { CircleCheck } from 'lucide-react';
import type { ImportResult } from '../../sync/observedApi';
import { useT } from '../../i18n';

export function ImportSummary({ result }: { result: ImportResult }) {
  const t = useT();
  return (
    <div className="observed-import-result" data-testid="contact-log-result">
      <div className="csv-state" role="status">
        <CircleCheck size={28} color="#1f7a4d" aria-hidden />
        <strong>{t('observed.import.accepted', { n: result.accepted })}</strong>
        <span>
          {t('observed.import.counts', {
            rejected: result.rejected,
            duplicates: result.duplicates,
            unmapped: result.unmapped,
          })}
        </span>
      </div>
      {result.errors.length > 0 && (
        <table className="csv-columns" data-testid="contact-log-errors">
          <caption className="field-hint">{t('observed.import.errors', { n: result.errors.length })}</caption>
          <thead>
            <tr>
              <th>{t('observed.import.row')}</th>
              <th>{t('observed.import.reason')}</th>
            </tr>
          </thead>
          <tbody>
            {result.errors.map((error) => (
              <tr key={`${error.row}:${error.reason}`}>
                <td>{error.row}</td>
                <td>{error.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
