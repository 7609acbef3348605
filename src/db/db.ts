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

/** Media bytes already seen, so a map opened once still shows its media offline. */
export interface CachedMedia {
  /** SHA-256 of the bytes (content-addressed: the same for every map). */
  hash: string;
  mime: string;
  blob: Blob;
  cachedAt: number;
}

/** Small preferences of this browser (the person's name and colour, …), by key. */
export interface Preference {
  key: string;
  value: unknown;
}

export class PercorsoDb extends Dexie {
  maps!: EntityTable<MyMap, 'id'>;
  media!: EntityTable<CachedMedia, 'hash'>;
  prefs!: EntityTable<Preference, 'key'>;

  constructor(name = 'percorso') {
    super(name);
    this.version(1).stores({ maps: 'id, lastOpened' });
    this.version(2).stores({ maps: 'id, lastOpened', media: 'hash, cachedAt' });
    this.version(3).stores({ maps: 'id, lastOpened', media: 'hash, cachedAt', prefs: 'key' });
  }
}

export const db = new PercorsoDb();
