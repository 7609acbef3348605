// "Zoom to fit", computed here instead of React Flow's fitView: fitView waits until every node is
// measured, and with only the nodes in view mounted the others never are, so on a big map it never
// moved. The bounds come from measured sizes where known and the estimated ones elsewhere.
import { useCallback } from 'react';
import { getViewportForBounds, useReactFlow, useStoreApi, type FitViewOptions } from '@xyflow/react';
import { FIT_MARGIN } from '../state/layout';
import { fitMargins, viewportWithin, type Overlays } from '../state/fitRoom';

export interface FitOptions {
  /** The nodes to show; every node when absent. */
  ids?: readonly string[];
  padding?: FitViewOptions['padding'];
  maxZoom?: number;
  duration?: number;
}

/**
 * The viewport each canvas's last fit set, to tell whether the view is still "fitted". Keyed by its
 * React Flow store's getState (useStoreApi returns a new wrapper object in every component).
 */
const lastFit = new WeakMap<object, { x: number; y: number; zoom: number }>();

/** True while the canvas shows what its last fit set (nobody panned or zoomed since). */
export function stillFitted(flowStore: { getState: () => { transform: [number, number, number] } }): boolean {
  const fitted = lastFit.get(flowStore.getState);
  const [x, y, zoom] = flowStore.getState().transform;
  return !!fitted && Math.abs(fitted.x - x) < 1 && Math.abs(fitted.y - y) < 1 && Math.abs(fitted.zoom - zoom) < 1e-3;
}

export function useFitNodes(): (options?: FitOptions) => void {
  const flow = useReactFlow();
  const flowStore = useStoreApi();
  return useCallback(
    (options: FitOptions = {}) => {
      const { width, height, minZoom, maxZoom } = flowStore.getState();
      const nodes = options.ids ? [...options.ids] : flow.getNodes();
      if (nodes.length === 0 || width === 0 || height === 0) return;
      const bounds = flow.getNodesBounds(nodes);
      const pane = { width, height };
      const viewport = options.padding
        ? getViewportForBounds(bounds, width, height, minZoom, options.maxZoom ?? maxZoom, options.padding)
        : viewportWithin(
            bounds,
            pane,
            fitMargins(bounds, pane, overlaysOf(flowStore.getState().domNode), FIT_MARGIN),
            minZoom,
            options.maxZoom ?? maxZoom,
          );
      if (!options.ids) lastFit.set(flowStore.getState, viewport);
      void flow.setViewport(viewport, options.duration ? { duration: options.duration } : undefined);
    },
    [flow, flowStore],
  );
}

/** Where the panels floating over the canvas are, in pane pixels (measured: their size follows the language). */
function overlaysOf(root: Element | null | undefined): Overlays {
  if (!root) return { topPanelsBottom: 0 };
  const pane = root.getBoundingClientRect();
  const box = (selector: string) => {
    const element = root.querySelector(selector);
    const rect = element?.getBoundingClientRect();
    return rect && rect.width > 0 ? { width: pane.right - rect.left, height: pane.bottom - rect.top, rect } : undefined;
  };
  const tops = [
    ...root.querySelectorAll(
      '.react-flow__panel.top.left, .react-flow__panel.top.right, .react-flow__panel.top.center',
    ),
  ].map((panel) => panel.getBoundingClientRect().bottom - pane.top);
  const controls = box('.react-flow__panel.react-flow__controls');
  const minimap = box('.react-flow__panel.react-flow__minimap');
  return {
    topPanelsBottom: Math.max(0, ...tops),
    bottomLeft: controls ? { width: controls.rect.right - pane.left, height: controls.height } : undefined,
    bottomRight: minimap,
  };
}
