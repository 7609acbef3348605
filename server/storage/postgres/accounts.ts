// The PostgreSQL side of accounts (the Store's `accounts`); same behaviour as sqlite/accounts.ts.
// Tables: schema.ts v5.
import type pg from 'pg';
import type { WorkspaceRole } from '../../auth/actor';
import { toInvite, toMember, type InviteRow, type MemberRow } from '../accountRows';
import type { AccountStore, InviteOutcome, InviteRecord, MemberRecord, SessionRecord } from '../store';
import { inTransaction } from './tx';

export const ACCOUNTS_TABLES_SQL = `
  CREATE TABLE members (
    id TEXT PRIMARY KEY,
    email TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    role TEXT NOT NULL,
    password_hash TEXT,
    sso_subject TEXT UNIQUE,
    created_at TEXT NOT NULL
  );
  CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    member_id TEXT NOT NULL REFERENCES members(id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
  );
  CREATE INDEX sessions_by_member ON sessions (member_id);
  CREATE TABLE invites (
    token_hash TEXT PRIMARY KEY,
    email TEXT NOT NULL,
    role TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
  );
  CREATE TABLE sign_in_failures (
    subject TEXT NOT NULL,
    at TEXT NOT NULL
  );
  CREATE TABLE server_secrets (
    name TEXT PRIMARY KEY,
    value TEXT NOT NULL
  );
  CREATE INDEX sign_in_failures_by_subject ON sign_in_failures (subject, at);
`;

const MEMBER_VALUES = (m: MemberRecord): unknown[] => [
  m.id,
  m.email,
  m.name,
  m.role,
  m.passwordHash,
  m.ssoSubject,
  m.createdAt,
];

const INSERT_MEMBER = `INSERT INTO members (id, email, name, role, password_hash, sso_subject, created_at)
  VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING`;

/** Any constant: the advisory lock that makes "the first member" one member across processes. */
const FIRST_MEMBER_LOCK = 7_420_314;

export class PostgresAccounts implements AccountStore {
  constructor(private readonly pool: pg.Pool) {}

  async countMembers(): Promise<number> {
    const { rows } = await this.pool.query<{ n: string }>('SELECT COUNT(*) AS n FROM members');
    return Number(rows[0]?.n ?? 0);
  }

  async createFirstMember(member: MemberRecord): Promise<boolean> {
    return inTransaction(this.pool, async (client) => {
      await client.query('SELECT pg_advisory_xact_lock($1)', [FIRST_MEMBER_LOCK]);
      const { rows } = await client.query('SELECT 1 FROM members LIMIT 1');
      if (rows.length > 0) return false;
      const result = await client.query(INSERT_MEMBER, MEMBER_VALUES(member));
      return (result.rowCount ?? 0) > 0;
    });
  }

  async createMember(member: MemberRecord): Promise<boolean> {
    const result = await this.pool.query(INSERT_MEMBER, MEMBER_VALUES(member));
    return (result.rowCount ?? 0) > 0;
  }

  private async oneMember(sql: string, params: unknown[]): Promise<MemberRecord | null> {
    const { rows } = await this.pool.query<MemberRow>(sql, params);
    return rows[0] ? toMember(rows[0]) : null;
  }

  getMember(id: string): Promise<MemberRecord | null> {
    return this.oneMember('SELECT * FROM members WHERE id = $1', [id]);
  }

  getMemberByEmail(email: string): Promise<MemberRecord | null> {
    return this.oneMember('SELECT * FROM members WHERE email = $1', [email]);
  }

  getMemberBySsoSubject(subject: string): Promise<MemberRecord | null> {
    return this.oneMember('SELECT * FROM members WHERE sso_subject = $1', [subject]);
  }

  async listMembers(): Promise<MemberRecord[]> {
    const { rows } = await this.pool.query<MemberRow>('SELECT * FROM members ORDER BY created_at, id');
    return rows.map(toMember);
  }

  async setMemberRole(id: string, role: WorkspaceRole): Promise<boolean> {
    const result = await this.pool.query('UPDATE members SET role = $1 WHERE id = $2', [role, id]);
    return (result.rowCount ?? 0) > 0;
  }

