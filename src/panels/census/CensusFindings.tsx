// The census findings, worst first, each with the nodes it concerns shown on the map on request.
import { memo } from 'react';
import type { CensusFinding, JourneyNode, MetricDef } from '../../model';
import { useMap } from '../../state/session';
import { showOnCanvas } from '../../state/showOnCanvas';
import { useT, type Translate } from '../../i18n';
import { useMetricText } from '../../state/metrics/format';

function describe(
  f: CensusFinding,
  t: Translate,
  label: (id: string) => string,
  metric: (key: string) => string,
): string {
  switch (f.kind) {
    case 'need-uncovered':
      return f.personaIds.length > 0
        ? t('census.finding.uncoveredFor', { need: label(f.needId), personas: f.personaIds.map(label).join(', ') })
        : t('census.finding.uncovered', { need: label(f.needId) });
    case 'need-avoided-only':
      return t('census.finding.avoidedOnly', {
        persona: label(f.personaId),
        need: label(f.needId),
        channels: f.channelIds.map(label).join(', '),
      });
    case 'need-single-channel':
      return t('census.finding.single', { channel: label(f.channelId), need: label(f.needId) });
    case 'channel-no-need':
      return t('census.finding.noNeed', { channel: label(f.channelId) });
    case 'channel-quality-red':
      return t('census.finding.qualityRed', {
        channel: label(f.channelId),
        metrics: f.metricKeys.map(metric).join(', '),
      });
  }
}

/** The nodes a finding is about: its channels and the touchpoints through them (a gap: every channel). */
function nodesOf(f: CensusFinding, nodes: ReadonlyMap<string, JourneyNode>): string[] {
  const channels =
    f.kind === 'need-uncovered'
      ? [...nodes.values()].filter((n) => n.kind === 'channel').map((n) => n.id)
      : f.kind === 'need-avoided-only'
        ? f.channelIds
        : [f.channelId];
  const through = [...nodes.values()]
    .filter((n) => n.kind === 'touchpoint' && n.channelId !== null && channels.includes(n.channelId))
    .map((n) => n.id);
  return f.kind === 'need-uncovered' || f.kind === 'channel-no-need' ? channels : [...channels, ...through];
}

export const CensusFindings = memo(function CensusFindings({
  findings,
  nodes,
  defs,
}: {
  findings: readonly CensusFinding[];
  nodes: ReadonlyMap<string, JourneyNode>;
  defs: readonly MetricDef[];
}) {
  const t = useT();
  const { store } = useMap();
  const text = useMetricText();
  if (findings.length === 0) return <p className="hint">{t('census.noFindings')}</p>;
  const label = (id: string) => nodes.get(id)?.label ?? id;
  const metric = (key: string) => {
    const def = defs.find((d) => d.key === key);
    return def ? text.label(def) : key;
  };
  return (
    <ul className="insight-list" data-testid="census-findings">
      {findings.map((f, i) => (
        <li key={`${f.kind}-${i}`} data-kind={f.kind}>
          <button type="button" className="insight-item" onClick={() => showOnCanvas(store, nodesOf(f, nodes))}>
            <span className="insight-item-title">{describe(f, t, label, metric)}</span>
            <span className="muted small">{t('census.showOnCanvas')}</span>
          </button>
        </li>
      ))}
    </ul>
  );
});
