// A node just added is brought into view (its rename box opens where the person is looking): when
// any part of it is outside the pane, the view pans so that it is centred, at the same zoom.
import { useCallback } from 'react';
import { useReactFlow, useStoreApi } from '@xyflow/react';
import { sizeOf } from '../state/arrangeView';
import type { JourneyFlowNode } from '../state/viewTypes';
import { useMap } from '../state/session';

/** Room kept free at the pane's edges (toolbar on top, controls and minimap below). */
const MARGIN = { top: 90, bottom: 60, left: 24, right: 24 } as const;

export function useRevealNode(): (id: string) => void {
  const { store } = useMap();
  const flow = useReactFlow<JourneyFlowNode>();
  const flowStore = useStoreApi<JourneyFlowNode>();
  return useCallback(
    (id: string) => {
      const nodes = store.getState().nodes;
      const node = nodes.find((candidate) => candidate.id === id);
      if (!node) return;
      const parent = node.parentId ? nodes.find((candidate) => candidate.id === node.parentId) : undefined;
      const size = sizeOf(node);
      const x = node.position.x + (parent?.position.x ?? 0);
      const y = node.position.y + (parent?.position.y ?? 0);
      const { width, height, transform } = flowStore.getState();
      const [tx, ty, zoom] = transform;
      const left = x * zoom + tx;
      const top = y * zoom + ty;
      const inView =
        left >= MARGIN.left &&
        top >= MARGIN.top &&
        left + size.width * zoom <= width - MARGIN.right &&
        top + size.height * zoom <= height - MARGIN.bottom;
      if (inView) return;
      void flow.setCenter(x + size.width / 2, y + size.height / 2, { zoom, duration: 0 });
    },
    [flow, flowStore, store],
  );
}
