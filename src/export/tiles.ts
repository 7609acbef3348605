// How a large image is rendered: browsers cap one canvas (Chromium: 16,384 px a side in practice
// across browsers, 268 M px in area), and rasterising a huge SVG in one draw can come out blank. So
// the map is drawn in tiles of at most TILE_SIDE device pixels and stitched onto one canvas; when
// even the stitched canvas would pass the limits, the scale is lowered and the caller says so.

export const CANVAS_LIMITS = { maxSide: 16_384, maxArea: 268_435_456 } as const;
/** The largest square drawn in one step. */
export const TILE_SIDE = 4096;

export interface Tile {
  /** In CSS pixels of the map image (before scaling). */
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface RenderPlan {
  /** The scale actually used (≤ the requested one). */
  scale: number;
  /** True when the requested scale had to be lowered to fit one canvas. */
  reduced: boolean;
  /** Output size in device pixels. */
  pixelWidth: number;
  pixelHeight: number;
  tiles: Tile[];
}

/** The largest scale ≤ `requested` at which a width × height image fits the limits. */
export function fittingScale(width: number, height: number, requested: number, limits = CANVAS_LIMITS): number {
  const bySide = limits.maxSide / Math.max(width, height);
  const byArea = Math.sqrt(limits.maxArea / (width * height));
  // floor to 1/100 so rounding up the pixel size never crosses the limit
  return Math.min(requested, Math.floor(Math.min(bySide, byArea) * 100) / 100);
}

export function planRender(
  width: number,
  height: number,
  requested: number,
  limits = CANVAS_LIMITS,
  tileSide = TILE_SIDE,
): RenderPlan {
  if (!(width > 0 && height > 0 && requested > 0)) throw new Error('nothing to render');
  const scale = fittingScale(width, height, requested, limits);
  if (!(scale > 0)) throw new Error('the map is too large to render');
  const pixelWidth = Math.ceil(width * scale);
  const pixelHeight = Math.ceil(height * scale);
  const step = tileSide / scale; // a tile's side in CSS pixels
  const tiles: Tile[] = [];
  for (let y = 0; y < height; y += step) {
    for (let x = 0; x < width; x += step) {
      tiles.push({ x, y, width: Math.min(step, width - x), height: Math.min(step, height - y) });
    }
  }
  return { scale, reduced: scale < requested, pixelWidth, pixelHeight, tiles };
}
