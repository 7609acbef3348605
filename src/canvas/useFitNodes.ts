// "Zoom to fit", computed here instead of React Flow's fitView: fitView waits until every node is
// measured, and with only the nodes in view mounted the others never are, so on a big map it never
// moved. The bounds come from measured sizes where known and the estimated ones elsewhere.
import { useCallback } from 'react';
import { getViewportForBounds, useReactFlow, useStoreApi, type FitViewOptions } from '@xyflow/react';
import { FIT_PADDING } from '../state/layout';

export interface FitOptions {
  /** The nodes to show; every node when absent. */
  ids?: readonly string[];
  padding?: FitViewOptions['padding'];
  maxZoom?: number;
  duration?: number;
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
      const viewport = getViewportForBounds(bounds, width, height, minZoom, options.maxZoom ?? maxZoom, options.padding ?? FIT_PADDING);
      void flow.setViewport(viewport, options.duration ? { duration: options.duration } : undefined);
    },
    [flow, flowStore],
  );
}
