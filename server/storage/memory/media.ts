// Media records in memory (the Store's `media` for MemoryStore). `exists` tells whether a map is
// stored; deleteMap forgets the records of a map.
import type { MediaRecord, MediaStore } from '../store';

export class MemoryMedia implements MediaStore {
  /** map id → hash → record */
  private readonly records = new Map<string, Map<string, MediaRecord>>();

  constructor(private readonly exists: (mapId: string) => boolean) {}

  deleteMap(mapId: string): void {
    this.records.delete(mapId);
  }

  async add(mapId: string, media: MediaRecord): Promise<boolean> {
    if (!this.exists(mapId)) return false;
    let ofMap = this.records.get(mapId);
    if (!ofMap) this.records.set(mapId, (ofMap = new Map()));
    if (!ofMap.has(media.hash)) ofMap.set(media.hash, { ...media });
    return true;
  }

  async get(mapId: string, hash: string): Promise<MediaRecord | null> {
    const found = this.records.get(mapId)?.get(hash);
    return found ? { ...found } : null;
  }

  async listHashes(mapId: string): Promise<string[]> {
    return [...(this.records.get(mapId)?.keys() ?? [])];
  }

  async isReferenced(hash: string): Promise<boolean> {
    for (const ofMap of this.records.values()) if (ofMap.has(hash)) return true;
    return false;
  }
}
