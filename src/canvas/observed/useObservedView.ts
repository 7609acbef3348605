// The overlay's view of the open map: the designed map read from the journey store, combined with
// the flows last fetched (observedView does the arithmetic; this hook only gathers its inputs).
import { useMemo } from 'react';
import { useStore } from 'zustand';
import type { JourneyStore } from '../../state/journeyStore';
import { flowsOf, useObserved } from '../../state/observed/observedStore';
import { observedView, type DesignedMap, type ObservedView } from '../../state/observed/observedView';

export function useDesignedMap(store: JourneyStore): DesignedMap {
  const modelNodes = useStore(store, (state) => state.modelNodes);
  const stages = useStore(store, (state) => state.stages);
  const edges = useStore(store, (state) => state.edges);
  return useMemo(() => {
    const stageIndex = new Map(stages.map((stage, i) => [stage.id, i]));
    const touchpoints = new Map<string, { channelId: string | null; stageIndex: number | null; x: number }>();
    for (const node of modelNodes.values()) {
      if (node.kind === 'touchpoint')
        touchpoints.set(node.id, {
          channelId: node.channelId,
          stageIndex: node.stageId ? (stageIndex.get(node.stageId) ?? null) : null,
          x: node.x,
        });
    }
    return {
      touchpoints,
      stageCount: stages.length,
      edges: edges.map((e) => ({ id: e.id, source: e.source, target: e.target })),
    };
  }, [modelNodes, stages, edges]);
}

/** The overlay's view, or null while it is off or has no flows yet. */
export function useObservedView(store: JourneyStore): ObservedView | null {
  const on = useObserved((state) => state.on);
  const flows = useObserved(flowsOf);
  const minCases = useObserved((state) => state.minCases);
  const designed = useDesignedMap(store);
  return useMemo(() => (on && flows ? observedView(flows, designed, minCases) : null), [on, flows, designed, minCases]);
}
