// The edges that do not move while cards are dragged with the whole map in view, as one still
// picture. React Flow runs three selectors per mounted edge on every drag frame (and draws each
// edge in an SVG of its own); for a drag at that zoom the canvas hands React Flow only the moving
// cards' edges and draws the others here, in one SVG, as they were last drawn. They are mounted
// again on the drop, without routing again (useEdgeRoute keeps the last routes).
import { memo, useMemo } from 'react';
import { createPortal } from 'react-dom';
import { useStore as useFlowState } from '@xyflow/react';

/** How an edge was last drawn, by edge id (PathEdge writes it on each render). */
const drawn = new Map<string, { path: string; className: string }>();

export function recordDrawnEdge(id: string, path: string, className: string): void {
  drawn.set(id, { path, className });
}

const ARROW_ID = 'still-edge-arrow';

export const StillEdges = memo(function StillEdges({ ids }: { ids: readonly string[] }) {
  const layer = useFlowState((state) => state.domNode?.querySelector('.react-flow__edges') ?? null);
  // the picture of the moment the drag started: the still edges do not change until the drop
  const paths = useMemo(
    () =>
      ids.flatMap((id) => {
        const edge = drawn.get(id);
        return edge ? [{ id, ...edge }] : [];
      }),
    [ids],
  );
  if (!layer) return null;
  return createPortal(
    <svg className="still-edges" aria-hidden data-testid="still-edges">
      <defs>
        {/* React Flow's closed arrow (its marker definitions follow the edges it draws) */}
        <marker
          className="react-flow__arrowhead"
          id={ARROW_ID}
          markerWidth="18"
          markerHeight="18"
          viewBox="-10 -10 20 20"
          markerUnits="strokeWidth"
          orient="auto-start-reverse"
          refX="0"
          refY="0"
        >
          <polyline
            className="arrowclosed"
            style={{ strokeWidth: 1, stroke: '#b1b1b7', fill: '#b1b1b7' }}
            strokeLinecap="round"
            strokeLinejoin="round"
            points="-5,-4 0,0 -5,4 -5,-4"
          />
        </marker>
      </defs>
      {paths.map(({ id, path, className }) => (
        <path
          key={id}
          d={path}
          fill="none"
          className={`react-flow__edge-path ${className}`}
          markerEnd={`url(#${ARROW_ID})`}
        />
      ))}
    </svg>,
    layer,
  );
});
