// The census analyses, recomputed at most once per transaction (deferred, as useInsight does).
import { useDeferredValue, useMemo } from 'react';
import { useStore } from 'zustand';
import { channelCensus, needsMatrix } from '../../model';
import { useMap } from '../../state/session';

export function useCensus(personaId: string | null) {
  const { doc, store } = useMap();
  const modelNodes = useStore(store, (state) => state.modelNodes);
  const nodeMetrics = useStore(store, (state) => state.nodeMetrics);
  const defs = useStore(store, (state) => state.metricDefs);
  const tick = useDeferredValue(modelNodes);
  const census = useMemo(
    () => channelCensus(doc),
    // tick, nodeMetrics and defs change once per transaction that could change the result
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [doc, tick, nodeMetrics, defs],
  );
  const matrix = useMemo(
    () => needsMatrix(doc, personaId),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [doc, tick, personaId],
  );
  return { census, matrix, nodes: modelNodes };
}
