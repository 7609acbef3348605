// What a drop on the canvas means, as plain data: which nodes keep the position they were dragged
// to, and what else the drop decides (a touchpoint takes the stage it lands in, a stage takes its new
// place in the order, an owner dropped on a stage header becomes its owner and goes back to the
// rail). Pure: the canvas's drag hook (useDragToDoc) runs the steps as model commands.
import type { JourneyNode, NodeMove } from '../model';
import { LAYOUT, columnAt, dropIndex, type Box, type StageColumn } from './layout';

/** Kinds whose stored position is the user's (stages are placed by the layout). */
const FREE_KINDS: ReadonlySet<string> = new Set(['touchpoint', 'channel', 'owner', 'note']);

export interface DragEnd {
  /** The stage columns as drawn when the drag ended. */
  columns: readonly StageColumn[];
  /** The map's nodes (the model's), by id. */
  nodes: ReadonlyMap<string, JourneyNode>;
  /** The last position React Flow reported for each node that moved (relative to its parent, as stored). */
  moved: ReadonlyMap<string, { x: number; y: number }>;
  /** Each dragged node's box on the canvas (absolute, measured) where it was dropped. */
  dropped: ReadonlyArray<{ id: string; box: Box }>;
  /** Where each dragged node was when the drag began (stored coordinates). */
  start: ReadonlyMap<string, { x: number; y: number }>;
}

/** One model command of a drop, in the order they run. */
export type DropStep =
  | { op: 'move'; moves: NodeMove[] }
  | { op: 'moveStage'; stageId: string; index: number }
  | { op: 'setStage'; touchpointId: string; stageId: string | null; position: { x: number; y: number } }
  | { op: 'assignOwner'; stageId: string; ownerId: string };

export interface DropPlan {
  steps: DropStep[];
  /** A stage was dropped: the view must put it back on its column (the layout places stages). */
  snapBack: boolean;
}

export function planDrop({ columns, nodes, moved, dropped, start }: DragEnd): DropPlan {
  const steps: DropStep[] = [];
  let snapBack = false;
  // a peer may have removed a node while it was dragged here: move only those still there
  const moves = [...moved]
    .filter(([id]) => FREE_KINDS.has(nodes.get(id)?.kind ?? ''))
    .map(([id, position]) => ({ id, ...position }));
  if (moves.length) steps.push({ op: 'move', moves });
  for (const { id, box } of dropped) {
    const model = nodes.get(id);
    if (!model) continue;
    const center = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
    if (model.kind === 'stage') {
      const index = dropIndex(columns, model.id, center.x);
      const current = columns.findIndex((column) => column.id === model.id);
      if (index !== current) steps.push({ op: 'moveStage', stageId: model.id, index });
      snapBack = true;
    } else if (model.kind === 'touchpoint') {
      const column = columnAt(columns, center.x);
      const stageId = column?.id ?? null;
      if (stageId !== model.stageId) {
        const position = column ? { x: box.x - column.x, y: box.y } : { x: box.x, y: box.y };
        steps.push({ op: 'setStage', touchpointId: model.id, stageId, position });
      }
    } else if (model.kind === 'owner' && center.y >= 0 && center.y <= LAYOUT.headerHeight) {
      const column = columnAt(columns, center.x);
      const from = start.get(model.id);
      if (column) {
        steps.push({ op: 'assignOwner', stageId: column.id, ownerId: model.id });
        // the owner goes back to its place in the rail
        if (from) steps.push({ op: 'move', moves: [{ id: model.id, ...from }] });
      }
    }
  }
  return { steps, snapBack };
}
