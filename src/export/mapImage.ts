// The whole map as one canvas: React Flow's viewport element is cloned into an SVG image once
// (snapshot.ts, with a transform that puts the map's bounds at the origin, as React Flow's
// "download image" example does with html-to-image), then drawn onto the output canvas tile by tile
// at the chosen scale (tiles.ts), with the legend strip below it.
import { snapshotImage } from './snapshot';
import { stripChrome } from './withoutChrome';
import { FAR_CLASS } from '../state/layout';
import { getViewportForBounds, type Rect } from '@xyflow/react';
import { planRender, type RenderPlan } from './tiles';
import { throwIfCancelled, yieldToBrowser, type Progress } from './download';

export interface MapImageOptions {
  /** `.react-flow__viewport` of the canvas. */
  viewport: HTMLElement;
  /** The map's bounds in flow coordinates (getNodesBounds of every node). */
  bounds: Rect;
  scale: number;
  /** A CSS colour, or null for a transparent background. */
  background: string | null;
  /** Space around the map, in CSS pixels. */
  padding?: number;
  /** An element drawn under the map, as wide as the image (the legend strip). */
  legend?: HTMLElement | null;
  signal?: AbortSignal;
  onProgress?: Progress;
}

export interface MapImage {
  canvas: HTMLCanvasElement;
  plan: RenderPlan;
  /** Size in CSS pixels (map + padding + legend). */
  width: number;
  height: number;
  /** Height of the map part (without the legend), in CSS pixels. */
  mapHeight: number;
}

export const MAP_PADDING = 32;

export async function renderMapImage(options: MapImageOptions): Promise<MapImage> {
  const { viewport, bounds, signal, onProgress } = options;
  const padding = options.padding ?? MAP_PADDING;
  const width = Math.ceil(bounds.width + 2 * padding);
  const mapHeight = Math.ceil(bounds.height + 2 * padding);
  const legendHeight = options.legend ? Math.ceil(options.legend.getBoundingClientRect().height) : 0;
  const height = mapHeight + legendHeight;
  // zoom pinned to 1: the image is the map at its own size; the scale is applied when drawing
  const view = getViewportForBounds(bounds, width, mapHeight, 1, 1, 0);
  onProgress?.(0.02, 'prepare');
  await yieldToBrowser();
  throwIfCancelled(signal);
  const mapSvg = await snapshotImage(viewport, {
    width,
    height: mapHeight,
    clean: stripChrome,
    dropAncestorClasses: [FAR_CLASS], // full detail, whatever the zoom on screen
    style: { transform: `translate(${view.x}px, ${view.y}px) scale(${view.zoom})` },
  });
  throwIfCancelled(signal);
  const legendSvg = options.legend
    ? await snapshotImage(options.legend, { width, height: legendHeight, style: { margin: '0' } })
    : null;
  throwIfCancelled(signal);
  onProgress?.(0.35, 'render');

  const plan = planRender(width, height, options.scale);
  const canvas = document.createElement('canvas');
  canvas.width = plan.pixelWidth;
  canvas.height = plan.pixelHeight;
  const context = canvas.getContext('2d');
  if (!context) throw new Error('the browser has no memory left for a canvas this large');
  if (options.background) {
    context.fillStyle = options.background;
    context.fillRect(0, 0, canvas.width, canvas.height);
  }
  const s = plan.scale;
  for (const [index, tile] of plan.tiles.entries()) {
    throwIfCancelled(signal);
    // the map part of this tile, then the legend part (the legend sits under the map)
    const mapPart = Math.max(0, Math.min(tile.y + tile.height, mapHeight) - tile.y);
    if (mapPart > 0)
      context.drawImage(
        mapSvg,
        tile.x,
        tile.y,
        tile.width,
        mapPart,
        tile.x * s,
        tile.y * s,
        tile.width * s,
        mapPart * s,
      );
    if (legendSvg && tile.y + tile.height > mapHeight) {
      const top = Math.max(tile.y, mapHeight);
      const part = tile.y + tile.height - top;
      context.drawImage(
        legendSvg,
        tile.x,
        top - mapHeight,
        tile.width,
        part,
        tile.x * s,
        top * s,
        tile.width * s,
        part * s,
      );
    }
    onProgress?.(0.35 + (0.5 * (index + 1)) / plan.tiles.length, 'render');
    await yieldToBrowser();
  }
  return { canvas, plan, width, height, mapHeight };
}

export function canvasToPngBlob(canvas: HTMLCanvasElement): Promise<Blob> {
  return new Promise((resolve, reject) => {
    canvas.toBlob(
      (blob) => (blob ? resolve(blob) : reject(new Error('the browser could not encode the PNG (out of memory?)'))),
      'image/png',
    );
  });
}
