// The view store's model nodes. The map is a new object after every doc transaction (comments and
// metrics included), so panels also use it as the key of memoised reads that need the doc.
import { useStore } from 'zustand';
import type { JourneyNode } from '../../model';
import { useMap } from '../../state/session';

export function useModelNodes(): ReadonlyMap<string, JourneyNode> {
  const { store } = useMap();
  return useStore(store, (state) => state.modelNodes);
}
