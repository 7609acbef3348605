// An owner in the people rail: avatar, name and role. Drop it on a stage header to assign it.
import { memo } from 'react';
import type { NodeProps } from '@xyflow/react';
import type { OwnerFlowNode } from '../../state/viewTypes';
import { InlineLabel } from '../InlineLabel';
import { initials } from './StageNode';
import { useNodeLabel } from './useNodeLabel';

function OwnerNodeView({ id, data, selected }: NodeProps<OwnerFlowNode>) {
  const { owner, stageCount } = data;
  const label = useNodeLabel(id);
  return (
    <div className={`owner ${selected ? 'is-selected' : ''}`} data-testid="owner" title="Drop on a stage header to make this person its owner">
      <span className="avatar" aria-hidden>
        {initials(owner.name)}
      </span>
      <span className="owner-text">
        <InlineLabel {...label} value={owner.name} className="owner-name" ariaLabel="Owner name" />
        <span className="owner-role">
          {owner.role || 'No role'} · {stageCount} {stageCount === 1 ? 'stage' : 'stages'}
        </span>
      </span>
    </div>
  );
}

export const OwnerNode = memo(OwnerNodeView);
