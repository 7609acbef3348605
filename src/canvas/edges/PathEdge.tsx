// A step of the customer's path. A step that changes channel is a transition, where friction hides:
// drawn dashed in amber with a "channel switch" mark (colour plus a text label, never colour alone).
// The mark is SVG inside the edge, not an HTML label per edge (EdgeLabelRenderer): one portal and
// one positioned element per edge cost a tenth of the time to open a big map.
import { memo } from 'react';
import { BaseEdge, type EdgeProps } from '@xyflow/react';
import type { PathFlowEdge } from '../../state/viewTypes';
import { useEdgeRoute } from './useEdgeRoute';
import { useT } from '../../i18n';
import { useCardBoxes } from './cardBoxes';
import { recordDrawnEdge } from './StillEdges';
import { useSketched } from '../dragInProgress';

/** Width of the label's box: 11 px semibold text is about 6.6 px a character, plus padding. */
const labelWidth = (text: string) => Math.ceil([...text].length * 6.6 + 12);
const LABEL_HEIGHT = 18;

function PathEdgeView(props: EdgeProps<PathFlowEdge>) {
  const { source, target, sourceX, sourceY, targetX, targetY, markerEnd, data, selected, label } = props;
  // the cards' boxes change when the layout does, not on every drag frame
  const cardBoxes = useCardBoxes();
  // an edge of a card dragged with the whole map in view is routed on the drop, not every frame
  const sketch = useSketched(source, target);
  const transition = data?.transition ?? false;
  const t = useT();
  const text = transition ? `⇄${label ? ` ${String(label)}` : ''}` : label ? String(label) : '';
  const width = labelWidth(text);
  const { path, labelX, labelY, back } = useEdgeRoute({
    source,
    target,
    from: { x: sourceX, y: sourceY },
    to: { x: targetX, y: targetY },
    label: text ? { width, height: LABEL_HEIGHT } : null,
    cardBoxes,
    sketch,
  });
  const className = `path-edge ${transition ? 'is-transition' : ''} ${back ? 'is-back' : ''} ${selected ? 'is-selected' : ''}`;
  recordDrawnEdge(props.id, path, className); // for the still picture of a drag (StillEdges.tsx)
  return (
    <>
      <BaseEdge path={path} markerEnd={markerEnd} className={className} />
      {text ? (
        <g
          className={`edge-label ${transition ? 'is-transition' : ''}`}
          data-edge-id={props.id}
          transform={`translate(${labelX}, ${labelY})`}
        >
          {transition && <title>{t('edge.transitionHint')}</title>}
          <rect x={-width / 2} y={-LABEL_HEIGHT / 2} width={width} height={LABEL_HEIGHT} rx={4} />
          <text textAnchor="middle" dominantBaseline="central">
            {text}
          </text>
        </g>
      ) : null}
    </>
  );
}

export const PathEdge = memo(PathEdgeView);