  async setSsoSubject(id: string, subject: string): Promise<boolean> {
    const result = await this.pool.query('UPDATE members SET sso_subject = $1 WHERE id = $2', [subject, id]);
    return (result.rowCount ?? 0) > 0;
  }

  async createSession(s: SessionRecord): Promise<void> {
    await this.pool.query(
      'INSERT INTO sessions (token_hash, member_id, created_at, expires_at) VALUES ($1, $2, $3, $4)',
      [s.tokenHash, s.memberId, s.createdAt, s.expiresAt],
    );
  }

  sessionMember(tokenHash: string, now: string): Promise<MemberRecord | null> {
    return this.oneMember(
      'SELECT m.* FROM sessions s JOIN members m ON m.id = s.member_id WHERE s.token_hash = $1 AND s.expires_at > $2',
      [tokenHash, now],
    );
  }

  async deleteSession(tokenHash: string): Promise<void> {
    await this.pool.query('DELETE FROM sessions WHERE token_hash = $1', [tokenHash]);
  }

  async deleteSessionsOf(memberId: string): Promise<number> {
    const result = await this.pool.query('DELETE FROM sessions WHERE member_id = $1', [memberId]);
    return result.rowCount ?? 0;
  }

  async deleteExpiredSessions(now: string): Promise<void> {
    await this.pool.query('DELETE FROM sessions WHERE expires_at <= $1', [now]);
  }

  async createInvite(i: InviteRecord): Promise<void> {
    await this.pool.query(
      'INSERT INTO invites (token_hash, email, role, created_by, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6)',
      [i.tokenHash, i.email, i.role, i.createdBy, i.createdAt, i.expiresAt],
    );
  }

  async getInvite(tokenHash: string, now: string): Promise<InviteRecord | null> {
    const { rows } = await this.pool.query<InviteRow>(
      'SELECT * FROM invites WHERE token_hash = $1 AND expires_at > $2',
      [tokenHash, now],
    );
    return rows[0] ? toInvite(rows[0]) : null;
  }

  async acceptInvite(
    tokenHash: string,
    now: string,
    member: Omit<MemberRecord, 'email' | 'role'>,
  ): Promise<InviteOutcome> {
    return inTransaction(this.pool, async (client) => {
      // deleting first takes the row: a second accept of the same invite finds nothing
      const { rows } = await client.query<InviteRow>(
        'DELETE FROM invites WHERE token_hash = $1 AND expires_at > $2 RETURNING *',
        [tokenHash, now],
      );
      const invite = rows[0];
      if (!invite) return 'unknown';
      const full: MemberRecord = { ...member, email: invite.email, role: toInvite(invite).role };
      const result = await client.query(INSERT_MEMBER, MEMBER_VALUES(full));
      if ((result.rowCount ?? 0) === 0) throw new EmailTaken();
      return 'accepted';
    }).catch((err: unknown) => {
      if (err instanceof EmailTaken) return 'email_taken' as const;
      throw err;
    });
  }

  async recordSignInFailure(subjects: readonly string[], at: string): Promise<void> {
    if (subjects.length === 0) return;
    await this.pool.query('INSERT INTO sign_in_failures (subject, at) SELECT unnest($1::text[]), $2', [
      [...subjects],
      at,
    ]);
  }

  async signInFailures(subject: string, since: string): Promise<string[]> {
    const { rows } = await this.pool.query<{ at: string }>(
      'SELECT at FROM sign_in_failures WHERE subject = $1 AND at > $2 ORDER BY at',
      [subject, since],
    );
    return rows.map((row) => row.at);
  }

  async pruneSignInFailures(before: string): Promise<void> {
    await this.pool.query('DELETE FROM sign_in_failures WHERE at <= $1', [before]);
  }

  async serverSecret(name: string, candidate: string): Promise<string> {
    await this.pool.query('INSERT INTO server_secrets (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING', [
      name,
      candidate,
    ]);
    const { rows } = await this.pool.query<{ value: string }>('SELECT value FROM server_secrets WHERE name = $1', [
      name,
    ]);
    return rows[0]?.value ?? candidate;
  }
}

/** Rolls the accept back (the invite stays usable) when its email became a member's meanwhile. */
class EmailTaken extends Error {}
