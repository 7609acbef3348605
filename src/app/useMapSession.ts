// Opens one map for the lifetime of the page: the connection, its doc and the doc→view store.
import { useEffect, useState } from 'react';
import { useStore } from 'zustand';
import { MapConnection } from '../sync/connection';
import { createJourneyStore, type JourneyStore } from '../state/journeyStore';
import { createUndo, type JourneyUndo } from '../state/undo';
import { createPresenceStore, type PresenceStore } from '../state/presenceStore';

export interface MapSession {
  connection: MapConnection;
  store: JourneyStore;
  undo: JourneyUndo;
  presence: PresenceStore;
}

export function useMapSession(mapId: string, key: string | null): MapSession | null {
  const [session, setSession] = useState<MapSession | null>(null);
  useEffect(() => {
    if (key === null) return; // '' : a signed-in member, whose session cookie opens the map
    const connection = new MapConnection(mapId, key);
    const store = createJourneyStore(connection.doc);
    const undo = createUndo(connection.doc);
    const presence = createPresenceStore(connection.awareness);
    setSession({ connection, store, undo, presence });
    return () => {
      presence.destroy();
      undo.destroy();
      store.destroy();
      connection.destroy();
      setSession(null);
    };
  }, [mapId, key]);
  return session;
}

export function useConnectionState(connection: MapConnection) {
  return useStore(connection.state);
}
