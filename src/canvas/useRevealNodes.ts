// Shows nodes to the person: selects exactly them and fits the view around them. Used by panels
// (comments, insight, owners) that list nodes.
import { useCallback } from 'react';
import { useReactFlow } from '@xyflow/react';
import { useMap } from './mapContext';

export function useRevealNodes(): (ids: readonly string[]) => void {
  const { store } = useMap();
  const flow = useReactFlow();
  return useCallback(
    (ids) => {
      const wanted = new Set(ids);
      store.setState((state) => ({ nodes: state.nodes.map((node) => (Boolean(node.selected) === wanted.has(node.id) ? node : { ...node, selected: wanted.has(node.id) })) }));
      void flow.fitView({ nodes: ids.map((id) => ({ id })), duration: 300, maxZoom: 1.2, padding: 0.4 });
    },
    [store, flow],
  );
}
