// Dragging: while a node moves, its position lives in React Flow's state and streams to the others
// through awareness (useRemoteDrags draws it there); the doc is written once, on drop, in one
// transaction (one undo step), where the drop also decides meaning: a touchpoint takes the stage it
// lands in, a stage takes its new place in the order, an owner dropped on a stage header becomes its
// owner. A write per frame would re-derive the whole view, store and send an update every frame.
import { useCallback, useEffect, useMemo, useRef } from 'react';
import { useReactFlow, type NodeChange, type OnNodeDrag } from '@xyflow/react';
import { LOCAL_USER, assignStageOwner, moveNodes, moveStage, setTouchpointStage } from '../model';
import type { JourneyFlowNode } from '../state/viewTypes';
import { LIVE_DRAG_MAX, throttle, type LiveDrag } from '../sync/presence';
import { LAYOUT, columnAt, dropIndex } from '../state/layout';
import { cardDropSlot, lowerLanesTop, sizeOf } from '../state/arrangeView';
import { useMap } from '../state/session';

/** How often a drag in progress is announced to the others (as often as the pointer). */
const LIVE_DRAG_EVERY_MS = 50;

/** Kinds whose stored position is the user's (stages are placed by the layout). */
const FREE_KINDS = new Set(['touchpoint', 'channel', 'owner', 'note']);

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

  const onNodeDragStart: OnNodeDrag<JourneyFlowNode> = useCallback((_event, _node, dragged) => {
    startPositions.current = new Map(dragged.map((node) => [node.id, { ...node.position }]));
    live.current.clear();
    undo?.stopCapturing(); // a drag is one undo step of its own
  }, [undo]);

  const onNodeDragStop: OnNodeDrag<JourneyFlowNode> = useCallback(
    (_event, _node, dragged) => {
      announce.cancel();
      const { columns, modelNodes, nodes, laneGrowth } = store.getState();
      const draggedIds = new Set(live.current.keys());
      /** Where a dropped node is stored: a card in the nearest free slot of its cell; a pill in the lower lanes without their growth. */
      const stored = (id: string, position: { x: number; y: number }): { x: number; y: number; stageId?: string | null } => {
        const kind = modelNodes.get(id)?.kind;
        const internal = flow.getInternalNode(id);
        if (kind === 'touchpoint' && internal) {
          const size = sizeOf(internal);
          const abs = internal.internals.positionAbsolute;
          const column = columnAt(columns, abs.x + size.width / 2);
          const stageId = column?.id ?? null;
          const cell = nodes
            .filter((node) => node.type === 'touchpoint' && (node.parentId ?? null) === stageId && !draggedIds.has(node.id))
            .map((node) => ({ ...node.position, ...sizeOf(node) }));
          const box = { x: abs.x - (column?.x ?? 0), y: abs.y, ...size };
          return { ...cardDropSlot(box, cell, column?.width), stageId };
        }
        if (laneGrowth > 0 && position.y >= lowerLanesTop() + laneGrowth) return { x: position.x, y: position.y - laneGrowth };
        return position;
      };
      const moves = [...live.current]
        .filter(([id]) => FREE_KINDS.has(modelNodes.get(id)?.kind ?? ''))
        .map(([id, position]) => ({ id, ...stored(id, position) }));
      live.current.clear();
      let snapBack = false;
      doc.transact(() => {
        // a peer may have removed a node while it was dragged here: move only those still there
        const stillThere = moves.filter((move) => modelNodes.has(move.id));
        for (const move of stillThere) {
          const model = modelNodes.get(move.id);
          if (model?.kind === 'touchpoint' && move.stageId !== undefined && move.stageId !== model.stageId) {
            run(() => setTouchpointStage(doc, move.id, move.stageId ?? null, { x: move.x, y: move.y }));
          }
        }
        if (stillThere.length) run(() => moveNodes(doc, stillThere.map(({ id, x, y }) => ({ id, x, y }))));
        for (const node of dragged) {
          const model = modelNodes.get(node.id);
          const internal = flow.getInternalNode(node.id);
          if (!model || !internal) continue;
          const abs = internal.internals.positionAbsolute;
          const width = internal.measured.width ?? 0;
          const height = internal.measured.height ?? 0;
          const center = { x: abs.x + width / 2, y: abs.y + height / 2 };
          if (model.kind === 'stage') {
            const index = dropIndex(columns, model.id, center.x);
            const current = columns.findIndex((column) => column.id === model.id);
            if (index !== current) run(() => moveStage(doc, model.id, index));
            snapBack = true;
          } else if (model.kind === 'owner' && center.y >= 0 && center.y <= LAYOUT.headerHeight) {
            const column = columnAt(columns, center.x);
            const start = startPositions.current.get(model.id);
            if (column) {
              run(() => assignStageOwner(doc, column.id, model.id));
              // the owner goes back to its place in the rail
              if (start) run(() => moveNodes(doc, [{ id: model.id, ...start }]));
            }
          }
        }
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
