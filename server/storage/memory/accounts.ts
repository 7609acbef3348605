// Members, sessions, invites and failed sign-ins in memory (the Store's `accounts` for MemoryStore);
// same contract as sqlite/accounts.ts.
import type { WorkspaceRole } from '../../auth/actor';
import type { AccountStore, InviteOutcome, InviteRecord, MemberRecord, SessionRecord } from '../store';

export class MemoryAccounts implements AccountStore {
  /** id → member, in insertion order (oldest first) */
  private readonly members = new Map<string, MemberRecord>();
  private readonly sessions = new Map<string, SessionRecord>();
  private readonly invites = new Map<string, InviteRecord>();
  private failures: { subject: string; at: string }[] = [];
  private readonly secrets = new Map<string, string>();

  async countMembers(): Promise<number> {
    return this.members.size;
  }

  async createFirstMember(member: MemberRecord): Promise<boolean> {
    if (this.members.size > 0) return false;
    return this.createMember(member);
  }

  async createMember(member: MemberRecord): Promise<boolean> {
    for (const m of this.members.values()) {
      if (m.id === member.id || m.email === member.email) return false;
      if (member.ssoSubject !== null && m.ssoSubject === member.ssoSubject) return false;
    }
    this.members.set(member.id, { ...member });
    return true;
  }

  private find(test: (m: MemberRecord) => boolean): MemberRecord | null {
    for (const m of this.members.values()) if (test(m)) return { ...m };
    return null;
  }

  async getMember(id: string): Promise<MemberRecord | null> {
    return this.find((m) => m.id === id);
  }

  async getMemberByEmail(email: string): Promise<MemberRecord | null> {
    return this.find((m) => m.email === email);
  }

  async getMemberBySsoSubject(subject: string): Promise<MemberRecord | null> {
    return this.find((m) => m.ssoSubject === subject);
  }

  async listMembers(): Promise<MemberRecord[]> {
    return [...this.members.values()]
      .map((m) => ({ ...m }))
      .sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : 1));
  }

  async setMemberRole(id: string, role: WorkspaceRole): Promise<boolean> {
    const m = this.members.get(id);
    if (!m) return false;
    m.role = role;
    return true;
  }

  async setSsoSubject(id: string, subject: string): Promise<boolean> {
    const m = this.members.get(id);
    if (!m) return false;
    m.ssoSubject = subject;
    return true;
  }

  async createSession(session: SessionRecord): Promise<void> {
    this.sessions.set(session.tokenHash, { ...session });
  }

  async sessionMember(tokenHash: string, now: string): Promise<MemberRecord | null> {
    const session = this.sessions.get(tokenHash);
    if (!session || session.expiresAt <= now) return null;
    return this.getMember(session.memberId);
  }

  async deleteSession(tokenHash: string): Promise<void> {
    this.sessions.delete(tokenHash);
  }

  async deleteSessionsOf(memberId: string): Promise<number> {
    let n = 0;
    for (const [hash, s] of this.sessions)
      if (s.memberId === memberId) {
        this.sessions.delete(hash);
        n++;
      }
    return n;
  }

  async deleteExpiredSessions(now: string): Promise<void> {
    for (const [hash, s] of this.sessions) if (s.expiresAt <= now) this.sessions.delete(hash);
  }

  async createInvite(invite: InviteRecord): Promise<void> {
    this.invites.set(invite.tokenHash, { ...invite });
  }

  async getInvite(tokenHash: string, now: string): Promise<InviteRecord | null> {
    const invite = this.invites.get(tokenHash);
    return invite && invite.expiresAt > now ? { ...invite } : null;
  }

  async acceptInvite(
    tokenHash: string,
    now: string,
    member: Omit<MemberRecord, 'email' | 'role'>,
  ): Promise<InviteOutcome> {
    const invite = await this.getInvite(tokenHash, now);
    if (!invite) return 'unknown';
    if (!(await this.createMember({ ...member, email: invite.email, role: invite.role }))) return 'email_taken';
    this.invites.delete(tokenHash);
    return 'accepted';
  }

  async recordSignInFailure(subjects: readonly string[], at: string): Promise<void> {
    for (const subject of subjects) this.failures.push({ subject, at });
  }

  async signInFailures(subject: string, since: string): Promise<string[]> {
    return this.failures
      .filter((f) => f.subject === subject && f.at > since)
      .map((f) => f.at)
      .sort();
  }

  async pruneSignInFailures(before: string): Promise<void> {
    this.failures = this.failures.filter((f) => f.at > before);
  }

  async serverSecret(name: string, candidate: string): Promise<string> {
    if (!this.secrets.has(name)) this.secrets.set(name, candidate);
    return this.secrets.get(name) ?? candidate;
  }
}
