// Maps, their update log and snapshots in memory (the Store's `docs` for MemoryStore).
import type { DocStore, MapRecord, NewMap, StoredDocument } from '../store';

interface MemoryMap {
  record: MapRecord;
  snapshot: Uint8Array | null;
  uptoSeq: number;
  updates: { seq: number; bytes: Uint8Array }[];
  /** When it went to the trash (MemoryLife), or null. */
  trashedAt: string | null;
}

export class MemoryDocs implements DocStore {
  private readonly maps = new Map<string, MemoryMap>();
  private nextSeq = 1;

  /** `onDelete` forgets the other parts' data of a deleted map (what ON DELETE CASCADE does in SQL). */
  constructor(private readonly onDelete: (mapId: string) => void) {}

  has(mapId: string): boolean {
    return this.maps.has(mapId);
  }

  async createMap(map: NewMap): Promise<void> {
    if (this.maps.has(map.id)) throw new Error('map id already exists');
    const { snapshot, ...record } = map;
    this.maps.set(map.id, { record, snapshot: snapshot.slice(), uptoSeq: 0, updates: [], trashedAt: null });
  }

  async getMap(id: string): Promise<MapRecord | null> {
    const map = this.maps.get(id);
    return map && map.trashedAt === null ? { ...map.record } : null;
  }

  /** Every map's record with its trash time, for MemoryLife (what the SQL stores join). */
  entries(): { record: MapRecord; trashedAt: string | null }[] {
    return [...this.maps.values()].map((map) => ({ record: { ...map.record }, trashedAt: map.trashedAt }));
  }

  /** Sets or clears the trash time; false if there is no such map. */
  setTrashedAt(id: string, at: string | null): boolean {
    const map = this.maps.get(id);
    if (!map) return false;
    map.trashedAt = at;
    return true;
  }

  async deleteMap(id: string): Promise<boolean> {
    this.onDelete(id);
    return this.maps.delete(id);
  }

  async appendUpdate(mapId: string, update: Uint8Array): Promise<number> {
    const map = this.maps.get(mapId);
    if (!map) throw new Error('unknown map');
    const seq = this.nextSeq++;
    map.updates.push({ seq, bytes: update.slice() });
    return seq;
  }

  async loadDocument(mapId: string): Promise<StoredDocument | null> {
    const map = this.maps.get(mapId);
    if (!map) return null;
    return { snapshot: map.snapshot, uptoSeq: map.uptoSeq, updates: map.updates.filter((u) => u.seq > map.uptoSeq) };
  }

  async compact(mapId: string, snapshot: Uint8Array, uptoSeq: number): Promise<void> {
    const map = this.maps.get(mapId);
    if (!map || uptoSeq < map.uptoSeq) return;
    map.snapshot = snapshot.slice();
    map.uptoSeq = uptoSeq;
    map.updates = map.updates.filter((u) => u.seq > uptoSeq);
  }

  async setTitle(mapId: string, title: string): Promise<void> {
    const map = this.maps.get(mapId);
    if (map) map.record.title = title;
  }

  async setKeyHash(mapId: string, role: 'editor' | 'viewer', keyHash: string): Promise<void> {
    const map = this.maps.get(mapId);
    if (map && role === 'editor') map.record.editorKeyHash = keyHash;
    if (map && role === 'viewer') map.record.viewerKeyHash = keyHash;
  }
}
