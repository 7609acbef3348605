// Where things sit on the journey grid: stage columns left to right, lanes top to bottom.
// Stage columns are laid out from `stageOrder` and each stage's width, so reordering stages moves
// their columns (and the touchpoints inside them, whose positions are relative to their column).
// The column rule itself is the model's (`layoutStageColumns`, one function for the canvas, the
// drop, and the model's own commands), so removing a stage keeps its touchpoints where they were drawn.
import { STAGE_LAYOUT, type StageColumn } from '../model';
import type { MessageKey } from '../i18n';

export interface LaneSpec {
  id: 'touchpoints' | 'channels' | 'emotion';
  label: MessageKey;
  height: number;
}

export const LAYOUT = {
  /** Header of each stage column: name, colour, owner, counts. */
  headerHeight: 84,
  /** Lane labels sit in a column left of the first stage. */
  laneLabelWidth: 132,
  stageGap: STAGE_LAYOUT.gap,
  /** The people rail (owners) sits this far above the headers. */
  railY: -96,
  lanes: [
    { id: 'touchpoints', label: 'lane.touchpoints', height: 380 },
    { id: 'channels', label: 'lane.channels', height: 120 },
    { id: 'emotion', label: 'lane.emotion', height: 150 },
  ] satisfies LaneSpec[],
} as const;

export const CANVAS_HEIGHT = LAYOUT.headerHeight + LAYOUT.lanes.reduce((sum, lane) => sum + lane.height, 0);

export function laneTop(id: LaneSpec['id']): number {
  let y = LAYOUT.headerHeight;
  for (const lane of LAYOUT.lanes) {
    if (lane.id === id) return y;
    y += lane.height;
  }
  return y;
}

export type { StageColumn };

export function columnsWidth(columns: readonly StageColumn[]): number {
  const last = columns[columns.length - 1];
  return last ? last.x + last.w : 0;
}

/** The column under an x coordinate of the flow, if any (the gap between columns belongs to none). */
export function columnAt(columns: readonly StageColumn[], x: number): StageColumn | undefined {
  return columns.find((column) => x >= column.x && x <= column.x + column.w);
}

/** The index a stage dragged so that its centre is at `centerX` should take in the order. */
export function dropIndex(columns: readonly StageColumn[], draggedId: string, centerX: number): number {
  const others = columns.filter((column) => column.id !== draggedId);
  return others.filter((column) => column.x + column.w / 2 < centerX).length;
}

/** A free spot for a new touchpoint in a column, below the ones already there. */
export function nextTouchpointSlot(existingYs: readonly number[]): { x: number; y: number } {
  const top = laneTop('touchpoints') + 16;
  const bottom = existingYs.length ? Math.max(...existingYs) + 112 : top;
  return { x: 20, y: Math.max(top, bottom) };
}

/** Room around "zoom to fit", in screen pixels: at the top for the toolbar that floats over the canvas. */
export const FIT_MARGIN = { top: 84, bottom: 24, left: 32, right: 32 } as const;
/** FIT_MARGIN as React Flow's fit padding. */
export const FIT_PADDING = {
  top: `${FIT_MARGIN.top}px`,
  bottom: `${FIT_MARGIN.bottom}px`,
  left: `${FIT_MARGIN.left}px`,
  right: `${FIT_MARGIN.right}px`,
} as const;

/**
 * Sizes React Flow assumes for a node it has not measured yet. Only the nodes in view are mounted
 * (and so measured); these let it tell whether a node is in view, and "fit" include every node.
 */
export const ESTIMATED_SIZE = {
  touchpointHeight: 110,
  channel: { width: 150, height: 40 },
  owner: { width: 170, height: 48 },
} as const;

/** Below this zoom cards draw their title and colour only (canvas/detail.css): their small text is under 6 px. */
export const DETAIL_ZOOM = 0.5;
/** The canvas's class while it draws less detail (an export draws full detail whatever the zoom). */
export const FAR_CLASS = 'is-far';

/** Below this zoom a card's text is under 8 px: a map that only fits smaller opens at its start instead. */
export const READABLE_ZOOM = 0.6;

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A flow node as far as its box goes (React Flow's Node has these fields). */
interface Placed {
  id: string;
  position: { x: number; y: number };
  parentId?: string;
  width?: number;
  height?: number;
  initialWidth?: number;
  initialHeight?: number;
  measured?: { width?: number; height?: number };
}

/** The box around nodes, from their stored or estimated sizes (no measuring: before anything is drawn). */
export function nodesBox(nodes: readonly Placed[]): Box {
  const byId = new Map(nodes.map((node) => [node.id, node]));
  let left = Infinity;
  let top = Infinity;
  let right = -Infinity;
  let bottom = -Infinity;
  for (const node of nodes) {
    const parent = node.parentId ? byId.get(node.parentId) : undefined;
    const x = node.position.x + (parent?.position.x ?? 0);
    const y = node.position.y + (parent?.position.y ?? 0);
    const width = node.measured?.width ?? node.width ?? node.initialWidth ?? 0;
    const height = node.measured?.height ?? node.height ?? node.initialHeight ?? 0;
    left = Math.min(left, x);
    top = Math.min(top, y);
    right = Math.max(right, x + width);
    bottom = Math.max(bottom, y + height);
  }
  return nodes.length === 0
    ? { x: 0, y: 0, width: 0, height: 0 }
    : { x: left, y: top, width: right - left, height: bottom - top };
}

/**
 * Where a map opens: all of it when it fits at a readable zoom (the caller then refines with a real
 * fit once cards are measured); otherwise its whole height, at the start of the journey (the left),
 * as a journey is read left to right, at a zoom no smaller than READABLE_ZOOM.
 */
export function openingViewport(
  bounds: Box,
  pane: { width: number; height: number },
  maxZoom = 1,
): { x: number; y: number; zoom: number; fitsWhole: boolean } {
  const pad = FIT_MARGIN;
  const roomX = Math.max(1, pane.width - pad.left - pad.right);
  const roomY = Math.max(1, pane.height - pad.top - pad.bottom);
  const fitZoom = Math.min(roomX / Math.max(1, bounds.width), roomY / Math.max(1, bounds.height), maxZoom);
  if (fitZoom >= READABLE_ZOOM) {
    return {
      x: pad.left + (roomX - bounds.width * fitZoom) / 2 - bounds.x * fitZoom,
      y: pad.top + (roomY - bounds.height * fitZoom) / 2 - bounds.y * fitZoom,
      zoom: fitZoom,
      fitsWhole: true,
    };
  }
  const zoom = Math.min(maxZoom, Math.max(READABLE_ZOOM, roomY / Math.max(1, bounds.height)));
  return { x: pad.left - bounds.x * zoom, y: pad.top - bounds.y * zoom, zoom, fitsWhole: false };
}
