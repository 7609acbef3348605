// The insight panel's analyses, computed with the model's pure functions from the doc. The store
// gives a new `modelNodes` once per transaction, so they are recomputed at most once per
// transaction (and deferred, so a drag stays smooth while the panel is open).
import { useDeferredValue, useMemo } from 'react';
import { useStore } from 'zustand';
import { channelInventory, channelTransitions, criticalTouchpoints, emotionSummary, needsMatrix } from '../../model';
import { useMap } from '../../state/session';
import { useUi } from '../../state/uiStore';

/** How many critical touchpoints the panel lists (the canvas marks the first CRITICAL_ON_CANVAS). */
export const CRITICAL_LISTED = 5;

export function useInsight() {
  const { doc, store } = useMap();
  const modelNodes = useStore(store, (state) => state.modelNodes);
  const nodeMetrics = useStore(store, (state) => state.nodeMetrics);
  const defs = useStore(store, (state) => state.metricDefs);
  const tick = useDeferredValue(modelNodes);
  // read as the persona the map is focused on: its channel preferences weigh the friction
  const focus = useUi((state) => state.focus);
  const personaId = focus?.kind === 'persona' ? focus.id : null;
  const analyses = useMemo(
    () => ({
      inventory: channelInventory(doc),
      transitions: channelTransitions(doc, personaId),
      needs: needsMatrix(doc, personaId),
      critical: criticalTouchpoints(doc, { top: CRITICAL_LISTED }).filter((c) => c.impact > 0),
      emotion: emotionSummary(doc),
    }),
    // tick, nodeMetrics and defs change once per transaction that could change the results
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [doc, tick, nodeMetrics, defs, personaId],
  );
  return { ...analyses, nodes: modelNodes, nodeMetrics };
}
