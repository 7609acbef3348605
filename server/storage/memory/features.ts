// Ingest keys, webhooks and versions in memory (the Store's `features` for MemoryStore). `exists`
// tells whether a map is stored; deleteMap forgets everything of a map.
import type {
  FeatureStore,
  IngestKeyRecord,
  NewVersion,
  NewWebhook,
  StoredVersion,
  VersionInfo,
  VersionSize,
  WebhookDelivery,
  WebhookRecord,
} from '../store';

export class MemoryFeatures implements FeatureStore {
  private readonly ingestKeys = new Map<string, IngestKeyRecord>();
  private readonly hooks = new Map<string, WebhookRecord>();
  /** map id → versions, oldest first */
  private readonly versions = new Map<string, StoredVersion[]>();

  constructor(private readonly exists: (mapId: string) => boolean) {}

  deleteMap(mapId: string): void {
    this.ingestKeys.delete(mapId);
    this.versions.delete(mapId);
    for (const [id, hook] of this.hooks) if (hook.mapId === mapId) this.hooks.delete(id);
  }

  async getIngestKey(mapId: string): Promise<IngestKeyRecord | null> {
    const key = this.ingestKeys.get(mapId);
    return key ? { ...key } : null;
  }

  async setIngestKey(mapId: string, key: IngestKeyRecord): Promise<boolean> {
    if (!this.exists(mapId)) return false;
    this.ingestKeys.set(mapId, { ...key });
    return true;
  }

  async addWebhook(hook: NewWebhook): Promise<boolean> {
    if (!this.exists(hook.mapId)) return false;
    if (this.hooks.has(hook.id)) throw new Error('webhook id already exists');
    this.hooks.set(hook.id, { ...hook, lastStatus: null, lastError: null, attempts: 0, lastAttemptAt: null });
    return true;
  }

  async listWebhooks(mapId: string): Promise<WebhookRecord[]> {
    return [...this.hooks.values()]
      .filter((h) => h.mapId === mapId)
      .sort((a, b) => compare(a.createdAt, b.createdAt) || compare(a.id, b.id)) // as the SQL stores: ORDER BY created_at, id
      .map((h) => ({ ...h }));
  }

  async deleteWebhook(mapId: string, hookId: string): Promise<boolean> {
    if (this.hooks.get(hookId)?.mapId !== mapId) return false;
    return this.hooks.delete(hookId);
  }

  async recordWebhookDelivery(hookId: string, d: WebhookDelivery): Promise<void> {
    const hook = this.hooks.get(hookId);
    if (hook)
      Object.assign(hook, { lastStatus: d.status, lastError: d.error, attempts: d.attempts, lastAttemptAt: d.at });
  }

  async addVersion(v: NewVersion): Promise<boolean> {
    if (!this.exists(v.mapId)) return false;
    let list = this.versions.get(v.mapId);
    if (!list) this.versions.set(v.mapId, (list = []));
    list.push({ ...v, snapshot: v.snapshot.slice() });
    return true;
  }

  async listVersions(mapId: string): Promise<VersionInfo[]> {
    return (this.versions.get(mapId) ?? []).map(({ snapshot: _bytes, ...info }) => info).reverse();
  }

  async getVersion(mapId: string, versionId: string): Promise<StoredVersion | null> {
    const found = this.versions.get(mapId)?.find((v) => v.id === versionId);
    return found ? { ...found, snapshot: found.snapshot.slice() } : null;
  }

  async listVersionSizes(mapId: string): Promise<VersionSize[]> {
    return (this.versions.get(mapId) ?? []).map((v) => ({ id: v.id, auto: v.auto, bytes: v.snapshot.byteLength }));
  }

  async deleteVersions(mapId: string, ids: readonly string[]): Promise<void> {
    const list = this.versions.get(mapId);
    if (list)
      this.versions.set(
        mapId,
        list.filter((v) => !ids.includes(v.id)),
      );
  }

  async latestAutoVersionAt(mapId: string): Promise<string | null> {
    const autos = (this.versions.get(mapId) ?? []).filter((v) => v.auto);
    return autos.at(-1)?.createdAt ?? null;
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
