// The browser's own database (Dexie over IndexedDB): the maps this browser knows, with their keys.
// Document contents are not stored here; they live in the Yjs document (and later its offline copy).
import Dexie, { type EntityTable } from 'dexie';

export type MapRole = 'editor' | 'viewer';

export interface MyMap {
  id: string;
  title: string;
  /** The capability key this browser opens the map with (editor or viewer). */
  key: string;
  role: MapRole;
  /** Kept for the map's creator so the viewer link can be shared without asking the server. */
  viewerKey?: string;
  /** Epoch milliseconds; the home page lists the most recent first. */
  lastOpened: number;
}

export class PercorsoDb extends Dexie {
  maps!: EntityTable<MyMap, 'id'>;

  constructor(name = 'percorso') {
    super(name);
    this.version(1).stores({ maps: 'id, lastOpened' });
  }
}

export const db = new PercorsoDb();
