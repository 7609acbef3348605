// Row shapes of the accounts tables (SQLite and PostgreSQL name their columns alike) and their
// conversion to the Store's records.
import type { WorkspaceRole } from '../auth/actor';
import type { InviteRecord, MemberRecord } from './store';

export interface MemberRow {
  id: string;
  email: string;
  name: string;
  role: string;
  password_hash: string | null;
  sso_subject: string | null;
  created_at: string;
}

export interface InviteRow {
  token_hash: string;
  email: string;
  role: string;
  created_by: string;
  created_at: string;
  expires_at: string;
}

/** A role read back from the database; anything unexpected reads as the least privileged one. */
function toRole(value: string): WorkspaceRole {
  return value === 'admin' || value === 'editor' ? value : 'viewer';
}

export function toMember(row: MemberRow): MemberRecord {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: toRole(row.role),
    passwordHash: row.password_hash,
    ssoSubject: row.sso_subject,
    createdAt: row.created_at,
  };
}

export function toInvite(row: InviteRow): InviteRecord {
  return {
    tokenHash: row.token_hash,
    email: row.email,
    role: toRole(row.role),
    createdBy: row.created_by,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
  };
}
