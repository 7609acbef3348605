// Gives React Flow the nodes with their accessible names (nodeNames.ts). A named copy is made once per
// node object and name and then reused, so an unchanged node keeps its identity across renders
// (React Flow re-renders only nodes whose object changed). A node object seen before with the same
// stage labels and language is not named again: a drag frame changes one node of hundreds.
import { useMemo, useRef } from 'react';
import { useStore } from 'zustand';
import { useT } from '../../i18n';
import { useMap } from '../../state/session';
import type { JourneyFlowNode } from '../../state/viewTypes';
import { nodeAccessibleName, type StageLabels } from './nodeNames';

interface Named {
  stageLabels: StageLabels;
  t: unknown;
  shown: JourneyFlowNode;
}

export function useNamedNodes(nodes: JourneyFlowNode[]): JourneyFlowNode[] {
  const { store } = useMap();
  const stages = useStore(store, (state) => state.stages);
  const t = useT();
  const named = useRef(new WeakMap<JourneyFlowNode, Named>());
  const stageLabels = useMemo<StageLabels>(() => new Map(stages.map((stage) => [stage.id, stage.label])), [stages]);
  return useMemo(
    () =>
      nodes.map((node) => {
        const cached = named.current.get(node);
        if (cached && cached.stageLabels === stageLabels && cached.t === t) return cached.shown;
        const ariaLabel = nodeAccessibleName(node, stageLabels, t);
        const shown =
          ariaLabel === undefined
            ? node
            : cached?.shown.ariaLabel === ariaLabel
              ? cached.shown
              : ({ ...node, ariaLabel } as JourneyFlowNode);
        named.current.set(node, { stageLabels, t, shown });
        return shown;
      }),
    [nodes, stageLabels, t],
  );
}
