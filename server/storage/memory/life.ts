// The map list and the trash in memory (the Store's `life` for MemoryStore): the trash time lives
// on each map of MemoryDocs, which hides a trashed map from getMap as the SQL stores do.
import type { MapLifeStore, MapSummary, TrashedMap } from '../store';
import type { MemoryDocs } from './docs';

function byNewest(a: string, b: string): number {
  return a < b ? 1 : a > b ? -1 : 0;
}

export class MemoryLife implements MapLifeStore {
  constructor(private readonly docs: MemoryDocs) {}

  private summaries(): MapSummary[] {
    return this.docs.entries().map(({ record, trashedAt }) => ({
      id: record.id,
      title: record.title,
      createdAt: record.createdAt,
      trashedAt,
    }));
  }

  async listMaps(): Promise<MapSummary[]> {
    return this.summaries()
      .filter((map) => map.trashedAt === null)
      .sort((a, b) => byNewest(a.createdAt, b.createdAt) || (a.id < b.id ? -1 : 1));
  }

  async listTrash(): Promise<MapSummary[]> {
    return this.summaries()
      .filter((map) => map.trashedAt !== null)
      .sort((a, b) => byNewest(a.trashedAt ?? '', b.trashedAt ?? '') || (a.id < b.id ? -1 : 1));
  }

  async getTrashed(mapId: string): Promise<TrashedMap | null> {
    const found = this.docs.entries().find((entry) => entry.record.id === mapId);
    return found?.trashedAt ? { ...found.record, trashedAt: found.trashedAt } : null;
  }

  async trash(mapId: string, at: string): Promise<boolean> {
    if ((await this.getTrashed(mapId)) || !this.docs.has(mapId)) return false;
    return this.docs.setTrashedAt(mapId, at);
  }

  async restore(mapId: string): Promise<boolean> {
    if (!(await this.getTrashed(mapId))) return false;
    return this.docs.setTrashedAt(mapId, null);
  }

  async trashedBefore(before: string): Promise<string[]> {
    return this.summaries()
      .filter((map): map is MapSummary & { trashedAt: string } => map.trashedAt !== null && map.trashedAt < before)
      .sort((a, b) => -byNewest(a.trashedAt, b.trashedAt) || (a.id < b.id ? -1 : 1))
      .map((map) => map.id);
  }
}
