// Mounted inside the canvas: performs the fit that a panel's showOnCanvas asks for.
import { useEffect } from 'react';
import { onShowOnCanvas } from '../state/showOnCanvas';
import { useFitNodes } from './useFitNodes';

export function useCanvasFocus(): void {
  const fit = useFitNodes();
  useEffect(
    () =>
      onShowOnCanvas((ids) => {
        if (ids.length > 0) fit({ ids, padding: 0.5, maxZoom: 1.2, duration: 300 });
      }),
    [fit],
  );
}
