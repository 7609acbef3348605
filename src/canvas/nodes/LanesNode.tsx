// The lane grid behind the stage columns: a label per lane on the left and a rule between lanes.
import { memo } from 'react';
import type { NodeProps } from '@xyflow/react';
import type { LanesFlowNode } from '../../state/viewTypes';
import { LAYOUT } from '../../state/layout';
import { useT } from '../../i18n';

function LanesNodeView({ data }: NodeProps<LanesFlowNode>) {
  const t = useT();
  return (
    <div className="lanes" aria-hidden>
      <div className="lane-header" style={{ height: LAYOUT.headerHeight, width: LAYOUT.laneLabelWidth }}>
        {t('lane.stages')}
      </div>
      {LAYOUT.lanes.map((lane) => (
        <div
          key={lane.id}
          className="lane"
          style={{ height: lane.height + (lane.id === 'touchpoints' ? (data.laneGrowth ?? 0) : 0) }}
        >
          <div className="lane-label" style={{ width: LAYOUT.laneLabelWidth }}>
            {t(lane.label)}
          </div>
        </div>
      ))}
    </div>
  );
}

export const LanesNode = memo(LanesNodeView);
