// Dragging: while a node moves, its position lives in React Flow's state and streams to the others
// through awareness (useRemoteDrags draws it there); the doc is written once, on drop, in one
// transaction (one undo step), where the drop also decides meaning (planDrop, pure: a touchpoint
// takes the stage it lands in, a stage takes its new place in the order, an owner dropped on a stage
// header becomes its owner). A write per frame would re-derive the whole view, store and send an
// update every frame.
import { useCallback, useEffect, useMemo, useRef } from 'react';
import { useReactFlow, type NodeChange, type OnNodeDrag } from '@xyflow/react';
import { LOCAL_USER, assignStageOwner, moveNodes, moveStage, setTouchpointStage } from '../model';
import type * as Y from 'yjs';
import type { JourneyFlowNode } from '../state/viewTypes';
import { LIVE_DRAG_MAX, throttle, type LiveDrag } from '../sync/presence';
import { planDrop, type DropStep } from '../state/drop';
import { snapDrop } from '../state/dropSnap';
import { useMap } from '../state/session';

/** How often a drag in progress is announced to the others (as often as the pointer). */
const LIVE_DRAG_EVERY_MS = 50;

/** Runs one step of a drop as its model command. */
function runStep(doc: Y.Doc, step: DropStep): void {
  if (step.op === 'move') moveNodes(doc, step.moves);
  else if (step.op === 'moveStage') moveStage(doc, step.stageId, step.index);
  else if (step.op === 'setStage') setTouchpointStage(doc, step.touchpointId, step.stageId, step.position);
  else assignStageOwner(doc, step.stageId, step.ownerId);
}

export function useDragToDoc() {
  const { doc, store, run, undo, awareness } = useMap();
  const flow = useReactFlow<JourneyFlowNode>();
  /** Where the dragged nodes are now (React Flow positions), announced to the others. */
  const live = useRef(new Map<string, { x: number; y: number }>());
  const startPositions = useRef(new Map<string, { x: number; y: number }>());

  const announce = useMemo(
    () =>
      throttle(() => {
        if (!awareness || live.current.size === 0 || live.current.size > LIVE_DRAG_MAX) return;
        const drag: Record<string, readonly [number, number]> = {};
        for (const [id, { x, y }] of live.current) drag[id] = [Math.round(x * 10) / 10, Math.round(y * 10) / 10];
        awareness.setLocalStateField('drag', drag satisfies LiveDrag);
      }, LIVE_DRAG_EVERY_MS),
    [awareness],
  );
  useEffect(() => () => announce.cancel(), [announce]);

  /** Called with React Flow's position changes while dragging. */
  const queueMoves = useCallback(
    (changes: NodeChange<JourneyFlowNode>[]) => {
      let moved = false;
      for (const change of changes) {
        if (change.type !== 'position' || !change.position || !change.dragging) continue;
        live.current.set(change.id, change.position);
        moved = true;
      }
      if (moved) announce();
    },
    [announce],
  );

  const onNodeDragStart: OnNodeDrag<JourneyFlowNode> = useCallback(
    (_event, _node, dragged) => {
      startPositions.current = new Map(dragged.map((node) => [node.id, { ...node.position }]));
      live.current.clear();
      undo?.stopCapturing(); // a drag is one undo step of its own
    },
    [undo],
  );

  const onNodeDragStop: OnNodeDrag<JourneyFlowNode> = useCallback(
    (_event, _node, dragged) => {
      announce.cancel();
      const { columns, modelNodes, nodes: drawn, laneGrowth } = store.getState();
      const droppedAt = dragged.flatMap((node) => {
        const internal = flow.getInternalNode(node.id);
        if (!internal) return [];
        const abs = internal.internals.positionAbsolute;
        return [
          {
            id: node.id,
            box: { x: abs.x, y: abs.y, width: internal.measured.width ?? 0, height: internal.measured.height ?? 0 },
          },
        ];
      });
      // a dropped card lands in the nearest free slot of its cell
      const { moved, dropped } = snapDrop({
        columns,
        nodes: modelNodes,
        drawn,
        laneGrowth,
        moved: live.current,
        dropped: droppedAt,
      });
      const { steps, snapBack } = planDrop({
        columns,
        nodes: modelNodes,
        moved,
        dropped,
        start: startPositions.current,
      });
      live.current.clear();
      doc.transact(() => {
        for (const step of steps) run(() => runStep(doc, step));
      }, LOCAL_USER);
      // after the doc update, so the others never draw the node back at its old place in between
      awareness?.setLocalStateField('drag', null);
      if (snapBack) store.resetPositions();
      undo?.stopCapturing();
    },
    [announce, awareness, doc, flow, run, store, undo],
  );

  return { queueMoves, onNodeDragStart, onNodeDragStop };
}
