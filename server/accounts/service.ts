// The workspace's accounts: first-admin setup, sign-in with the lockout, sessions, invites, roles.
// HTTP routes (http/session.ts, http/accounts.ts, http/invites.ts) and the shell (scripts/user.ts)
// call it; the websocket and every map route learn the member from `resolve`.
import { createHash, randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Member, WorkspaceRole } from '../auth/actor';
import { decoyHash, hashPassword, verifyPassword } from '../auth/passwords';
import type { AccountStore, MemberRecord } from '../storage/store';
import { sessionToken } from './cookies';

/** Wrong passwords allowed per account and per address within the window; one more gets 429. */
export const MAX_FAILURES = 10;
export const FAILURE_WINDOW_MS = 15 * 60 * 1000;
export const INVITE_DAYS = 7;
const DAY_MS = 24 * 60 * 60 * 1000;

export type SignIn =
  | { ok: true; member: Member; token: string }
  | { ok: false; reason: 'wrong_credentials' }
  | { ok: false; reason: 'locked'; retryAfterSeconds: number };

export function publicMember(record: MemberRecord): Member {
  return { id: record.id, email: record.email, name: record.name, role: record.role };
}

function tokenHash(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export class LastAdmin extends Error {}

export class Accounts {
  /** Once an account exists it stays (members are not deleted): remembered to save a query per request. */
  private exist = false;

  constructor(
    private readonly store: AccountStore,
    readonly sessionDays: number,
    private readonly now: () => number = Date.now,
  ) {}

  private iso(offsetMs = 0): string {
    return new Date(this.now() + offsetMs).toISOString();
  }

  get sessionSeconds(): number {
    return this.sessionDays * 24 * 60 * 60;
  }

  async any(): Promise<boolean> {
    this.exist ||= (await this.store.countMembers()) > 0;
    return this.exist;
  }

  /** The member a request's session cookie names (unexpired), or null. */
  async resolve(req: IncomingMessage): Promise<Member | null> {
    const token = sessionToken(req);
    if (!token) return null;
    const record = await this.store.sessionMember(tokenHash(token), this.iso());
    return record ? publicMember(record) : null;
  }

  async startSession(memberId: string): Promise<string> {
    const token = newToken();
    await this.store.deleteExpiredSessions(this.iso());
    await this.store.createSession({
      tokenHash: tokenHash(token),
      memberId,
      createdAt: this.iso(),
      expiresAt: this.iso(this.sessionDays * DAY_MS),
    });
    return token;
  }

  async endSession(token: string): Promise<void> {
    await this.store.deleteSession(tokenHash(token));
  }

  private async newRecord(fields: { email: string; name: string; role: WorkspaceRole; password: string | null }) {
    return {
      id: randomBytes(16).toString('base64url'),
      email: fields.email,
      name: fields.name,
      role: fields.role,
      passwordHash: fields.password === null ? null : await hashPassword(fields.password),
      ssoSubject: null,
      createdAt: this.iso(),
    } satisfies MemberRecord;
  }

  /** The first admin, signed in; null once any account exists. */
  async setup(fields: {
    email: string;
    name: string;
    password: string;
  }): Promise<{ member: Member; token: string } | null> {
    if (await this.any()) return null;
    const record = await this.newRecord({ ...fields, role: 'admin' });
    if (!(await this.store.createFirstMember(record))) return null;
    this.exist = true;
    return { member: publicMember(record), token: await this.startSession(record.id) };
  }

  /** Adds a member from the shell (no session); false if the email is taken. */
  async addMember(fields: { email: string; name: string; role: WorkspaceRole; password: string | null }) {
    const record = await this.newRecord(fields);
    if (!(await this.store.createMember(record))) return null;
    this.exist = true;
    return publicMember(record);
  }

  /** Seconds until `subject` may try again, or 0. */
  private async lockedFor(subject: string): Promise<number> {
    const failures = await this.store.signInFailures(subject, this.iso(-FAILURE_WINDOW_MS));
    if (failures.length < MAX_FAILURES) return 0;
    // the window must lose enough failures to go below the limit again
    const freeing = failures[failures.length - MAX_FAILURES] ?? this.iso();
    return Math.max(1, Math.ceil((Date.parse(freeing) + FAILURE_WINDOW_MS - this.now()) / 1000));
  }

  async signIn(email: string, password: string, address: string | null): Promise<SignIn> {
    const subjects = [`account:${email}`, ...(address ? [`address:${address}`] : [])];
    let wait = 0;
    for (const subject of subjects) wait = Math.max(wait, await this.lockedFor(subject));
    if (wait > 0) return { ok: false, reason: 'locked', retryAfterSeconds: wait };
    const record = await this.store.getMemberByEmail(email);
    // an unknown email costs the same hash as a known one
    const matches = await verifyPassword(password, record?.passwordHash ?? (await decoyHash()));
    if (!record || !record.passwordHash || !matches) {
      await this.store.pruneSignInFailures(this.iso(-FAILURE_WINDOW_MS));
      await this.store.recordSignInFailure(subjects, this.iso());
      return { ok: false, reason: 'wrong_credentials' };
    }
    return { ok: true, member: publicMember(record), token: await this.startSession(record.id) };
  }

  /** An invite for `email` with `role`: its token (shown once; only its hash is stored). */
  async invite(by: Member, email: string, role: WorkspaceRole): Promise<string> {
    const token = newToken();
    await this.store.createInvite({
      tokenHash: tokenHash(token),
      email,
      role,
      createdBy: by.id,
      createdAt: this.iso(),
      expiresAt: this.iso(INVITE_DAYS * DAY_MS),
    });
    return token;
  }

  async inviteInfo(token: string): Promise<{ email: string; role: WorkspaceRole } | null> {
    const invite = await this.store.getInvite(tokenHash(token), this.iso());
    return invite ? { email: invite.email, role: invite.role } : null;
  }

  async acceptInvite(
    token: string,
    fields: { name: string; password: string },
  ): Promise<{ member: Member; token: string } | 'unknown' | 'email_taken'> {
    const id = randomBytes(16).toString('base64url');
    const outcome = await this.store.acceptInvite(tokenHash(token), this.iso(), {
      id,
      name: fields.name,
      passwordHash: await hashPassword(fields.password),
      ssoSubject: null,
      createdAt: this.iso(),
    });
    if (outcome !== 'accepted') return outcome;
    const record = await this.store.getMember(id);
    if (!record) return 'unknown';
    return { member: publicMember(record), token: await this.startSession(id) };
  }

  async members(): Promise<Member[]> {
    return (await this.store.listMembers()).map(publicMember);
  }

  /** Changes a member's role; the last admin cannot stop being one (LastAdmin). False: no such member. */
  async setRole(id: string, role: WorkspaceRole): Promise<boolean> {
    const members = await this.store.listMembers();
    const target = members.find((m) => m.id === id);
    if (!target) return false;
    if (target.role === 'admin' && role !== 'admin' && members.filter((m) => m.role === 'admin').length === 1)
      throw new LastAdmin('the workspace needs at least one admin');
    return this.store.setMemberRole(id, role);
  }

  /** Signs the member out everywhere; returns how many sessions ended. */
  revokeSessions(memberId: string): Promise<number> {
    return this.store.deleteSessionsOf(memberId);
  }

  /**
   * The member a single sign-on identity names: the one linked to it, else the member with its
   * verified email (then linked). Null: not a member (SSO does not create accounts; invite them).
   */
  async memberForSso(identity: { subject: string; email: string | null; emailVerified: boolean }) {
    const linked = await this.store.getMemberBySsoSubject(identity.subject);
    if (linked) return publicMember(linked);
    if (!identity.email || !identity.emailVerified) return null;
    const byEmail = await this.store.getMemberByEmail(identity.email);
    if (!byEmail || byEmail.ssoSubject !== null) return null; // linked to another identity already
    await this.store.setSsoSubject(byEmail.id, identity.subject);
    return publicMember(byEmail);
  }

  memberByEmail(email: string): Promise<MemberRecord | null> {
    return this.store.getMemberByEmail(email);
  }

  getMember(id: string): Promise<MemberRecord | null> {
    return this.store.getMember(id);
  }
}
