// Panels that show observed figures fetch the flows once when they open (the overlay may be off).
import { useEffect } from 'react';
import { useMap } from '../../state/session';
import { useObserved } from '../../state/observed/observedStore';

export function useEnsureFlows(): void {
  const { mapId, mapKey } = useMap();
  useEffect(() => {
    const state = useObserved.getState();
    state.attach(mapId, mapKey);
    if (useObserved.getState().flows.status === 'idle') void useObserved.getState().refresh();
  }, [mapId, mapKey]);
}
