// Where new nodes go: into the column under the pointer, the selected stage, a free slot of a lane,
// or the people rail. Pure functions of the current view, so they are easy to test.
import type { JourneyNode, TouchpointNode } from '../model';
import { LAYOUT, columnAt, laneTop, nextTouchpointSlot, type StageColumn } from './layout';

export interface TouchpointPlacement {
  stageId: string | null;
  x: number;
  y: number;
}

const touchpointTop = () => laneTop('touchpoints') + 12;

/** A touchpoint at a flow point: in the column there (relative coordinates), else unassigned. */
export function touchpointAtPoint(
  columns: readonly StageColumn[],
  point: { x: number; y: number },
): TouchpointPlacement {
  const column = columnAt(columns, point.x);
  // no bottom: the lane grows to hold its cards (arrangeView)
  const y = Math.max(point.y - 40, touchpointTop());
  if (!column) return { stageId: null, x: point.x - 110, y };
  const x = Math.min(Math.max(point.x - column.x - 110, 8), Math.max(8, column.w - 228));
  return { stageId: column.id, x, y };
}

/** A touchpoint appended to a stage, below its existing touchpoints. */
export function touchpointInStage(stageId: string | null, nodes: Iterable<JourneyNode>): TouchpointPlacement {
  const ys: number[] = [];
  for (const node of nodes)
    if (node.kind === 'touchpoint' && node.stageId === stageId) ys.push((node as TouchpointNode).y);
  const slot = nextTouchpointSlot(ys);
  // never clamped to the lane's default bottom (cards landed on each other there): the lane grows
  return { stageId, x: slot.x, y: slot.y };
}

/** The next free spot in the Channels lane (absolute coordinates). */
export function channelSlot(channelCount: number): { x: number; y: number } {
  return { x: 16 + (channelCount % 8) * 176, y: laneTop('channels') + 22 + Math.floor(channelCount / 8) * 52 };
}

/** The next free spot in the people rail above the stage headers. */
export function ownerSlot(ownerCount: number): { x: number; y: number } {
  return { x: ownerCount * 186, y: LAYOUT.railY };
}

/** The stage that "add touchpoint" targets: the selected stage, the selected touchpoint's stage, or the first. */
export function targetStage(selected: readonly JourneyNode[], stages: readonly { id: string }[]): string | null {
  for (const node of selected) {
    if (node.kind === 'stage') return node.id;
    if (node.kind === 'touchpoint' && node.stageId) return node.stageId;
  }
  return stages[0]?.id ?? null;
}
