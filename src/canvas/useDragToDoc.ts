// Dragging: while a node moves, its position lives in React Flow's state and streams to the others
// through awareness (useRemoteDrags draws it there); the doc is written once, on drop, in one
// transaction (one undo step), where the drop also decides meaning (planDrop, pure: a touchpoint
// takes the stage it lands in, a stage takes its new place in the order, an owner dropped on a stage
// header becomes its owner). A write per frame would re-derive the whole view, store and send an
// update every frame. Arrow-key moves (React Flow moves the selected nodes itself and reports
// position changes without `dragging`) take the same path: streamed while the keys repeat, written
// once when they pause, one undo step.
import { useCallback, useEffect, useMemo, useRef } from 'react';
import { useReactFlow, type NodeChange, type OnNodeDrag } from '@xyflow/react';
import { LOCAL_USER, assignStageOwner, moveNodes, moveStage, setTouchpointStage } from '../model';
import type * as Y from 'yjs';
import type { JourneyFlowNode } from '../state/viewTypes';
import { LIVE_DRAG_MAX, throttle, type LiveDrag } from '../sync/presence';
import { planDrop, type DropStep } from '../state/drop';
import { snapDrop } from '../state/dropSnap';
import { useMap } from '../state/session';
import { DETAIL_ZOOM } from '../state/layout';
import { dragEnded, dragStarted } from './dragInProgress';

/** How often a drag in progress is announced to the others (as often as the pointer). */
const LIVE_DRAG_EVERY_MS = 50;
/** An arrow-key move is written when no arrow key has moved the nodes for this long. */
export const KEY_MOVE_SETTLE_MS = 400;
/** Keys that move the selected nodes (Shift makes the step bigger): they do not end a key move. */
const ARROW_KEYS = new Set(['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight', 'Shift']);

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
  /** A pointer drag is in progress (its last position changes, sent before onNodeDragStop, are not key moves). */
  const pointerDrag = useRef(false);
  const keyMoveTimer = useRef<ReturnType<typeof setTimeout> | null>(null);

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
  useEffect(() => dragEnded, []); // a canvas closed mid-drag leaves no edge sketched

  const onNodeDragStart: OnNodeDrag<JourneyFlowNode> = useCallback(
    (_event, _node, dragged) => {
      pointerDrag.current = true;
      startPositions.current = new Map(dragged.map((node) => [node.id, { ...node.position }]));
      live.current.clear();
      // with the whole map in view, the moving edges are sketched until the drop (dragInProgress.ts);
      // a dragged stage carries its cards along, and their edges with them
      const moving = new Set(dragged.map((node) => node.id));
      for (const node of store.getState().nodes) if (node.parentId && moving.has(node.parentId)) moving.add(node.id);
      dragStarted([...moving], flow.getZoom() < DETAIL_ZOOM);
      undo?.stopCapturing(); // a drag is one undo step of its own
    },
    [flow, store, undo],
  );

  /** Writes the moves of `ids` (their drawn positions now) to the doc in one transaction, one undo step. */
  const commitMoves = useCallback(
    (ids: readonly string[]) => {
      announce.cancel();
      const { columns, modelNodes, nodes: drawn, laneGrowth } = store.getState();
      const droppedAt = ids.flatMap((id) => {
        const internal = flow.getInternalNode(id);
        if (!internal) return [];
        const abs = internal.internals.positionAbsolute;
        return [
          {
            id,
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
      startPositions.current = new Map();
      dragEnded(); // in the same render as the drop: the edges are routed once, where the cards land
      undo?.stopCapturing();
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

  const onNodeDragStop: OnNodeDrag<JourneyFlowNode> = useCallback(
    (_event, _node, dragged) => {
      pointerDrag.current = false;
      commitMoves(dragged.map((node) => node.id));
    },
    [commitMoves],
  );

  const commitKeyMoves = useCallback(() => {
    keyMoveTimer.current = null;
    const ids = [...live.current.keys()];
    if (ids.length === 0) return;
    commitMoves(ids);
    // they were drawn as in flight (queueMoves); now the doc has them, they land like dropped cards
    store.applyNodeChanges(ids.map((id) => ({ id, type: 'position', dragging: false })));
  }, [commitMoves, store]);
  // a key move still waiting is written before anything else can happen: another key (Ctrl+Z must
  // undo the move, not what came before it), a pointer press, leaving the page, closing the map
  useEffect(() => {
    const flush = (event?: Event) => {
      if (!keyMoveTimer.current) return;
      if (event instanceof KeyboardEvent && ARROW_KEYS.has(event.key)) return;
      clearTimeout(keyMoveTimer.current);
      commitKeyMoves();
    };
    window.addEventListener('keydown', flush, true);
    window.addEventListener('pointerdown', flush, true);
    window.addEventListener('pagehide', flush);
    return () => {
      window.removeEventListener('keydown', flush, true);
      window.removeEventListener('pointerdown', flush, true);
      window.removeEventListener('pagehide', flush);
      flush();
    };
  }, [commitKeyMoves]);

  /**
   * Called with React Flow's node changes before the view store applies them: pointer-drag positions
   * stream to the others; arrow-key positions (no drag in progress) too, and are written once the
   * keys pause.
   */
  const queueMoves = useCallback(
    (changes: NodeChange<JourneyFlowNode>[]): NodeChange<JourneyFlowNode>[] => {
      let moved = false;
      let keyMoved = false;
      const passed = changes.map((change) => {
        if (change.type !== 'position' || !change.position) return change;
        const byKey = !change.dragging && !pointerDrag.current;
        if (!change.dragging && !byKey) return change;
        if (byKey && !startPositions.current.has(change.id)) {
          const before = store.getState().nodes.find((node) => node.id === change.id);
          if (before) startPositions.current.set(change.id, { ...before.position });
        }
        live.current.set(change.id, change.position);
        moved = true;
        keyMoved ||= byKey;
        // the view store keeps a node in flight where it is (it re-arranges a cell only on a drop)
        return byKey ? { ...change, dragging: true } : change;
      });
      if (moved) announce();
      if (keyMoved) {
        if (keyMoveTimer.current) clearTimeout(keyMoveTimer.current);
        keyMoveTimer.current = setTimeout(commitKeyMoves, KEY_MOVE_SETTLE_MS);
      }
      return passed;
    },
    [announce, commitKeyMoves, store],
  );

  return { queueMoves, onNodeDragStart, onNodeDragStop };
}
