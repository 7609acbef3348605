// A tiny bridge from the sidebar (outside the canvas's ReactFlowProvider) to the canvas: the
// canvas registers what panels may ask of its viewport while it is mounted.
import { create } from 'zustand';
import type { JourneyStore } from '../../state/journeyStore';

interface CanvasBridge {
  /** Pans and zooms so these nodes fill the view; null while no canvas is mounted. */
  fitNodes: ((ids: string[]) => void) | null;
}

export const useCanvasBridge = create<CanvasBridge>(() => ({ fitNodes: null }));

/** Selects one node on the canvas (only it) and brings it into view. */
export function showNodeOnCanvas(store: JourneyStore, id: string): void {
  const { nodes } = store.getState();
  const changes = nodes.filter((n) => n.selected && n.id !== id).map((n) => ({ type: 'select' as const, id: n.id, selected: false }));
  store.applyNodeChanges([...changes, { type: 'select', id, selected: true }]);
  useCanvasBridge.getState().fitNodes?.([id]);
}
