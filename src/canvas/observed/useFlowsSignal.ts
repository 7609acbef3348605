// Refetches the flows when the server says they changed (sync/flowsSignal), while anyone shows them:
// the overlay is on, or the observed panel has loaded them once.
import { useEffect } from 'react';
import { onFlowsChanged } from '../../sync/flowsSignal';
import { useObserved } from '../../state/observed/observedStore';

export function useFlowsSignal(mapId: string): void {
  useEffect(
    () =>
      onFlowsChanged(mapId, () => {
        const state = useObserved.getState();
        if (state.source?.mapId === mapId && (state.on || state.flows.status !== 'idle')) void state.refresh();
      }),
    [mapId],
  );
}
