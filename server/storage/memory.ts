// An in-memory Store with the same contract as SqliteStore: for benchmarks and tests.
import type { MapRecord, MediaRecord, NewMap, Store, StoredDocument } from './store';
import type { IngestKeyRecord, NewVersion, StoredVersion, VersionInfo, VersionSize, WebhookDelivery, WebhookRecord } from './store';
import { MemoryFeatures } from './memoryFeatures';

interface MemoryMap {
  record: MapRecord;
  snapshot: Uint8Array | null;
  uptoSeq: number;
  updates: { seq: number; bytes: Uint8Array }[];
}

export class MemoryStore implements Store {
  private readonly maps = new Map<string, MemoryMap>();
  private nextSeq = 1;
  /** map id → hash → record */
  private readonly media = new Map<string, Map<string, MediaRecord>>();
  private readonly features = new MemoryFeatures((id) => this.maps.has(id));

  async createMap(map: NewMap): Promise<void> {
    if (this.maps.has(map.id)) throw new Error('map id already exists');
    const { snapshot, ...record } = map;
    this.maps.set(map.id, { record, snapshot: snapshot.slice(), uptoSeq: 0, updates: [] });
  }

  async getMap(id: string): Promise<MapRecord | null> {
    const map = this.maps.get(id);
    return map ? { ...map.record } : null;
  }

  async deleteMap(id: string): Promise<boolean> {
    this.media.delete(id);
    this.features.deleteMap(id);
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

  // --- media ---
  async addMedia(mapId: string, media: MediaRecord): Promise<boolean> {
    if (!this.maps.has(mapId)) return false;
    let ofMap = this.media.get(mapId);
    if (!ofMap) this.media.set(mapId, (ofMap = new Map()));
    if (!ofMap.has(media.hash)) ofMap.set(media.hash, { ...media });
    return true;
  }

  async getMedia(mapId: string, hash: string): Promise<MediaRecord | null> {
    const found = this.media.get(mapId)?.get(hash);
    return found ? { ...found } : null;
  }

  async listMediaHashes(mapId: string): Promise<string[]> {
    return [...(this.media.get(mapId)?.keys() ?? [])];
  }

  async isMediaReferenced(hash: string): Promise<boolean> {
    for (const ofMap of this.media.values()) if (ofMap.has(hash)) return true;
    return false;
  }
  // --- end media ---

  // --- keys, webhooks, versions ---
  async setKeyHash(mapId: string, role: 'editor' | 'viewer', keyHash: string): Promise<void> {
    const map = this.maps.get(mapId);
    if (map && role === 'editor') map.record.editorKeyHash = keyHash;
    if (map && role === 'viewer') map.record.viewerKeyHash = keyHash;
  }

  async getIngestKey(mapId: string): Promise<IngestKeyRecord | null> {
    return this.features.getIngestKey(mapId);
  }

  async setIngestKey(mapId: string, key: IngestKeyRecord): Promise<boolean> {
    return this.features.setIngestKey(mapId, key);
  }

  async addWebhook(hook: Pick<WebhookRecord, 'id' | 'mapId' | 'url' | 'secret' | 'createdAt'>): Promise<boolean> {
    return this.features.addWebhook(hook);
  }

  async listWebhooks(mapId: string): Promise<WebhookRecord[]> {
    return this.features.listWebhooks(mapId);
  }

  async deleteWebhook(mapId: string, hookId: string): Promise<boolean> {
    return this.features.deleteWebhook(mapId, hookId);
  }

  async recordWebhookDelivery(hookId: string, delivery: WebhookDelivery): Promise<void> {
    this.features.recordWebhookDelivery(hookId, delivery);
  }

  async addVersion(version: NewVersion): Promise<boolean> {
    return this.features.addVersion(version);
  }

  async listVersions(mapId: string): Promise<VersionInfo[]> {
    return this.features.listVersions(mapId);
  }

  async getVersion(mapId: string, versionId: string): Promise<StoredVersion | null> {
    return this.features.getVersion(mapId, versionId);
  }

  async listVersionSizes(mapId: string): Promise<VersionSize[]> {
    return this.features.listVersionSizes(mapId);
  }

  async deleteVersions(mapId: string, ids: readonly string[]): Promise<void> {
    return this.features.deleteVersions(mapId, ids);
  }

  async latestAutoVersionAt(mapId: string): Promise<string | null> {
    return this.features.latestAutoVersionAt(mapId);
  }
  // --- end keys, webhooks, versions ---

  async checkWritable(): Promise<void> {}

  async close(): Promise<void> {}
}
