// The in-memory side of ingest keys, webhooks and versions for MemoryStore (same contract as
// sqliteFeatures.ts). `exists` tells whether a map is stored; deleteMap forgets everything of a map.
import type { IngestKeyRecord, NewVersion, StoredVersion, VersionInfo, VersionSize, WebhookDelivery, WebhookRecord } from './store';

export class MemoryFeatures {
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

  getIngestKey(mapId: string): IngestKeyRecord | null {
    const key = this.ingestKeys.get(mapId);
    return key ? { ...key } : null;
  }

  setIngestKey(mapId: string, key: IngestKeyRecord): boolean {
    if (!this.exists(mapId)) return false;
    this.ingestKeys.set(mapId, { ...key });
    return true;
  }

  addWebhook(hook: Pick<WebhookRecord, 'id' | 'mapId' | 'url' | 'secret' | 'createdAt'>): boolean {
    if (!this.exists(hook.mapId)) return false;
    if (this.hooks.has(hook.id)) throw new Error('webhook id already exists');
    this.hooks.set(hook.id, { ...hook, lastStatus: null, lastError: null, attempts: 0, lastAttemptAt: null });
    return true;
  }

  listWebhooks(mapId: string): WebhookRecord[] {
    return [...this.hooks.values()].filter((h) => h.mapId === mapId).map((h) => ({ ...h }));
  }

  deleteWebhook(mapId: string, hookId: string): boolean {
    if (this.hooks.get(hookId)?.mapId !== mapId) return false;
    return this.hooks.delete(hookId);
  }

  recordWebhookDelivery(hookId: string, d: WebhookDelivery): void {
    const hook = this.hooks.get(hookId);
    if (hook) Object.assign(hook, { lastStatus: d.status, lastError: d.error, attempts: d.attempts, lastAttemptAt: d.at });
  }

  addVersion(v: NewVersion): boolean {
    if (!this.exists(v.mapId)) return false;
    let list = this.versions.get(v.mapId);
    if (!list) this.versions.set(v.mapId, (list = []));
    list.push({ ...v, snapshot: v.snapshot.slice() });
    return true;
  }

  listVersions(mapId: string): VersionInfo[] {
    return (this.versions.get(mapId) ?? []).map(({ snapshot: _bytes, ...info }) => info).reverse();
  }

  getVersion(mapId: string, versionId: string): StoredVersion | null {
    const found = this.versions.get(mapId)?.find((v) => v.id === versionId);
    return found ? { ...found, snapshot: found.snapshot.slice() } : null;
  }

  listVersionSizes(mapId: string): VersionSize[] {
    return (this.versions.get(mapId) ?? []).map((v) => ({ id: v.id, auto: v.auto, bytes: v.snapshot.byteLength }));
  }

  deleteVersions(mapId: string, ids: readonly string[]): void {
    const list = this.versions.get(mapId);
    if (list) this.versions.set(mapId, list.filter((v) => !ids.includes(v.id)));
  }

  latestAutoVersionAt(mapId: string): string | null {
    const autos = (this.versions.get(mapId) ?? []).filter((v) => v.auto);
    return autos.at(-1)?.createdAt ?? null;
  }
}
