// Tells the others where this person is: name and colour, pointer (about 20 updates a second),
// selection, viewport (for follow mode) and the node they are renaming. Viewers share presence too.
import { useEffect, useMemo, type PointerEvent } from 'react';
import { useOnViewportChange, useReactFlow } from '@xyflow/react';
import { throttle } from '../../sync/presence';
import { VIEW_ONLY_IDS } from '../../state/viewTypes';
import { useMap } from '../../state/session';
import { useUi } from '../../state/uiStore';

export function usePresenceBroadcast() {
  const { awareness, user, store } = useMap();
  const flow = useReactFlow();

  useEffect(() => {
    awareness?.setLocalStateField('user', user);
  }, [awareness, user]);

  // Selection: one awareness write per change of the selected set.
  useEffect(() => {
    if (!awareness) return;
    let last = '';
    const publish = () => {
      const ids = store
        .getState()
        .nodes.filter((node) => node.selected && !VIEW_ONLY_IDS.has(node.id))
        .map((node) => node.id);
      const key = ids.join('\n');
      if (key === last) return;
      last = key;
      awareness.setLocalStateField('selection', ids);
    };
    publish();
    return store.subscribe(publish);
  }, [awareness, store]);

  // Renaming: "Alice is renaming…" on the card for the others, so two people do not type at once.
  useEffect(() => {
    if (!awareness) return;
    let last: string | null | undefined;
    const publish = () => {
      const { editingNodeId, renamingInPanel } = useUi.getState();
      const id = editingNodeId ?? renamingInPanel;
      if (id === last) return;
      last = id;
      awareness.setLocalStateField('renaming', id);
    };
    publish();
    return useUi.subscribe(publish);
  }, [awareness]);

  const sendCursor = useMemo(
    () => throttle((cursor: { x: number; y: number } | null) => awareness?.setLocalStateField('pointer', cursor), 50),
    [awareness],
  );
  const sendViewport = useMemo(
    () =>
      throttle(
        (viewport: { x: number; y: number; zoom: number }) => awareness?.setLocalStateField('viewport', viewport),
        100,
      ),
    [awareness],
  );
  useEffect(
    () => () => {
      sendCursor.cancel();
      sendViewport.cancel();
    },
    [sendCursor, sendViewport],
  );
  useOnViewportChange({ onChange: sendViewport });

  return {
    onPointerMove: (event: PointerEvent) =>
      sendCursor(flow.screenToFlowPosition({ x: event.clientX, y: event.clientY })),
    onPointerLeave: () => {
      sendCursor.cancel();
      awareness?.setLocalStateField('pointer', null);
    },
  };
}
