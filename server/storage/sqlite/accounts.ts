// The SQLite side of accounts (the Store's `accounts`): members, sessions, invites and failed
// sign-ins. Tables: migration 5.
import type Database from 'better-sqlite3';
import type { WorkspaceRole } from '../../auth/actor';
import { toInvite, toMember, type InviteRow, type MemberRow } from '../accountRows';
import type { AccountStore, InviteOutcome, InviteRecord, MemberRecord, SessionRecord } from '../store';

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
  CREATE INDEX sessions_by_member ON sessions(member_id);
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
  CREATE INDEX sign_in_failures_by_subject ON sign_in_failures(subject, at);
`;

const INSERT_MEMBER = `INSERT INTO members (id, email, name, role, password_hash, sso_subject, created_at)
  VALUES (@id, @email, @name, @role, @passwordHash, @ssoSubject, @createdAt)`;

export class SqliteAccounts implements AccountStore {
  private readonly stmt;

  constructor(private readonly db: Database.Database) {
    this.stmt = {
      count: db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM members'),
      insertMember: db.prepare(`${INSERT_MEMBER} ON CONFLICT DO NOTHING`),
      insertFirst: db.prepare(
        `INSERT INTO members (id, email, name, role, password_hash, sso_subject, created_at)
         SELECT @id, @email, @name, @role, @passwordHash, @ssoSubject, @createdAt
         WHERE NOT EXISTS (SELECT 1 FROM members)`,
      ),
      byId: db.prepare<[string], MemberRow>('SELECT * FROM members WHERE id = ?'),
      byEmail: db.prepare<[string], MemberRow>('SELECT * FROM members WHERE email = ?'),
      bySso: db.prepare<[string], MemberRow>('SELECT * FROM members WHERE sso_subject = ?'),
      list: db.prepare<[], MemberRow>('SELECT * FROM members ORDER BY created_at, id'),
      setRole: db.prepare<[string, string]>('UPDATE members SET role = ? WHERE id = ?'),
      setSso: db.prepare<[string, string]>('UPDATE members SET sso_subject = ? WHERE id = ?'),
      insertSession: db.prepare(
        'INSERT INTO sessions (token_hash, member_id, created_at, expires_at) VALUES (@tokenHash, @memberId, @createdAt, @expiresAt)',
      ),
      sessionMember: db.prepare<[string, string], MemberRow>(
        'SELECT m.* FROM sessions s JOIN members m ON m.id = s.member_id WHERE s.token_hash = ? AND s.expires_at > ?',
      ),
      deleteSession: db.prepare<[string]>('DELETE FROM sessions WHERE token_hash = ?'),
      deleteSessionsOf: db.prepare<[string]>('DELETE FROM sessions WHERE member_id = ?'),
      deleteExpired: db.prepare<[string]>('DELETE FROM sessions WHERE expires_at <= ?'),
      insertInvite: db.prepare(
        `INSERT INTO invites (token_hash, email, role, created_by, created_at, expires_at)
         VALUES (@tokenHash, @email, @role, @createdBy, @createdAt, @expiresAt)`,
      ),
      getInvite: db.prepare<[string, string], InviteRow>(
        'SELECT * FROM invites WHERE token_hash = ? AND expires_at > ?',
      ),
      deleteInvite: db.prepare<[string]>('DELETE FROM invites WHERE token_hash = ?'),
      insertFailure: db.prepare<[string, string]>('INSERT INTO sign_in_failures (subject, at) VALUES (?, ?)'),
      failures: db.prepare<[string, string], { at: string }>(
        'SELECT at FROM sign_in_failures WHERE subject = ? AND at > ? ORDER BY at',
      ),
      pruneFailures: db.prepare<[string]>('DELETE FROM sign_in_failures WHERE at <= ?'),
      insertSecret: db.prepare<[string, string]>(
        'INSERT INTO server_secrets (name, value) VALUES (?, ?) ON CONFLICT(name) DO NOTHING',
      ),
      secret: db.prepare<[string], { value: string }>('SELECT value FROM server_secrets WHERE name = ?'),
    };
  }

  async countMembers(): Promise<number> {
    return this.stmt.count.get()?.n ?? 0;
  }

  async createFirstMember(member: MemberRecord): Promise<boolean> {
    return this.stmt.insertFirst.run(member).changes > 0;
  }

  async createMember(member: MemberRecord): Promise<boolean> {
    return this.stmt.insertMember.run(member).changes > 0;
  }

  async getMember(id: string): Promise<MemberRecord | null> {
    const row = this.stmt.byId.get(id);
    return row ? toMember(row) : null;
  }

  async getMemberByEmail(email: string): Promise<MemberRecord | null> {
    const row = this.stmt.byEmail.get(email);
    return row ? toMember(row) : null;
  }

  async getMemberBySsoSubject(subject: string): Promise<MemberRecord | null> {
    const row = this.stmt.bySso.get(subject);
    return row ? toMember(row) : null;
  }

  async listMembers(): Promise<MemberRecord[]> {
    return this.stmt.list.all().map(toMember);
  }

  async setMemberRole(id: string, role: WorkspaceRole): Promise<boolean> {
    return this.stmt.setRole.run(role, id).changes > 0;
  }

  async setSsoSubject(id: string, subject: string): Promise<boolean> {
    return this.stmt.setSso.run(subject, id).changes > 0;
  }

  async createSession(session: SessionRecord): Promise<void> {
    this.stmt.insertSession.run(session);
  }

  async sessionMember(tokenHash: string, now: string): Promise<MemberRecord | null> {
    const row = this.stmt.sessionMember.get(tokenHash, now);
    return row ? toMember(row) : null;
  }

  async deleteSession(tokenHash: string): Promise<void> {
    this.stmt.deleteSession.run(tokenHash);
  }

  async deleteSessionsOf(memberId: string): Promise<number> {
    return this.stmt.deleteSessionsOf.run(memberId).changes;
  }

  async deleteExpiredSessions(now: string): Promise<void> {
    this.stmt.deleteExpired.run(now);
  }

  async createInvite(invite: InviteRecord): Promise<void> {
    this.stmt.insertInvite.run(invite);
  }

  async getInvite(tokenHash: string, now: string): Promise<InviteRecord | null> {
    const row = this.stmt.getInvite.get(tokenHash, now);
    return row ? toInvite(row) : null;
  }

  async acceptInvite(
    tokenHash: string,
    now: string,
    member: Omit<MemberRecord, 'email' | 'role'>,
  ): Promise<InviteOutcome> {
    return this.db.transaction((): InviteOutcome => {
      const invite = this.stmt.getInvite.get(tokenHash, now);
      if (!invite) return 'unknown';
      const created = this.stmt.insertMember.run({ ...member, email: invite.email, role: invite.role }).changes > 0;
      if (!created) return 'email_taken';
      this.stmt.deleteInvite.run(tokenHash);
      return 'accepted';
    })();
  }

  async recordSignInFailure(subjects: readonly string[], at: string): Promise<void> {
    this.db.transaction(() => {
      for (const subject of subjects) this.stmt.insertFailure.run(subject, at);
    })();
  }

  async signInFailures(subject: string, since: string): Promise<string[]> {
    return this.stmt.failures.all(subject, since).map((row) => row.at);
  }

  async pruneSignInFailures(before: string): Promise<void> {
    this.stmt.pruneFailures.run(before);
  }

  async serverSecret(name: string, candidate: string): Promise<string> {
    this.stmt.insertSecret.run(name, candidate);
    return this.stmt.secret.get(name)?.value ?? candidate;
  }
}
