// The accounts part of the HTTP API: who is signed in, setup, sign-in/out, invites and members.
// The session is an HttpOnly cookie the browser sends by itself; nothing here stores a secret.
import { request } from './api';

export type WorkspaceRole = 'admin' | 'editor' | 'viewer';

export interface Member {
  id: string;
  email: string;
  name: string;
  role: WorkspaceRole;
}

export interface Me {
  member: Member | null;
  /** No account exists yet: the first visitor may set up the workspace's admin. */
  setupNeeded: boolean;
  /** Single sign-on is configured (the sign-in page offers it). */
  sso: boolean;
}

const post = (body: unknown): RequestInit => ({ method: 'POST', body: JSON.stringify(body) });

export const fetchMe = (): Promise<Me> => request<Me>('/api/me');

export const setupWorkspace = (fields: { email: string; name: string; password: string }) =>
  request<{ member: Member }>('/api/setup', post(fields));

export type SignInResult =
  | { ok: true; member: Member }
  | { ok: false; reason: 'wrong_credentials' | 'offline' }
  | { ok: false; reason: 'locked'; retryAfterSeconds: number }
  | { ok: false; reason: 'other'; message: string };

/** Signs in; a refusal is an answer here (wrong password, locked out with the wait), not an exception. */
export async function signIn(email: string, password: string): Promise<SignInResult> {
  let response: Response;
  try {
    response = await fetch('/api/session', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });
  } catch {
    return { ok: false, reason: 'offline' };
  }
  const body = (await response.json().catch(() => null)) as {
    member?: Member;
    error?: { code?: string; message?: string };
  } | null;
  if (response.ok && body?.member) return { ok: true, member: body.member };
  if (response.status === 401) return { ok: false, reason: 'wrong_credentials' };
  if (response.status === 429) {
    const seconds = Number(response.headers.get('retry-after'));
    return { ok: false, reason: 'locked', retryAfterSeconds: Number.isFinite(seconds) && seconds > 0 ? seconds : 900 };
  }
  return { ok: false, reason: 'other', message: body?.error?.message ?? `HTTP ${response.status}` };
}

export const signOut = (): Promise<void> => request('/api/session', { method: 'DELETE' });

export const inviteMember = (email: string, role: WorkspaceRole) =>
  request<{ token: string; link: string; email: string; role: WorkspaceRole }>('/api/invites', post({ email, role }));

export const fetchInvite = (token: string) =>
  request<{ email: string; role: WorkspaceRole }>(`/api/invites/${encodeURIComponent(token)}`);

export const acceptInvite = (token: string, name: string, password: string) =>
  request<{ member: Member }>(`/api/invites/${encodeURIComponent(token)}/accept`, post({ name, password }));

export const fetchMembers = () => request<{ members: Member[] }>('/api/members');

export const changeRole = (id: string, role: WorkspaceRole) =>
  request<{ member: Member }>(`/api/members/${encodeURIComponent(id)}`, {
    method: 'PATCH',
    body: JSON.stringify({ role }),
  });

export const revokeSessions = (id: string) =>
  request<{ revoked: number }>(`/api/members/${encodeURIComponent(id)}/sessions`, { method: 'DELETE' });
