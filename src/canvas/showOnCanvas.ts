// Panels (insight, comments, owners) ask the canvas to show some nodes: select exactly them and fit
// the view to them. A tiny event bus, so a panel needs no React Flow instance of its own.
import { useEffect } from 'react';
import type { JourneyStore } from '../state/journeyStore';
import { useFitNodes } from './useFitNodes';

type Listener = (nodeIds: readonly string[]) => void;
const listeners = new Set<Listener>();

/** Selects exactly these nodes and edges on the canvas and fits the view to the nodes. */
export function showOnCanvas(store: JourneyStore, nodeIds: readonly string[], edgeIds: readonly string[] = []): void {
  const nodes = new Set(nodeIds);
  const edges = new Set(edgeIds);
  const state = store.getState();
  store.applyNodeChanges(state.nodes.filter((n) => Boolean(n.selected) !== nodes.has(n.id)).map((n) => ({ type: 'select', id: n.id, selected: nodes.has(n.id) })));
  store.applyEdgeChanges(state.edges.filter((e) => Boolean(e.selected) !== edges.has(e.id)).map((e) => ({ type: 'select', id: e.id, selected: edges.has(e.id) })));
  listeners.forEach((listener) => listener(nodeIds));
}

/** Mounted inside the canvas: performs the fit of showOnCanvas. */
export function useCanvasFocus(): void {
  const fit = useFitNodes();
  useEffect(() => {
    const listener: Listener = (ids) => {
      if (ids.length > 0) fit({ ids, padding: 0.5, maxZoom: 1.2, duration: 300 });
    };
    listeners.add(listener);
    return () => void listeners.delete(listener);
  }, [fit]);
}
