// What every canvas component needs besides its own data: the doc to run commands on, and whether
// this person may edit. Provided once per open map.
import { createContext, useContext } from 'react';
import type * as Y from 'yjs';
import type { JourneyStore } from '../state/journeyStore';

export interface MapContextValue {
  doc: Y.Doc;
  store: JourneyStore;
  readOnly: boolean;
  /** Runs a model command; a refused command becomes a visible message instead of an exception. */
  run: (action: () => unknown) => boolean;
}

export const MapContext = createContext<MapContextValue | null>(null);

export function useMap(): MapContextValue {
  const value = useContext(MapContext);
  if (!value) throw new Error('useMap() outside <MapContext.Provider>');
  return value;
}
