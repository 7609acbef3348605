// A touchpoint card: its channel's icon and colour, its label, and handles to draw the customer's path.
import { memo } from 'react';
import { Handle, Position, type NodeProps } from '@xyflow/react';
import type { TouchpointFlowNode } from '../../state/viewTypes';
import { MEDIUM_STYLE } from '../channelStyle';
import { InlineLabel } from '../InlineLabel';
import { useNodeLabel } from './useNodeLabel';
import { useT } from '../../i18n';

function TouchpointNodeView({ id, data, selected }: NodeProps<TouchpointFlowNode>) {
  const { touchpoint, channel } = data;
  const label = useNodeLabel(id);
  const t = useT();
  const style = channel ? MEDIUM_STYLE[channel.medium] : null;
  const Icon = style?.icon;
  return (
    <div
      className={`touchpoint ${selected ? 'is-selected' : ''} ${touchpoint.lane === 'back' ? 'is-backstage' : ''}`}
      style={{ ['--channel-color' as string]: style?.color ?? '#9aa3af' }}
      data-testid="touchpoint"
    >
      <Handle type="target" position={Position.Left} isConnectable={!label.readOnly} />
      <div className="touchpoint-channel">
        {Icon ? <Icon size={13} aria-hidden /> : null}
        <span>{channel ? channel.label : t('touchpoint.noChannel')}</span>
      </div>
      <InlineLabel {...label} value={touchpoint.label} className="touchpoint-label" ariaLabel={t('touchpoint.name')} />
      <Handle type="source" position={Position.Right} isConnectable={!label.readOnly} />
    </div>
  );
}

export const TouchpointNode = memo(TouchpointNodeView);
