// Per-person undo: a Y.UndoManager that tracks only this browser's own commands (origin LOCAL_USER).
// Remote changes, metric ingests, imports and repairs have other origins, so they never enter this
// person's undo stack, and undoing never reverts someone else's change.
import * as Y from 'yjs';
import { createStore, type StoreApi } from 'zustand/vanilla';
import { LOCAL_USER, roots } from '../model';

export interface UndoState {
  canUndo: boolean;
  canRedo: boolean;
}

export interface JourneyUndo {
  state: StoreApi<UndoState>;
  undo(): void;
  redo(): void;
  /** Ends the current step: the next change starts a new one (called when a drag starts and ends). */
  stopCapturing(): void;
  /** The next change joins the last step (naming a node just added: adding it and naming it is one step). */
  joinNextToLast(): void;
  destroy(): void;
}

export function createUndo(doc: Y.Doc): JourneyUndo {
  const { meta, stageOrder, nodes, edges, metricDefs, comments } = roots(doc);
  // Changes closer together than captureTimeout merge into one step (typing a label, a toolbar
  // action's follow-ups). A drag is written once, on drop, between two stopCapturing calls, so it is
  // one step of its own.
  const manager = new Y.UndoManager([meta, stageOrder, nodes, edges, metricDefs, comments], {
    trackedOrigins: new Set([LOCAL_USER]),
    captureTimeout: 400,
  });
  const state = createStore<UndoState>(() => ({ canUndo: false, canRedo: false }));
  const refresh = () => state.setState({ canUndo: manager.canUndo(), canRedo: manager.canRedo() });
  manager.on('stack-item-added', refresh);
  manager.on('stack-item-popped', refresh);
  manager.on('stack-cleared', refresh);
  return {
    state,
    undo: () => void manager.undo(),
    redo: () => void manager.redo(),
    stopCapturing: () => manager.stopCapturing(),
    // the manager merges a change into the last step when it comes within captureTimeout of lastChange
    joinNextToLast: () => {
      if (manager.canUndo()) manager.lastChange = Date.now();
    },
    destroy: () => manager.destroy(),
  };
}
