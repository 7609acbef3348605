// Signing in and out: POST /api/setup (the first admin), POST /api/session, DELETE /api/session,
// GET /api/me. Sign-in answers set the session cookie (cookies.ts); wrong passwords count toward
// the lockout per account and per address (429 with Retry-After).
import type { BlockList } from 'node:net';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { clearedSessionCookie, overHttps, sessionCookie, sessionToken } from '../accounts/cookies';
import { memberOf } from '../accounts/memberOf';
import type { Accounts } from '../accounts/service';
import { checkName, checkPassword, InvalidInput, normalizeEmail } from '../accounts/validate';
import type { Member } from '../auth/actor';
import { clientAddress } from '../sync/limits';
import { HttpError, sendError } from './errors';

export interface SessionRouteDeps {
  accounts: Accounts;
  /** PUBLIC_ORIGIN: an https one makes cookies Secure. */
  publicOrigin: string | null;
  /** Trusted reverse proxies (their X-Forwarded-For / -Proto count). */
  proxies: BlockList;
  /** Whether single sign-on is configured (the sign-in page offers it). */
  sso: boolean;
  /** Closes a member's open sync sockets (their other devices reconnect with their own sessions). */
  disconnect(memberId: string): void;
}

/** Runs a validation, turning its complaint into a 400. */
export function valid<T>(check: () => T): T {
  try {
    return check();
  } catch (err) {
    if (err instanceof InvalidInput) throw new HttpError(400, 'bad_request', err.message);
    throw err;
  }
}

/** The body as an object (anything else is a 400). */
export function bodyObject(request: FastifyRequest): Record<string, unknown> {
  const body = request.body;
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new HttpError(400, 'bad_request', 'the body must be a JSON object');
  return body as Record<string, unknown>;
}

export function signedIn(
  deps: SessionRouteDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  token: string,
): FastifyReply {
  const secure = overHttps(request.raw, deps.publicOrigin, deps.proxies);
  return reply.header('set-cookie', sessionCookie(token, deps.accounts.sessionSeconds, secure));
}

/** Routes that create a map: once any account exists, they need a signed-in member. */
const CREATING_ROUTES = new Set(['/api/maps', '/api/maps/:id/duplicate', '/api/maps/import']);

/** Once any account exists, POST /api/maps (and a duplicate) needs a signed-in member (401 sign_in_required). */
export function anonymousMapGate(app: FastifyInstance, accounts: Accounts): void {
  app.addHook('preHandler', async (request) => {
    if (request.method !== 'POST' || !CREATING_ROUTES.has(request.routeOptions.url ?? '')) return;
    if (!(await accounts.any())) return;
    const member = await memberOf(request);
    if (!member) throw new HttpError(401, 'sign_in_required', 'Sign in to create maps');
    if (member.role === 'viewer') throw new HttpError(403, 'editor_key_required', 'Viewers cannot create maps');
  });
}

export function sessionRoutes(app: FastifyInstance, deps: SessionRouteDeps): void {
  const { accounts } = deps;

  app.post('/api/setup', async (request, reply) => {
    const body = bodyObject(request);
    const fields = valid(() => ({
      email: normalizeEmail(body.email),
      name: checkName(body.name),
      password: checkPassword(body.password),
    }));
    const done = await accounts.setup(fields);
    if (!done) throw new HttpError(409, 'setup_done', 'The workspace already has an admin: sign in instead');
    request.log.info({ member: done.member.id }, 'first admin created');
    return signedIn(deps, request, reply, done.token).code(201).send({ member: done.member });
  });

  app.post('/api/session', async (request, reply) => {
    const body = bodyObject(request);
    const email = valid(() => normalizeEmail(body.email));
    const password = typeof body.password === 'string' ? body.password.slice(0, 1024) : '';
    const result = await accounts.signIn(email, password, clientAddress(request.raw, deps.proxies));
    if (result.ok) return signedIn(deps, request, reply, result.token).send({ member: result.member });
    if (result.reason === 'locked') {
      request.log.warn({ retryAfter: result.retryAfterSeconds }, 'sign-in refused: too many wrong passwords');
      reply.header('retry-after', String(result.retryAfterSeconds));
      return sendError(
        reply,
        429,
        'too_many_requests',
        `Too many wrong passwords: try again in ${result.retryAfterSeconds} s`,
        { retryAfterSeconds: result.retryAfterSeconds },
      );
    }
    throw new HttpError(401, 'wrong_credentials', 'Wrong email or password');
  });

  app.delete('/api/session', async (request, reply) => {
    const token = sessionToken(request.raw);
    const member = await memberOf(request);
    if (token) await accounts.endSession(token);
    // this browser's open maps must not stay open on the ended session
    if (member) deps.disconnect(member.id);
    const secure = overHttps(request.raw, deps.publicOrigin, deps.proxies);
    return reply.header('set-cookie', clearedSessionCookie(secure)).code(204).send();
  });

  // who is signed in, and what the sign-in page should offer: setup (no account yet) or SSO
  app.get('/api/me', async (request): Promise<{ member: Member | null; setupNeeded: boolean; sso: boolean }> => {
    const member = await memberOf(request);
    return { member, setupNeeded: !member && !(await accounts.any()), sso: deps.sso };
  });
}
