// What a client may send as an email, a password, a display name or a role: checked here, with a
// message that says what is wrong. Emails are compared lower-cased.
import type { WorkspaceRole } from '../auth/actor';

export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 512;
const NAME_MAX = 80;
const EMAIL_MAX = 254;

export class InvalidInput extends Error {}

export function normalizeEmail(value: unknown): string {
  const email = typeof value === 'string' ? value.trim().toLowerCase() : '';
  if (email.length === 0 || email.length > EMAIL_MAX || !/^[^\s@]+@[^\s@]+$/.test(email))
    throw new InvalidInput('email must be an address like name@example.com');
  return email;
}

export function checkPassword(value: unknown): string {
  if (typeof value !== 'string' || value.length < PASSWORD_MIN || value.length > PASSWORD_MAX)
    throw new InvalidInput(`password must be ${PASSWORD_MIN} to ${PASSWORD_MAX} characters`);
  return value;
}

export function checkName(value: unknown): string {
  // no control characters: names are shown to everyone (presence, member lists, history)
  // eslint-disable-next-line no-control-regex
  const name = typeof value === 'string' ? value.replace(/[\u0000-\u001f\u007f]/g, '').trim() : '';
  if (name.length === 0 || name.length > NAME_MAX) throw new InvalidInput(`name must be 1 to ${NAME_MAX} characters`);
  return name;
}

export const ROLES: readonly WorkspaceRole[] = ['admin', 'editor', 'viewer'];

export function checkRole(value: unknown): WorkspaceRole {
  const role = ROLES.find((r) => r === value);
  if (!role) throw new InvalidInput('role must be admin, editor or viewer');
  return role;
}
