// Dragging, written to the doc: positions stream to the doc at most once per animation frame while
// a node moves, and the drop decides meaning (a touchpoint takes the stage it lands in, a stage
// takes its new place in the order, an owner dropped on a stage header becomes its owner).
import { useCallback, useEffect, useRef } from 'react';
import { useReactFlow, type NodeChange, type OnNodeDrag } from '@xyflow/react';
import { LOCAL_USER, assignStageOwner, moveNodes, moveStage, setTouchpointStage } from '../model';
import type { JourneyFlowNode } from '../state/viewTypes';
import { LAYOUT, columnAt, dropIndex } from './layout';
import { useMap } from './mapContext';

/** Kinds whose stored position is the user's (stages are placed by the layout). */
const FREE_KINDS = new Set(['touchpoint', 'channel', 'owner', 'note']);

export function useDragToDoc() {
  const { doc, store, run, undo } = useMap();
  const flow = useReactFlow<JourneyFlowNode>();
  const pending = useRef(new Map<string, { x: number; y: number }>());
  const frame = useRef<number | null>(null);
  const startPositions = useRef(new Map<string, { x: number; y: number }>());

  const flush = useCallback(() => {
    frame.current = null;
    if (pending.current.size === 0) return;
    const moves = [...pending.current].map(([id, position]) => ({ id, ...position }));
    pending.current.clear();
    run(() => moveNodes(doc, moves));
  }, [doc, run]);

  useEffect(() => () => {
    if (frame.current !== null) cancelAnimationFrame(frame.current);
  }, []);

  /** Called with React Flow's position changes while dragging. */
  const queueMoves = useCallback(
    (changes: NodeChange<JourneyFlowNode>[]) => {
      for (const change of changes) {
        if (change.type !== 'position' || !change.position || !change.dragging) continue;
        const kind = store.getState().modelNodes.get(change.id)?.kind;
        if (kind && FREE_KINDS.has(kind)) pending.current.set(change.id, change.position);
      }
      if (pending.current.size && frame.current === null) frame.current = requestAnimationFrame(flush);
    },
    [flush, store],
  );

  const onNodeDragStart: OnNodeDrag<JourneyFlowNode> = useCallback((_event, _node, dragged) => {
    startPositions.current = new Map(dragged.map((node) => [node.id, { ...node.position }]));
    undo?.stopCapturing(); // a drag is one undo step of its own
  }, [undo]);

  const onNodeDragStop: OnNodeDrag<JourneyFlowNode> = useCallback(
    (_event, _node, dragged) => {
      if (frame.current !== null) cancelAnimationFrame(frame.current);
      flush();
      const { columns, modelNodes } = store.getState();
      let snapBack = false;
      doc.transact(() => {
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
          } else if (model.kind === 'touchpoint') {
            const column = columnAt(columns, center.x);
            const stageId = column?.id ?? null;
            if (stageId !== model.stageId) {
              const position = column ? { x: abs.x - column.x, y: abs.y } : { x: abs.x, y: abs.y };
              run(() => setTouchpointStage(doc, model.id, stageId, position));
            }
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
      if (snapBack) store.resetPositions();
      undo?.stopCapturing();
    },
    [doc, flow, flush, run, store, undo],
  );

  return { queueMoves, onNodeDragStart, onNodeDragStop };
}
