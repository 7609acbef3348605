// An owner in the people rail: avatar, name and role. Drop it on a stage header to assign it.
import { memo } from 'react';
import type { NodeProps } from '@xyflow/react';
import type { OwnerFlowNode } from '../../state/viewTypes';
import { InlineLabel } from '../InlineLabel';
import { initials } from '../../ui/initials';
import { useNodeLabel } from './useNodeLabel';
import { useT } from '../../i18n';

function OwnerNodeView({ id, data, selected }: NodeProps<OwnerFlowNode>) {
  const { owner, stageCount } = data;
  const label = useNodeLabel(id);
  const t = useT();
  return (
    <div className={`owner ${selected ? 'is-selected' : ''}`} data-testid="owner" title={t('owner.dropHint')}>
      <span className="avatar" aria-hidden>
        {initials(owner.name)}
      </span>
      <span className="owner-text">
        <InlineLabel {...label} value={owner.name} className="owner-name" ariaLabel={t('owner.name')} />
        <span className="owner-role">
          {owner.role || t('owner.noRole')} ·{' '}
          {stageCount === 1 ? t('owner.oneStage') : t('owner.stages', { n: stageCount })}
        </span>
      </span>
    </div>
  );
}

export const OwnerNode = memo(OwnerNodeView);
