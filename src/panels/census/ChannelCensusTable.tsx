// The census per channel: physical or digital, the needs it serves, its touchpoints, its metrics
// (red ones flagged), and the personas who prefer or avoid it.
import { memo } from 'react';
import { Cpu, Footprints } from 'lucide-react';
import { HEAT_PALETTE, type ChannelCensus, type JourneyNode, type MetricDef } from '../../model';
import { useT } from '../../i18n';
import { useMetricText } from '../../state/metrics/format';
import { PREF_ICON } from './NeedsMatrixView';

export const ChannelCensusTable = memo(function ChannelCensusTable({
  census,
  nodes,
  defs,
}: {
  census: ChannelCensus;
  nodes: ReadonlyMap<string, JourneyNode>;
  defs: readonly MetricDef[];
}) {
  const t = useT();
  const text = useMetricText();
  if (census.channels.length === 0) return <p className="hint">{t('census.noChannels')}</p>;
  const label = (id: string) => nodes.get(id)?.label ?? id;
  const defOf = (key: string) => defs.find((d) => d.key === key);
  const metricLabel = (key: string) => {
    const def = defOf(key);
    return def ? text.label(def) : key;
  };
  return (
    <>
      <p className="small">
        {t('census.balance', { digital: census.byType.digital, physical: census.byType.physical })}
      </p>
      <ul className="census-channels" data-testid="census-channels">
        {census.channels.map((c) => (
          <li key={c.id} className="census-channel" aria-label={c.label}>
            <h4>
              {c.label}{' '}
              <span className="type-tag">
                {c.type === 'physical' ? <Footprints size={10} aria-hidden /> : <Cpu size={10} aria-hidden />}
                {t(c.type === 'physical' ? 'channel.physical' : 'channel.digital')}
              </span>
            </h4>
            <ChannelFlags channelId={c.id} census={census} label={label} metricLabel={metricLabel} />
            <dl>
              <dt>{t('census.col.needs')}</dt>
              <dd>{c.needIds.length > 0 ? c.needIds.map(label).join(', ') : <em>{t('census.none')}</em>}</dd>
              <dt>{t('census.col.touchpoints')}</dt>
              <dd>
                {c.touchpointIds.length > 0 ? c.touchpointIds.map(label).join(', ') : <em>{t('census.none')}</em>}
              </dd>
              {c.metrics.length > 0 && (
                <>
                  <dt>{t('census.col.metrics')}</dt>
                  <dd className="census-metrics">
                    {c.metrics.map((m) => {
                      const heat = HEAT_PALETTE[m.status];
                      return (
                        <span
                          key={m.key}
                          className="census-metric"
                          data-status={m.status}
                          style={{ background: heat.fill, color: heat.text }}
                          title={`${metricLabel(m.key)}: ${text.status(m.status)}`}
                        >
                          <span aria-hidden>{heat.icon}</span> {metricLabel(m.key)} {text.value(m.value, defOf(m.key))}
                        </span>
                      );
                    })}
                  </dd>
                </>
              )}
              {(c.preferredBy.length > 0 || c.acceptableBy.length > 0 || c.avoidedBy.length > 0) && (
                <>
                  <dt>{t('census.col.personas')}</dt>
                  <dd>
                    {(['preferred', 'acceptable', 'avoided'] as const).map((pref) => {
                      const ids =
                        pref === 'preferred' ? c.preferredBy : pref === 'acceptable' ? c.acceptableBy : c.avoidedBy;
                      if (ids.length === 0) return null;
                      return (
                        <span key={pref} className={`pref-list is-${pref}`}>
                          <span aria-hidden>{PREF_ICON[pref]}</span> {t(`census.pref.${pref}`)}:{' '}
                          {ids
                            .map((id) =>
                              c.shares[id] !== undefined
                                ? `${label(id)} (${text.number(c.shares[id] ?? 0)} %)`
                                : label(id),
                            )
                            .join(', ')}
                        </span>
                      );
                    })}
                  </dd>
                </>
              )}
            </dl>
          </li>
        ))}
      </ul>
    </>
  );
});

/** The census's flags about one channel, on its card: no need served, the only channel for a need, red quality. */
function ChannelFlags({
  channelId,
  census,
  label,
  metricLabel,
}: {
  channelId: string;
  census: ChannelCensus;
  label: (id: string) => string;
  metricLabel: (key: string) => string;
}) {
  const t = useT();
  const flags = census.findings.flatMap((f) => {
    if (f.kind === 'channel-no-need' && f.channelId === channelId)
      return [t('census.finding.noNeed', { channel: label(channelId) })];
    if (f.kind === 'need-single-channel' && f.channelId === channelId)
      return [t('census.finding.single', { channel: label(channelId), need: label(f.needId) })];
    if (f.kind === 'channel-quality-red' && f.channelId === channelId)
      return [
        t('census.finding.qualityRed', {
          channel: label(channelId),
          metrics: f.metricKeys.map(metricLabel).join(', '),
        }),
      ];
    return [];
  });
  if (flags.length === 0) return null;
  return (
    <ul className="census-flags" data-testid="channel-flags">
      {flags.map((text) => (
        <li key={text}>
          <span aria-hidden>⚠</span> {text}
        </li>
      ))}
    </ul>
  );
}
