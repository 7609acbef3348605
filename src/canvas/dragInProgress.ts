// A pointer drag of cards in progress, for the parts of the canvas that draw less while it lasts:
// - with the whole map in view (below DETAIL_ZOOM), the moving cards' edges are drawn as a plain
//   step and routed around the cards again on the drop: at that zoom a route is a few pixels wide,
//   and routing the moving edges on every frame was a sixth of a 500-node map's drag frame; the
//   other edges stand still as one picture (edges/StillEdges.tsx);
// - the overview map shows a still picture of itself (OverviewMap.tsx).
// A store of its own that changes only when a drag starts or ends, so subscribing to it costs
// nothing on the frames in between (unlike React Flow's store and the view store).
import { create } from 'zustand';

interface DragInProgress {
  /** Ids of the cards being dragged; empty when no drag is in progress. */
  ids: ReadonlySet<string>;
  /** Their edges are sketched, not routed, until the drop. */
  sketch: boolean;
}

const NONE: ReadonlySet<string> = new Set();

const useDragStore = create<DragInProgress>(() => ({ ids: NONE, sketch: false }));

/** A drag of these cards starts; `sketch`: their edges are drawn as plain steps until it ends. */
export function dragStarted(ids: readonly string[], sketch: boolean): void {
  useDragStore.setState({ ids: ids.length ? new Set(ids) : NONE, sketch });
}

/** The drag ended (dropped, or the canvas closed): every edge is routed again. */
export function dragEnded(): void {
  if (useDragStore.getState().ids.size > 0) useDragStore.setState({ ids: NONE, sketch: false });
}

/** Whether the edge between these two cards is sketched now. */
export function useSketched(source: string, target: string): boolean {
  return useDragStore((state) => state.sketch && (state.ids.has(source) || state.ids.has(target)));
}

/** The cards dragged with their edges sketched, or null (no drag, or one at a readable zoom). */
export function useSketchedDrag(): ReadonlySet<string> | null {
  return useDragStore((state) => (state.sketch ? state.ids : null));
}

/** Whether a pointer drag is in progress. */
export function useDragging(): boolean {
  return useDragStore((state) => state.ids.size > 0);
}
