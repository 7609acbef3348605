// The overview map (React Flow's MiniMap), still while cards are dragged. The MiniMap subscribes to
// React Flow's store once per node and measures every node's bounds on each store change: on a
// 500-node map, more than 500 selectors on every drag frame for a picture that moves by a pixel.
// While a drag lasts, a copy of its last picture stands in for it; the live one comes back on the drop.
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { MiniMap, type MiniMapProps } from '@xyflow/react';
import type { JourneyFlowNode } from '../state/viewTypes';
import { useDragging } from './dragInProgress';

export function OverviewMap(props: MiniMapProps<JourneyFlowNode>) {
  const draggingNow = useDragging();
  // swapped a frame after the drag starts, so its unmounting does not add to that frame's work
  const [dragging, setDragging] = useState(false);
  useEffect(() => {
    if (!draggingNow) {
      setDragging(false);
      return;
    }
    const frame = requestAnimationFrame(() => setDragging(true));
    return () => cancelAnimationFrame(frame);
  }, [draggingNow]);
  const live = useRef<HTMLDivElement>(null);
  const still = useRef<HTMLDivElement>(null);
  const picture = useRef<Node | null>(null);
  // taken while rendering the first frame of the drag, when the live map is still in the page
  if (dragging && !picture.current) picture.current = live.current?.firstElementChild?.cloneNode(true) ?? null;
  if (!dragging) picture.current = null;
  useLayoutEffect(() => {
    if (dragging && picture.current) still.current?.replaceChildren(picture.current);
    else still.current?.replaceChildren();
  }, [dragging]);
  return (
    <>
      <div ref={live} className="overview-map">
        {!dragging && <MiniMap<JourneyFlowNode> {...props} />}
      </div>
      <div ref={still} className="overview-map" aria-hidden />
    </>
  );
}
