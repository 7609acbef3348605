// Invites: an admin invites an email with a role (POST /api/invites → the token, shown once, and the
// link to send); the invitee reads it (GET) and accepts it with a name and a password, which makes
// them a member and signs them in. The token travels in the link's fragment and in these paths,
// which the request log shortens (app.ts).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { requireAdmin } from '../accounts/guards';
import { checkName, checkPassword, checkRole, normalizeEmail } from '../accounts/validate';
import { HttpError } from './errors';
import { bodyObject, signedIn, valid, type SessionRouteDeps } from './session';

const TOKEN = /^[A-Za-z0-9_-]{43}$/;

function inviteToken(value: string): string {
  if (!TOKEN.test(value)) throw new HttpError(404, 'invite_invalid', 'This invite is unknown, used or expired');
  return value;
}

/** The origin links are made for: PUBLIC_ORIGIN, else the one the admin's browser used. */
function linkOrigin(deps: SessionRouteDeps, request: FastifyRequest): string {
  if (deps.publicOrigin) return deps.publicOrigin;
  const proto = request.protocol === 'https' ? 'https' : 'http';
  return `${proto}://${request.headers.host ?? 'localhost'}`;
}

export function inviteRoutes(app: FastifyInstance, deps: SessionRouteDeps): void {
  const { accounts } = deps;

  app.post('/api/invites', async (request, reply) => {
    const admin = await requireAdmin(request);
    const body = bodyObject(request);
    const email = valid(() => normalizeEmail(body.email));
    const role = valid(() => checkRole(body.role));
    if (await accounts.memberByEmail(email)) throw new HttpError(409, 'email_taken', 'This email is already a member');
    const token = await accounts.invite(admin, email, role);
    request.log.info({ by: admin.id, role }, 'invite created');
    return reply.code(201).send({ token, link: `${linkOrigin(deps, request)}/invite#token=${token}`, email, role });
  });

  app.get<{ Params: { token: string } }>('/api/invites/:token', async (request) => {
    const info = await accounts.inviteInfo(inviteToken(request.params.token));
    if (!info) throw new HttpError(404, 'invite_invalid', 'This invite is unknown, used or expired');
    return info;
  });

  app.post<{ Params: { token: string } }>('/api/invites/:token/accept', async (request, reply) => {
    const token = inviteToken(request.params.token);
    const body = bodyObject(request);
    const fields = valid(() => ({ name: checkName(body.name), password: checkPassword(body.password) }));
    const outcome = await accounts.acceptInvite(token, fields);
    if (outcome === 'unknown') throw new HttpError(404, 'invite_invalid', 'This invite is unknown, used or expired');
    if (outcome === 'email_taken') throw new HttpError(409, 'email_taken', 'This email is already a member: sign in');
    request.log.info({ member: outcome.member.id }, 'invite accepted');
    return signedIn(deps, request, reply, outcome.token).code(201).send({ member: outcome.member });
  });
}
