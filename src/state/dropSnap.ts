// A drop never leaves two cards overlapping: before the drop is planned (planDrop), a dropped card
// moves to the nearest free slot of the cell it lands in, and a node dropped in the lanes under the
// grown touchpoints lane is stored without that growth (arrangeView adds it back when drawing).
import type { JourneyNode } from '../model';
import { cardDropSlot, lowerLanesTop, sizeOf } from './arrangeView';
import { columnAt, type Box, type StageColumn } from './layout';
import type { JourneyFlowNode } from './viewTypes';

export interface DropToSnap {
  columns: readonly StageColumn[];
  /** The model's nodes, by id. */
  nodes: ReadonlyMap<string, JourneyNode>;
  /** The view's nodes where they are drawn. */
  drawn: readonly JourneyFlowNode[];
  laneGrowth: number;
  moved: ReadonlyMap<string, { x: number; y: number }>;
  dropped: ReadonlyArray<{ id: string; box: Box }>;
}

export function snapDrop({
  columns,
  nodes,
  drawn,
  laneGrowth,
  moved,
  dropped,
}: DropToSnap): Pick<DropToSnap, 'moved' | 'dropped'> {
  const draggedIds = new Set(dropped.map((entry) => entry.id));
  const snappedMoves = new Map(moved);
  const snappedDrops = dropped.map(({ id, box }) => {
    if (nodes.get(id)?.kind !== 'touchpoint') {
      const at = moved.get(id);
      if (at && laneGrowth > 0 && at.y >= lowerLanesTop() + laneGrowth)
        snappedMoves.set(id, { x: at.x, y: at.y - laneGrowth });
      return { id, box };
    }
    const column = columnAt(columns, box.x + box.width / 2);
    const stageId = column?.id ?? null;
    const cell = drawn
      .filter((node) => node.type === 'touchpoint' && (node.parentId ?? null) === stageId && !draggedIds.has(node.id))
      .map((node) => ({ ...node.position, ...sizeOf(node) }));
    const offset = column?.x ?? 0;
    const slot = cardDropSlot({ ...box, x: box.x - offset }, cell, column?.w);
    if (moved.has(id)) snappedMoves.set(id, slot);
    return { id, box: { ...box, x: slot.x + offset, y: slot.y } };
  });
  return { moved: snappedMoves, dropped: snappedDrops };
}
