// The cards being dragged with the whole map in view (below DETAIL_ZOOM): their edges are drawn as a
// plain step while the drag lasts, and routed around the cards again on the drop. At that zoom a
// route is a few pixels wide, and routing the moving edges on every frame was a sixth of a 500-node
// map's drag frame. A store of its own that changes only when a drag starts or ends, so the edges'
// subscriptions cost nothing on the frames in between.
import { create } from 'zustand';

interface SketchedEnds {
  /** Ids of the cards whose edges are sketched; empty when no drag is in progress. */
  ids: ReadonlySet<string>;
}

const NONE: ReadonlySet<string> = new Set();

export const useSketchedEnds = create<SketchedEnds>(() => ({ ids: NONE }));

/** The edges of these cards are sketched from now on. */
export function sketchEdgesOf(ids: readonly string[]): void {
  useSketchedEnds.setState({ ids: ids.length ? new Set(ids) : NONE });
}

/** Every edge is routed again. */
export function routeEveryEdge(): void {
  if (useSketchedEnds.getState().ids.size > 0) useSketchedEnds.setState({ ids: NONE });
}

/** Whether the edge between these two cards is sketched now. */
export function useSketched(source: string, target: string): boolean {
  return useSketchedEnds((state) => state.ids.has(source) || state.ids.has(target));
}
