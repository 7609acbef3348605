// A step of the customer's path. A step that changes channel is a transition, where friction hides:
// drawn dashed in amber with a "channel switch" mark (colour plus a text label, never colour alone).
import { memo } from 'react';
import { BaseEdge, EdgeLabelRenderer, getBezierPath, type EdgeProps } from '@xyflow/react';
import type { PathFlowEdge } from '../../state/viewTypes';
import { useT } from '../../i18n';

function PathEdgeView(props: EdgeProps<PathFlowEdge>) {
  const { sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, markerEnd, data, selected, label } = props;
  const [path, labelX, labelY] = getBezierPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition });
  const transition = data?.transition ?? false;
  const t = useT();
  const text = transition ? `⇄${label ? ` ${String(label)}` : ''}` : label;
  return (
    <>
      <BaseEdge
        path={path}
        markerEnd={markerEnd}
        className={`path-edge ${transition ? 'is-transition' : ''} ${selected ? 'is-selected' : ''}`}
      />
      {text ? (
        <EdgeLabelRenderer>
          <div
            className={`edge-label ${transition ? 'is-transition' : ''}`}
            data-edge-id={props.id}
            title={transition ? t('edge.transitionHint') : undefined}
            style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
          >
            {text}
          </div>
        </EdgeLabelRenderer>
      ) : null}
    </>
  );
}

export const PathEdge = memo(PathEdgeView);
