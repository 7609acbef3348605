// The map session: what every part of an open map (canvas, panels, export, presentation) needs
// besides its own data: the doc to run commands on, its derived store, presence, undo, and whether
// this person may edit. Provided once per open map (app/MapPage), and per version preview.
import { createContext, useContext } from 'react';
import type * as Y from 'yjs';
import type { Awareness } from 'y-protocols/awareness';
import type { JourneyStore } from './journeyStore';
import type { JourneyUndo } from './undo';
import type { PresenceStore } from './presenceStore';

export interface MapContextValue {
  mapId: string;
  /** The key this browser opened the map with (for media requests). */
  mapKey: string;
  doc: Y.Doc;
  store: JourneyStore;
  /** Presence of the people on this map; absent in tests without a server. */
  awareness?: Awareness;
  /** This person, as others see them (carets, cursors). */
  user: { id: string; name: string; color: string };
  /** The other people on the map (absent without a connection). */
  presence?: PresenceStore;
  readOnly: boolean;
  /** This person's undo history (absent for viewers and in some tests). */
  undo?: JourneyUndo;
  /** The workspace members' names, who may be @mentioned besides owners and the people present (signed-in members only). */
  memberNames?: readonly string[];
  /** Runs a model command; a refused command becomes a visible message instead of an exception. */
  run: (action: () => unknown) => boolean;
}

export const MapContext = createContext<MapContextValue | null>(null);

export function useMap(): MapContextValue {
  const value = useContext(MapContext);
  if (!value) throw new Error('useMap() outside <MapContext.Provider>');
  return value;
}
