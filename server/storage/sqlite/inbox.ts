// The SQLite side of the mentions inbox (the Store's `inbox`).
import type Database from 'better-sqlite3';
import { toMention, type MentionRow } from '../rows';
import type { InboxStore, MentionRecord, NewMention } from '../store';

/** Migration SQL of the inbox (version 7): a row per member and comment, gone with the map or the member. */
export const INBOX_TABLES_SQL = `
  CREATE TABLE mentions (
    id TEXT PRIMARY KEY,
    member_id TEXT NOT NULL REFERENCES members(id) ON DELETE CASCADE,
    map_id TEXT NOT NULL REFERENCES maps(id) ON DELETE CASCADE,
    node_id TEXT NOT NULL,
    comment_id TEXT NOT NULL,
    author TEXT NOT NULL,
    excerpt TEXT NOT NULL,
    created_at TEXT NOT NULL,
    read_at TEXT,
    UNIQUE (member_id, comment_id)
  );
  CREATE INDEX mentions_by_member ON mentions(member_id, created_at);
`;

/** The member's mentions on maps that are not in the trash. */
const VISIBLE = `FROM mentions x JOIN maps m ON m.id = x.map_id
  WHERE x.member_id = ? AND NOT EXISTS (SELECT 1 FROM trash t WHERE t.map_id = x.map_id)`;

export class SqliteInbox implements InboxStore {
  private readonly stmt;

  constructor(private readonly db: Database.Database) {
    this.stmt = {
      add: db.prepare(
        `INSERT INTO mentions (id, member_id, map_id, node_id, comment_id, author, excerpt, created_at)
         SELECT ?, ?, ?, ?, ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM maps WHERE id = ?)
         ON CONFLICT (member_id, comment_id) DO NOTHING`,
      ),
      list: db.prepare<[string, number], MentionRow>(
        `SELECT x.*, m.title AS map_title ${VISIBLE} ORDER BY x.created_at DESC, x.id LIMIT ?`,
      ),
      unread: db.prepare<[string], { n: number }>(`SELECT COUNT(*) AS n ${VISIBLE} AND x.read_at IS NULL`),
      readAll: db.prepare('UPDATE mentions SET read_at = ? WHERE member_id = ? AND read_at IS NULL'),
      readOne: db.prepare('UPDATE mentions SET read_at = ? WHERE member_id = ? AND id = ? AND read_at IS NULL'),
    };
  }

  async addMention(m: NewMention): Promise<boolean> {
    const args = [m.id, m.memberId, m.mapId, m.nodeId, m.commentId, m.author, m.excerpt, m.createdAt, m.mapId];
    return this.stmt.add.run(...args).changes > 0;
  }

  async listMentions(memberId: string, limit: number): Promise<MentionRecord[]> {
    return this.stmt.list.all(memberId, limit).map(toMention);
  }

  async unreadMentions(memberId: string): Promise<number> {
    return this.stmt.unread.get(memberId)?.n ?? 0;
  }

  async markMentionsRead(memberId: string, ids: readonly string[] | 'all', at: string): Promise<number> {
    if (ids === 'all') return this.stmt.readAll.run(at, memberId).changes;
    const markEach = this.db.transaction((list: readonly string[]) =>
      list.reduce((changed, id) => changed + this.stmt.readOne.run(at, memberId, id).changes, 0),
    );
    return markEach(ids);
  }
}
