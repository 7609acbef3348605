// A channel of the map: a pill with its medium's icon and a physical or digital mark.
import { memo } from 'react';
import type { NodeProps } from '@xyflow/react';
import { Cpu, Footprints } from 'lucide-react';
import type { ChannelFlowNode } from '../../state/viewTypes';
import { MEDIUM_STYLE } from '../../state/channelStyle';
import { InlineLabel } from '../InlineLabel';
import { useNodeLabel } from './useNodeLabel';
import { useT } from '../../i18n';
import { HeatChip, heatClass, heatVars } from '../../ui/HeatChip';

function ChannelNodeView({ id, data, selected }: NodeProps<ChannelFlowNode>) {
  const { channel, usage } = data;
  const label = useNodeLabel(id);
  const t = useT();
  const style = MEDIUM_STYLE[channel.medium];
  const Icon = style.icon;
  const Mark = channel.type === 'physical' ? Footprints : Cpu;
  return (
    <div
      className={`channel ${selected ? 'is-selected' : ''} ${heatClass(data.metrics)}`}
      style={{ ['--channel-color' as string]: style.color, ...heatVars(data.metrics) }}
      data-testid="channel"
    >
      <Icon size={15} aria-hidden className="channel-icon" />
      <InlineLabel {...label} value={channel.label} className="channel-label" ariaLabel={t('channel.name')} />
      <span
        className={`channel-mark is-${channel.type}`}
        title={t(channel.type === 'physical' ? 'channel.physicalHint' : 'channel.digitalHint')}
      >
        <Mark size={11} aria-hidden />
        {t(channel.type === 'physical' ? 'channel.physical' : 'channel.digital')}
      </span>
      {data.metrics?.heat && data.metrics.heat.status !== 'none' && (
        <HeatChip heat={data.metrics.heat} showLabel={false} />
      )}
      <span className="channel-usage" title={t('channel.usage')}>
        {usage}
      </span>
    </div>
  );
}

export const ChannelNode = memo(ChannelNodeView);
