// Panels (insight, comments, owners) ask the canvas to show some nodes: select exactly them and fit
// the view to them. A tiny event bus, so a panel needs no React Flow instance of its own; the canvas
// listens (useCanvasFocus) and performs the fit.
import type { JourneyStore } from './journeyStore';

type Listener = (nodeIds: readonly string[]) => void;
const listeners = new Set<Listener>();

/** Selects exactly these nodes and edges on the canvas and fits the view to the nodes. */
export function showOnCanvas(store: JourneyStore, nodeIds: readonly string[], edgeIds: readonly string[] = []): void {
  const nodes = new Set(nodeIds);
  const edges = new Set(edgeIds);
  const state = store.getState();
  store.applyNodeChanges(
    state.nodes
      .filter((n) => Boolean(n.selected) !== nodes.has(n.id))
      .map((n) => ({ type: 'select', id: n.id, selected: nodes.has(n.id) })),
  );
  store.applyEdgeChanges(
    state.edges
      .filter((e) => Boolean(e.selected) !== edges.has(e.id))
      .map((e) => ({ type: 'select', id: e.id, selected: edges.has(e.id) })),
  );
  listeners.forEach((listener) => listener(nodeIds));
}

/** Calls `listener` with the node ids of every showOnCanvas until the returned function is called. */
export function onShowOnCanvas(listener: Listener): () => void {
  listeners.add(listener);
  return () => void listeners.delete(listener);
}
