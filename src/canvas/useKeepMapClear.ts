// When the canvas changes size (a side panel opens or closes, the window is resized) the toolbars
// may wrap and land on the map: if the view is still the one "Fit" set (nobody panned or zoomed
// since) and a panel now covers the map's content, fit again, so nothing stays hidden. A view the
// person moved by hand is left alone.
import { useEffect } from 'react';
import { useStore as useFlowState, useStoreApi } from '@xyflow/react';
import { useFitNodes, stillFitted } from './useFitNodes';
import { panelsCoverMap } from './overlayCover';

export function useKeepMapClear(): void {
  const flowStore = useStoreApi();
  const fit = useFitNodes();
  const size = useFlowState((state) => `${state.width}×${state.height}`);
  useEffect(() => {
    // after the panels have found their places in the new size (layout effects) and been painted
    const frame = requestAnimationFrame(() => {
      const root = flowStore.getState().domNode;
      if (root && stillFitted(flowStore) && panelsCoverMap(root)) fit();
    });
    return () => cancelAnimationFrame(frame);
  }, [size, flowStore, fit]);
}
