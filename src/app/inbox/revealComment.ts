// Going to a mentioned comment: on the open map, select its card (the view fits it) and open the
// inspector, where the card's comments are; on another map, open that map with `?node=` (MapPage
// reveals it once the map is synced).
import { useEffect } from 'react';
import type { JourneyStore } from '../../state/journeyStore';
import { showOnCanvas } from '../../state/showOnCanvas';
import { useUi } from '../../state/uiStore';

export function mapLinkToNode(mapId: string, nodeId: string): string {
  return `/map/${encodeURIComponent(mapId)}?node=${encodeURIComponent(nodeId)}`;
}

export function revealComment(store: JourneyStore, nodeId: string): boolean {
  if (!store.getState().modelNodes.has(nodeId)) return false;
  showOnCanvas(store, [nodeId]);
  useUi.getState().setSidebarTab('inspector');
  return true;
}

/** The `?node=` of the page's address, removed from it (a reload does not jump again). */
export function takeNodeFromAddress(): string | null {
  const url = new URL(window.location.href);
  const nodeId = url.searchParams.get('node');
  if (nodeId === null) return null;
  url.searchParams.delete('node');
  window.history.replaceState(window.history.state, '', url.pathname + url.search + url.hash);
  return nodeId;
}

/** Once the map is synced, reveals the card named by the address's `?node=` (a link from the inbox or an e-mail). */
export function useRevealNodeFromAddress(store: JourneyStore, synced: boolean): void {
  useEffect(() => {
    if (!synced) return;
    const nodeId = takeNodeFromAddress();
    if (nodeId === null || revealComment(store, nodeId)) return;
    // the card may arrive a moment after the sync (the store derives from the doc): wait for it
    const stop = store.subscribe(() => {
      if (revealComment(store, nodeId)) stop();
    });
    const timer = setTimeout(stop, 10_000);
    return () => {
      stop();
      clearTimeout(timer);
    };
  }, [store, synced]);
}
