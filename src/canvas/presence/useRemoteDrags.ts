// Other people's drags, live: the nodes they are dragging move on this canvas as their awareness
// reports (about 20 times a second), with no document write until they drop. When a drag ends, the
// drop's document update puts the node in its final place; a node whose drag ended without one (the
// person left mid-drag) goes back to its stored place after a grace period, which also covers a
// relay that delivers the presence change before the document update.
import { useEffect } from 'react';
import type { PresenceStore } from '../../state/presenceStore';
import type { JourneyStore } from '../../state/journeyStore';

const RESTORE_AFTER_MS = 1000;

export function useRemoteDrags(presence: PresenceStore | undefined, store: JourneyStore): void {
  useEffect(() => {
    if (!presence) return;
    let dragged = new Set<string>();
    const timers = new Set<ReturnType<typeof setTimeout>>();
    const apply = () => {
      const positions = new Map<string, { x: number; y: number }>();
      for (const peer of presence.getState().peers) {
        if (!peer.drag) continue;
        for (const [id, [x, y]] of Object.entries(peer.drag)) positions.set(id, { x, y });
      }
      store.showLivePositions(positions);
      const ended = [...dragged].filter((id) => !positions.has(id));
      dragged = new Set(positions.keys());
      if (ended.length === 0) return;
      const timer = setTimeout(() => {
        timers.delete(timer);
        store.restoreDocPositions(ended.filter((id) => !dragged.has(id)));
      }, RESTORE_AFTER_MS);
      timers.add(timer);
    };
    apply();
    const unsubscribe = presence.subscribe((state, before) => {
      if (state.peers !== before.peers) apply();
    });
    return () => {
      unsubscribe();
      timers.forEach(clearTimeout);
    };
  }, [presence, store]);
}
