// Map history in memory (the Store's `history` for MemoryStore).
import type { ChangeRecord, HistoryStore, MapActivity, NewChange } from '../store';
import type { MemoryDocs } from './docs';

export class MemoryHistory implements HistoryStore {
  private readonly changes: ChangeRecord[] = [];
  private readonly activity = new Map<string, MapActivity>();
  private nextId = 1;

  constructor(private readonly docs: MemoryDocs) {}

  /** Forgets a deleted map's history (what ON DELETE CASCADE does in SQL). */
  deleteMap(mapId: string): void {
    this.activity.delete(mapId);
    for (let i = this.changes.length - 1; i >= 0; i--) if (this.changes[i]?.mapId === mapId) this.changes.splice(i, 1);
  }

  private activityOf(mapId: string): MapActivity {
    let found = this.activity.get(mapId);
    if (!found) {
      found = { mapId, updatedAt: null, createdBy: null };
      this.activity.set(mapId, found);
    }
    return found;
  }

  async setCreator(mapId: string, member: { id: string; name: string }): Promise<void> {
    if (this.docs.has(mapId)) this.activityOf(mapId).createdBy = { ...member };
  }

  async touchMaps(touches: readonly { mapId: string; at: string }[]): Promise<void> {
    for (const { mapId, at } of touches) {
      if (!this.docs.has(mapId)) continue;
      const activity = this.activityOf(mapId);
      if (activity.updatedAt === null || at > activity.updatedAt) activity.updatedAt = at;
    }
  }

  async addChanges(changes: readonly NewChange[]): Promise<void> {
    for (const change of changes) {
      if (this.docs.has(change.mapId))
        this.changes.push({ ...change, author: { ...change.author }, id: this.nextId++ });
    }
  }

  async listChanges(
    mapId: string,
    options: { nodeId?: string; beforeId?: number; limit: number },
  ): Promise<ChangeRecord[]> {
    const out: ChangeRecord[] = [];
    for (let i = this.changes.length - 1; i >= 0 && out.length < options.limit; i--) {
      const c = this.changes[i]!;
      if (c.mapId !== mapId) continue;
      if (options.nodeId !== undefined && c.nodeId !== options.nodeId) continue;
      if (options.beforeId !== undefined && c.id >= options.beforeId) continue;
      out.push({ ...c, author: { ...c.author } });
    }
    return out;
  }

  async mapActivity(): Promise<MapActivity[]> {
    return [...this.activity.values()].map((a) => ({ ...a, createdBy: a.createdBy && { ...a.createdBy } }));
  }
}
