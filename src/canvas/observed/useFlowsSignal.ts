// Refetches the flows when the server says new events arrived for this map (see sync/flowsSignal).
import { useEffect } from 'react';
import { useObserved } from '../../state/observed/observedStore';

export function useFlowsSignal(): void {
  const on = useObserved((state) => state.on);
  useEffect(() => {
    if (!on) return;
    // placeholder until the server's signal is wired: nothing to subscribe to yet
  }, [on]);
}
