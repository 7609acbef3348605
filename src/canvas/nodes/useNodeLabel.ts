// Shared wiring of a node's inline label: commit through the model, and F2-started editing.
import { useCallback } from 'react';
import { setLabel } from '../../model';
import { useUi } from '../../state/uiStore';
import { reportLostText } from '../../state/lostText';
import { useMap } from '../../state/session';

export function useNodeLabel(id: string) {
  const { doc, awareness, readOnly, run, undo } = useMap();
  const editing = useUi((state) => state.editingNodeId === id);
  const startEditing = useUi((state) => state.startEditing);
  const onCommit = useCallback(
    (label: string) => {
      const ui = useUi.getState();
      if (ui.namingNewNodeId === id) {
        useUi.setState({ namingNewNodeId: null });
        undo?.joinNextToLast(); // adding a node and naming it is one undo step
      }
      run(() => setLabel(doc, id, label));
    },
    [doc, id, run, undo],
  );
  const onEditingChange = useCallback((on: boolean) => startEditing(on ? id : null), [id, startEditing]);
  const onLostRace = useCallback(
    (mine: string) => reportLostText({ doc, awareness, run }, id, mine),
    [doc, awareness, run, id],
  );
  return { readOnly, editing, onCommit, onEditingChange, onLostRace };
}
