// The PostgreSQL side of the mentions inbox (the Store's `inbox`).
import type pg from 'pg';
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
  CREATE INDEX mentions_by_member ON mentions (member_id, created_at);
`;

/** The member's mentions on maps that are not in the trash. */
const VISIBLE = `FROM mentions x JOIN maps m ON m.id = x.map_id
  WHERE x.member_id = $1 AND NOT EXISTS (SELECT 1 FROM trash t WHERE t.map_id = x.map_id)`;

export class PostgresInbox implements InboxStore {
  constructor(private readonly pool: pg.Pool) {}

  async addMention(m: NewMention): Promise<boolean> {
    const { rowCount } = await this.pool.query(
      `INSERT INTO mentions (id, member_id, map_id, node_id, comment_id, author, excerpt, created_at)
       SELECT $1, $2, $3, $4, $5, $6, $7, $8 WHERE EXISTS (SELECT 1 FROM maps WHERE id = $3)
       ON CONFLICT (member_id, comment_id) DO NOTHING`,
      [m.id, m.memberId, m.mapId, m.nodeId, m.commentId, m.author, m.excerpt, m.createdAt],
    );
    return (rowCount ?? 0) > 0;
  }

  async listMentions(memberId: string, limit: number): Promise<MentionRecord[]> {
    const { rows } = await this.pool.query<MentionRow>(
      `SELECT x.*, m.title AS map_title ${VISIBLE} ORDER BY x.created_at DESC, x.id LIMIT $2`,
      [memberId, limit],
    );
    return rows.map(toMention);
  }

  async unreadMentions(memberId: string): Promise<number> {
    const { rows } = await this.pool.query<{ n: string }>(`SELECT COUNT(*) AS n ${VISIBLE} AND x.read_at IS NULL`, [
      memberId,
    ]);
    return Number(rows[0]?.n ?? 0);
  }

  async markMentionsRead(memberId: string, ids: readonly string[] | 'all', at: string): Promise<number> {
    const { rowCount } =
      ids === 'all'
        ? await this.pool.query('UPDATE mentions SET read_at = $1 WHERE member_id = $2 AND read_at IS NULL', [
            at,
            memberId,
          ])
        : await this.pool.query(
            'UPDATE mentions SET read_at = $1 WHERE member_id = $2 AND id = ANY($3) AND read_at IS NULL',
            [at, memberId, [...ids]],
          );
    return rowCount ?? 0;
  }
}
