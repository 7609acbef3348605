// The needs × channels matrix: one row per need with its coverage, one column per channel (with the
// persona's preference when one is chosen). Status and preference read as icon + word, never colour alone.
import { memo } from 'react';
import type { NeedCoverage, NeedsMatrix } from '../../model';
import { useT, type MessageKey } from '../../i18n';

const STATUS_ICON: Record<NeedCoverage, string> = { covered: '✓', avoidedOnly: '!', uncovered: '✕' };
export const PREF_ICON = { preferred: '♥', acceptable: '○', avoided: '⊘' } as const;

export const NeedsMatrixView = memo(function NeedsMatrixView({ matrix }: { matrix: NeedsMatrix }) {
  const t = useT();
  if (matrix.channels.length === 0) return <p className="hint">{t('census.noChannels')}</p>;
  if (matrix.needs.length === 0) return <p className="hint">{t('census.noNeeds')}</p>;
  return (
    <div className="insight-table-wrap">
      <table className="insight-table needs-matrix" data-testid="needs-matrix">
        <thead>
          <tr>
            <th scope="col">{t('census.need')}</th>
            {matrix.channels.map((c) => {
              const pref = c.preference ? t(`census.pref.${c.preference}` as MessageKey) : null;
              return (
                <th key={c.id} scope="col" title={pref ? `${c.label}: ${pref}` : c.label}>
                  {c.preference && (
                    <span className={`pref-mark is-${c.preference}`} aria-label={pref ?? undefined}>
                      {PREF_ICON[c.preference]}
                    </span>
                  )}{' '}
                  {c.label}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {matrix.needs.map((need, ni) => (
            <tr key={need.id} data-status={need.status}>
              <th scope="row">
                <span className={`coverage is-${need.status}`}>
                  <span aria-hidden>{STATUS_ICON[need.status]}</span> {t(`census.status.${need.status}` as MessageKey)}
                </span>
                {need.weight !== null && (
                  <span className="muted small"> {t('census.weight', { weight: need.weight })}</span>
                )}
                <span className="need-name">{need.label}</span>
              </th>
              {matrix.channels.map((c, ci) => {
                const cell = matrix.cells[ni]?.[ci] ?? null;
                const words = cell
                  ? cell.byChannel
                    ? t('census.cell.channel', { channel: c.label, need: need.label })
                    : t('census.cell.touchpoints', {
                        channel: c.label,
                        need: need.label,
                        count: cell.touchpointIds.length,
                      })
                  : t('census.cell.none', { channel: c.label, need: need.label });
                const avoided = cell && c.preference === 'avoided';
                return (
                  <td
                    key={c.id}
                    className={cell ? (avoided ? 'is-avoided' : 'is-count') : 'is-empty'}
                    title={words}
                    aria-label={words}
                  >
                    {cell ? (cell.byChannel ? '●' : cell.touchpointIds.length) : '·'}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
});
