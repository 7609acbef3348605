// The members page's API (admins only): list members, change a role, sign a member out everywhere.
import type { FastifyInstance } from 'fastify';
import { requireAdmin } from '../accounts/guards';
import { LastAdmin, type Accounts } from '../accounts/service';
import { checkRole } from '../accounts/validate';
import { HttpError } from './errors';
import { bodyObject, valid } from './session';

export interface MemberRouteDeps {
  accounts: Accounts;
  /** Closes the member's open sync sockets (after a role change or a sign-out everywhere). */
  disconnect(memberId: string): void;
}

export function memberRoutes(app: FastifyInstance, deps: MemberRouteDeps): void {
  const { accounts } = deps;

  app.get('/api/members', async (request) => {
    await requireAdmin(request);
    return { members: await accounts.members() };
  });

  app.patch<{ Params: { id: string } }>('/api/members/:id', async (request) => {
    const admin = await requireAdmin(request);
    const role = valid(() => checkRole(bodyObject(request).role));
    let changed: boolean;
    try {
      changed = await accounts.setRole(request.params.id, role);
    } catch (err) {
      if (err instanceof LastAdmin) throw new HttpError(409, 'last_admin', 'The workspace needs at least one admin');
      throw err;
    }
    if (!changed) throw new HttpError(404, 'not_found', 'No member with this id');
    // open sockets keep the role they connected with: close them so they reconnect with the new one
    deps.disconnect(request.params.id);
    request.log.info({ by: admin.id, member: request.params.id, role }, 'member role changed');
    const member = await accounts.getMember(request.params.id);
    return { member: member && { id: member.id, email: member.email, name: member.name, role: member.role } };
  });

  app.delete<{ Params: { id: string } }>('/api/members/:id/sessions', async (request) => {
    const admin = await requireAdmin(request);
    if (!(await accounts.getMember(request.params.id))) throw new HttpError(404, 'not_found', 'No member with this id');
    const revoked = await accounts.revokeSessions(request.params.id);
    deps.disconnect(request.params.id);
    request.log.info({ by: admin.id, member: request.params.id, revoked }, 'member signed out everywhere');
    return { revoked };
  });
}
