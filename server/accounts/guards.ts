// Route guards for requests that need a signed-in member (and for admin-only ones).
import type { FastifyRequest } from 'fastify';
import type { Member } from '../auth/actor';
import { HttpError } from '../http/errors';
import { memberOf } from './memberOf';

export async function requireMember(request: FastifyRequest): Promise<Member> {
  const member = await memberOf(request);
  if (!member) throw new HttpError(401, 'sign_in_required', 'Sign in first');
  return member;
}

export async function requireAdmin(request: FastifyRequest): Promise<Member> {
  const member = await requireMember(request);
  if (member.role !== 'admin') throw new HttpError(403, 'admin_required', 'Only a workspace admin can do this');
  return member;
}
