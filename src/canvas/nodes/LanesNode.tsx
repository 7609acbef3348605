// The lane grid behind the stage columns: a label per lane on the left and a rule between lanes.
import { memo } from 'react';
import type { NodeProps } from '@xyflow/react';
import type { LanesFlowNode } from '../../state/viewTypes';
import { LAYOUT } from '../layout';

function LanesNodeView(_props: NodeProps<LanesFlowNode>) {
  return (
    <div className="lanes" aria-hidden>
      <div className="lane-header" style={{ height: LAYOUT.headerHeight, width: LAYOUT.laneLabelWidth }}>
        Stages
      </div>
      {LAYOUT.lanes.map((lane) => (
        <div key={lane.id} className="lane" style={{ height: lane.height }}>
          <div className="lane-label" style={{ width: LAYOUT.laneLabelWidth }}>
            {lane.label}
          </div>
        </div>
      ))}
    </div>
  );
}

export const LanesNode = memo(LanesNodeView);
