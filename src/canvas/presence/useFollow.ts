// Follow mode: the viewport follows the chosen person's viewport (the workshop facilitator); any pan
// or zoom of one's own stops following.
import { useEffect } from 'react';
import { useReactFlow } from '@xyflow/react';
import type { PresenceStore } from '../../state/presenceStore';

export function useFollow(presence: PresenceStore | undefined) {
  const flow = useReactFlow();
  useEffect(() => {
    if (!presence) return;
    let last = '';
    return presence.subscribe((state) => {
      const peer = state.following === null ? undefined : state.peers.find((p) => p.clientId === state.following);
      if (!peer?.viewport) return;
      const key = `${peer.viewport.x},${peer.viewport.y},${peer.viewport.zoom}`;
      if (key === last) return;
      last = key;
      void flow.setViewport(peer.viewport, { duration: 120 });
    });
  }, [presence, flow]);

  /** For React Flow's onMoveStart: a move with an input event is the person's own. */
  return (event: unknown) => {
    if (event && presence?.getState().following !== null) presence?.setState({ following: null });
  };
}
