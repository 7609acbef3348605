// The mentions inbox in memory (the Store's `inbox` for MemoryStore): the map's title and trash time
// are read from MemoryDocs, as the SQL stores join them.
import type { InboxStore, MentionRecord, NewMention } from '../store';
import type { MemoryDocs } from './docs';

export class MemoryInbox implements InboxStore {
  private readonly mentions = new Map<string, NewMention & { readAt: string | null }>();

  constructor(private readonly docs: MemoryDocs) {}

  /** Forgets the mentions of a deleted map (what ON DELETE CASCADE does in SQL). */
  deleteMap(mapId: string): void {
    for (const [id, mention] of this.mentions) if (mention.mapId === mapId) this.mentions.delete(id);
  }

  async addMention(mention: NewMention): Promise<boolean> {
    if (!this.docs.has(mention.mapId)) return false;
    for (const m of this.mentions.values()) {
      if (m.memberId === mention.memberId && m.commentId === mention.commentId) return false;
    }
    if (this.mentions.has(mention.id)) return false;
    this.mentions.set(mention.id, { ...mention, readAt: null });
    return true;
  }

  private visible(memberId: string): MentionRecord[] {
    const maps = new Map(this.docs.entries().map((entry) => [entry.record.id, entry]));
    const list: MentionRecord[] = [];
    for (const m of this.mentions.values()) {
      const map = maps.get(m.mapId);
      if (m.memberId !== memberId || !map || map.trashedAt !== null) continue;
      list.push({ ...m, mapTitle: map.record.title });
    }
    return list.sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : a.id < b.id ? -1 : 1));
  }

  async listMentions(memberId: string, limit: number): Promise<MentionRecord[]> {
    return this.visible(memberId).slice(0, limit);
  }

  async unreadMentions(memberId: string): Promise<number> {
    return this.visible(memberId).filter((m) => m.readAt === null).length;
  }

  async markMentionsRead(memberId: string, ids: readonly string[] | 'all', at: string): Promise<number> {
    let changed = 0;
    for (const m of this.mentions.values()) {
      if (m.memberId !== memberId || m.readAt !== null) continue;
      if (ids !== 'all' && !ids.includes(m.id)) continue;
      m.readAt = at;
      changed++;
    }
    return changed;
  }
}
