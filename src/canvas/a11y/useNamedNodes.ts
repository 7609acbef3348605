// Gives React Flow the nodes with their accessible names (nodeNames.ts). A named copy is made once per
// node object and name and then reused, so an unchanged node keeps its identity across renders
// (React Flow re-renders only nodes whose object changed).
import { useMemo, useRef } from 'react';
import { useStore } from 'zustand';
import { useT } from '../../i18n';
import { useMap } from '../../state/session';
import type { JourneyFlowNode } from '../../state/viewTypes';
import { nodeAccessibleName, type StageLabels } from './nodeNames';

export function useNamedNodes(nodes: JourneyFlowNode[]): JourneyFlowNode[] {
  const { store } = useMap();
  const stages = useStore(store, (state) => state.stages);
  const t = useT();
  const named = useRef(new WeakMap<JourneyFlowNode, JourneyFlowNode>());
  const stageLabels = useMemo<StageLabels>(() => new Map(stages.map((stage) => [stage.id, stage.label])), [stages]);
  return useMemo(
    () =>
      nodes.map((node) => {
        const ariaLabel = nodeAccessibleName(node, stageLabels, t);
        if (ariaLabel === undefined) return node;
        const cached = named.current.get(node);
        if (cached?.ariaLabel === ariaLabel) return cached;
        const copy = { ...node, ariaLabel } as JourneyFlowNode;
        named.current.set(node, copy);
        return copy;
      }),
    [nodes, stageLabels, t],
  );
}
