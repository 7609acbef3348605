// A stage: a column with a header (drag it to reorder, its right edge to resize) and a light band
// down the whole height of the map. The band lets pointer events through to the pane.
import { memo, useCallback } from 'react';
import { NodeResizeControl, ResizeControlVariant, type NodeProps } from '@xyflow/react';
import { GripVertical, UserRound, UserX } from 'lucide-react';
import { assignStageOwner, resizeNode } from '../../model';
import type { StageFlowNode } from '../../state/viewTypes';
import { InlineLabel } from '../InlineLabel';
import { LAYOUT } from '../../state/layout';
import { useMap } from '../../state/session';
import { useNodeLabel } from './useNodeLabel';
import { OwnerPicker } from './OwnerPicker';
import { initials } from '../../ui/initials';
import { useT } from '../../i18n';
import { StageMetric } from '../../ui/HeatChip';

function StageNodeView({ id, data, selected }: NodeProps<StageFlowNode>) {
  const { stage, owner, touchpointCount } = data;
  const label = useNodeLabel(id);
  const { doc, run, readOnly } = useMap();
  const t = useT();
  const onOwner = useCallback(
    (ownerId: string | null) => run(() => assignStageOwner(doc, id, ownerId)),
    [doc, id, run],
  );
  const onResizeEnd = useCallback(
    (_event: unknown, params: { width: number }) =>
      run(() => resizeNode(doc, id, { w: Math.round(params.width), h: stage.h })),
    [doc, id, run, stage.h],
  );

  return (
    <div className={`stage ${selected ? 'is-selected' : ''}`} style={{ ['--stage-color' as string]: stage.color }}>
      <div className="stage-header" style={{ height: LAYOUT.headerHeight }}>
        <div className="stage-title-row">
          {!readOnly && <GripVertical className="stage-drag-handle" size={16} aria-label={t('stage.dragToReorder')} />}
          <InlineLabel {...label} value={stage.label} className="stage-title" ariaLabel={t('stage.name')} />
          <StageMetric metrics={data.metrics} />
        </div>
        <div className="stage-meta">
          {owner ? (
            <span className="avatar" aria-hidden title={`${owner.name}${owner.role ? `, ${owner.role}` : ''}`}>
              {initials(owner.name)}
            </span>
          ) : (
            <UserX size={16} className="stage-unowned-icon" aria-label={t('stage.noOwner')} />
          )}
          {readOnly ? (
            <span className={`stage-owner ${owner ? '' : 'is-missing'}`}>
              {owner ? owner.name : t('stage.unowned')}
            </span>
          ) : (
            <OwnerPicker value={owner?.id ?? null} onChange={onOwner} />
          )}
          <span className="stage-count" title={t('stage.touchpointCount', { n: touchpointCount })}>
            <UserRound size={12} aria-hidden /> {touchpointCount}
          </span>
        </div>
      </div>
      <div className="stage-band" />
      {!readOnly && (
        <NodeResizeControl
          position="right"
          variant={ResizeControlVariant.Line}
          resizeDirection="horizontal"
          minWidth={200}
          maxWidth={1200}
          className="stage-resize"
          onResizeEnd={onResizeEnd}
        />
      )}
    </div>
  );
}

export const StageNode = memo(StageNodeView);
