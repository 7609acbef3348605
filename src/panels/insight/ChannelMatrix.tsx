// Channel inventory: channels × stages with touchpoint counts, physical vs digital, the needs each
// channel serves, stages no channel covers and channels used across many stages.
import { memo } from 'react';
import { Cpu, Footprints, TriangleAlert } from 'lucide-react';
import type { ChannelInventory } from '../../model';
import { useT } from '../../i18n';
import { PREF_ICON } from '../census/NeedsMatrixView';

const capital = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

export const ChannelMatrix = memo(function ChannelMatrix({ inventory }: { inventory: ChannelInventory }) {
  const t = useT();
  const { stages, channels, matrix, byType, uncoveredStages, multiStageChannels, touchpointsWithoutChannel } =
    inventory;
  if (stages.length === 0 || channels.length === 0) return <p className="hint">{t('insight.inventoryEmpty')}</p>;
  const uncovered = new Set(uncoveredStages);
  const label = (id: string) =>
    stages.find((s) => s.id === id)?.label ?? channels.find((c) => c.id === id)?.label ?? id;
  return (
    <>
      <div className="insight-table-wrap">
        <table className="insight-table" data-testid="channel-matrix">
          <thead>
            <tr>
              <th scope="col">{t('insight.channel')}</th>
              {stages.map((s) => (
                <th key={s.id} scope="col" title={uncovered.has(s.id) ? t('insight.uncoveredHint') : undefined}>
                  {uncovered.has(s.id) && <TriangleAlert size={11} aria-label={t('insight.uncovered')} />} {s.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {channels.map((c, ci) => (
              <tr key={c.id}>
                <th scope="row">
                  {c.label}{' '}
                  <span className="type-tag">
                    {c.type === 'physical' ? <Footprints size={10} aria-hidden /> : <Cpu size={10} aria-hidden />}
                    {t(c.type === 'physical' ? 'channel.physical' : 'channel.digital')}
                  </span>
                  <PersonaLean preferred={c.preferredBy} avoided={c.avoidedBy} />
                </th>
                {stages.map((s, si) => {
                  const n = matrix[si]?.[ci] ?? 0;
                  return (
                    <td key={s.id} className={n > 0 ? 'is-count' : 'is-empty'}>
                      {n > 0 ? n : '·'}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ul className="insight-facts">
        <li>
          <Cpu size={13} className="fact-icon" aria-hidden />
          {t('insight.byType', {
            type: capital(t('channel.digital')),
            channels: byType.digital.channels,
            touchpoints: byType.digital.touchpoints,
          })}
        </li>
        <li>
          <Footprints size={13} className="fact-icon" aria-hidden />
          {t('insight.byType', {
            type: capital(t('channel.physical')),
            channels: byType.physical.channels,
            touchpoints: byType.physical.touchpoints,
          })}
        </li>
        {uncoveredStages.length > 0 && (
          <li data-testid="uncovered-stages">
            <TriangleAlert size={13} className="fact-icon" aria-hidden />
            {t('insight.uncoveredList', { stages: uncoveredStages.map(label).join(', ') })}
          </li>
        )}
        {multiStageChannels.length > 0 && (
          <li>⇄ {t('insight.multiStage', { channels: multiStageChannels.map(label).join(', ') })}</li>
        )}
        {touchpointsWithoutChannel > 0 && <li>∅ {t('insight.withoutChannel', { n: touchpointsWithoutChannel })}</li>}
      </ul>
    </>
  );
});

/** How many personas prefer and avoid a channel: icon and number, the words in the label. */
function PersonaLean({ preferred, avoided }: { preferred: number; avoided: number }) {
  const t = useT();
  if (preferred === 0 && avoided === 0) return null;
  return (
    <span className="persona-lean">
      {preferred > 0 && (
        <span className="pref-mark is-preferred" aria-label={t('insight.preferredBy', { n: preferred })}>
          {' '}
          {PREF_ICON.preferred}
          {preferred}
        </span>
      )}
      {avoided > 0 && (
        <span className="pref-mark is-avoided" aria-label={t('insight.avoidedBy', { n: avoided })}>
          {' '}
          {PREF_ICON.avoided}
          {avoided}
        </span>
      )}
    </span>
  );
}
