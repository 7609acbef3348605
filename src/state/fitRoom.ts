// "Fit" that leaves room for what floats over the canvas: the toolbars along the top, the zoom
// controls bottom left and the minimap bottom right never cover the map after a fit. A corner
// overlay is kept clear either by leaving its height free at the bottom or its width free at the
// side, whichever lets the map be drawn bigger.
import { getViewportForBounds } from '@xyflow/react';
import type { Rect } from './noOverlap';

export interface Margins {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

export interface Overlays {
  /** Bottom edge (pane pixels) of the lowest panel along the top. */
  topPanelsBottom: number;
  bottomLeft?: { width: number; height: number };
  bottomRight?: { width: number; height: number };
}

/** Room between the map and an overlay. */
const CLEAR = 12;

function zoomFor(bounds: Rect, pane: { width: number; height: number }, margins: Margins): number {
  const roomX = Math.max(1, pane.width - margins.left - margins.right);
  const roomY = Math.max(1, pane.height - margins.top - margins.bottom);
  return Math.min(roomX / Math.max(1, bounds.width), roomY / Math.max(1, bounds.height));
}

/** The margins around the map, at least `base`, that keep every overlay clear and give the biggest map. */
export function fitMargins(
  bounds: Rect,
  pane: { width: number; height: number },
  overlays: Overlays,
  base: Margins,
): Margins {
  const top = Math.max(base.top, overlays.topPanelsBottom + CLEAR);
  const left = overlays.bottomLeft;
  const right = overlays.bottomRight;
  const leftOptions: Array<Partial<Margins>> = left
    ? [{ bottom: left.height + CLEAR }, { left: left.width + CLEAR }]
    : [{}];
  const rightOptions: Array<Partial<Margins>> = right
    ? [{ bottom: right.height + CLEAR }, { right: right.width + CLEAR }]
    : [{}];
  let best: Margins | null = null;
  let bestZoom = -1;
  for (const a of leftOptions) {
    for (const b of rightOptions) {
      const margins = {
        top,
        bottom: Math.max(base.bottom, a.bottom ?? 0, b.bottom ?? 0),
        left: Math.max(base.left, a.left ?? 0),
        right: Math.max(base.right, b.right ?? 0),
      };
      const zoom = zoomFor(bounds, pane, margins);
      if (zoom > bestZoom) {
        best = margins;
        bestZoom = zoom;
      }
    }
  }
  return best ?? { ...base, top };
}

/** The viewport that shows `bounds` inside the margins. */
export function viewportWithin(
  bounds: Rect,
  pane: { width: number; height: number },
  margins: Margins,
  minZoom: number,
  maxZoom: number,
) {
  const padding = {
    top: `${margins.top}px`,
    bottom: `${margins.bottom}px`,
    left: `${margins.left}px`,
    right: `${margins.right}px`,
  } as const;
  return getViewportForBounds(bounds, pane.width, pane.height, minZoom, maxZoom, padding);
}
