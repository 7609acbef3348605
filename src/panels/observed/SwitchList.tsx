// Channel switches as measured in the log: customers switching, the time it costs them and how often
// they come back to the channel they left. Shown in the observed panel and in the insight panel.
import { useMemo } from 'react';
import { ArrowRight } from 'lucide-react';
import type { JourneyNode } from '../../model';
import { flowsOf, useObserved } from '../../state/observed/observedStore';
import { channelSwitches, type ChannelSwitch } from '../../state/observed/channelSwitches';
import { formatDuration } from '../../state/observed/observedView';
import { useT } from '../../i18n';
import { useEnsureFlows } from './useEnsureFlows';

export function useChannelSwitches(nodes: ReadonlyMap<string, JourneyNode>): ChannelSwitch[] | null {
  const flows = useObserved(flowsOf);
  return useMemo(() => {
    if (!flows) return null;
    const channelOf = (id: string) => {
      const node = nodes.get(id);
      return node?.kind === 'touchpoint' ? node.channelId : null;
    };
    return channelSwitches(flows, channelOf);
  }, [flows, nodes]);
}

export function SwitchList({ nodes }: { nodes: ReadonlyMap<string, JourneyNode> }) {
  const t = useT();
  useEnsureFlows();
  const switches = useChannelSwitches(nodes);
  if (!switches) return <p className="hint">{t('observed.switchesOff')}</p>;
  if (switches.length === 0) return <p className="hint">{t('observed.noSwitches')}</p>;
  const label = (id: string) => nodes.get(id)?.label ?? '?';
  return (
    <ol className="insight-list" data-testid="observed-switches">
      {switches.map((s) => (
        <li key={`${s.fromChannel}→${s.toChannel}`} className="insight-item" data-testid="observed-switch">
          <span className="insight-item-title">
            {label(s.fromChannel)} <ArrowRight size={13} aria-hidden /> {label(s.toChannel)}
          </span>
          <span className="insight-item-meta">
            <span>
              {t(s.customers === 1 ? 'observed.switchCustomersOne' : 'observed.switchCustomers', { n: s.customers })}
            </span>
            <span>{t('observed.switchTime', { time: formatDuration(s.medianSeconds) })}</span>
            {s.returnBase > 0 && (
              <span>{t('observed.switchReturns', { n: Math.round((s.returns / s.returnBase) * 100) })}</span>
            )}
          </span>
        </li>
      ))}
    </ol>
  );
}
