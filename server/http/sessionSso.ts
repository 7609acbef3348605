// Signing in with single sign-on (OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET): /api/oidc/login
// sends the browser to the provider, /api/oidc/callback comes back with a code, which is exchanged
// and checked (PKCE, state, nonce, ID token); the identity signs in the member it names. Failures
// go back to the sign-in page with ?sso=failed (or not_member), and the log says why, never a code.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { overHttps, readCookie, sessionCookie } from '../accounts/cookies';
import type { Oidc } from '../accounts/oidc';
import { FLOW_COOKIE, FLOW_SECONDS } from '../accounts/oidcFlow';
import type { SessionRouteDeps } from './session';

function safeNext(value: unknown): string {
  return typeof value === 'string' && value.startsWith('/') && !value.startsWith('//') && value.length < 500
    ? value
    : '/';
}

function flowCookie(value: string, maxAge: number, secure: boolean): string {
  return [
    `${FLOW_COOKIE}=${value}`,
    'Path=/api/oidc',
    `Max-Age=${maxAge}`,
    'HttpOnly',
    'SameSite=Lax',
    ...(secure ? ['Secure'] : []),
  ].join('; ');
}

export function ssoRoutes(app: FastifyInstance, deps: SessionRouteDeps & { oidc: Oidc }): void {
  const { accounts, oidc } = deps;

  const callbackUri = (request: FastifyRequest): string => {
    const origin = deps.publicOrigin ?? `${request.protocol}://${request.headers.host ?? 'localhost'}`;
    return `${origin}/api/oidc/callback`;
  };
  const back = (reply: FastifyReply, secure: boolean, reason: 'failed' | 'not_member'): FastifyReply =>
    reply
      .header('set-cookie', flowCookie('', 0, secure))
      .header('cache-control', 'no-store')
      .redirect(`/sign-in?sso=${reason}`, 302);

  app.get<{ Querystring: { next?: string } }>('/api/oidc/login', async (request, reply) => {
    const secure = overHttps(request.raw, deps.publicOrigin, deps.proxies);
    try {
      const { url, cookie } = await oidc.start(callbackUri(request), safeNext(request.query.next));
      return reply
        .header('set-cookie', flowCookie(cookie, FLOW_SECONDS, secure))
        .header('cache-control', 'no-store')
        .redirect(url, 302);
    } catch (err) {
      request.log.warn({ err: err instanceof Error ? err.message : String(err) }, 'single sign-on could not start');
      return back(reply, secure, 'failed');
    }
  });

  app.get('/api/oidc/callback', async (request, reply) => {
    const secure = overHttps(request.raw, deps.publicOrigin, deps.proxies);
    const pending = oidc.open(readCookie(request.headers.cookie, FLOW_COOKIE, /^[A-Za-z0-9_.-]{1,4000}$/));
    if (!pending) {
      request.log.warn('single sign-on callback without a valid flow cookie');
      return back(reply, secure, 'failed');
    }
    const current = new URL(callbackUri(request));
    current.search = new URL(request.url, 'http://x').search;
    let member;
    try {
      const identity = await oidc.finish(current, pending);
      member = await accounts.memberForSso(identity);
      if (!member) {
        request.log.warn('single sign-on identity is not a member of this workspace');
        return back(reply, secure, 'not_member');
      }
    } catch (err) {
      request.log.warn({ err: err instanceof Error ? err.message : String(err) }, 'single sign-on failed');
      return back(reply, secure, 'failed');
    }
    const token = await accounts.startSession(member.id);
    request.log.info({ member: member.id }, 'signed in with single sign-on');
    return reply
      .header('set-cookie', [flowCookie('', 0, secure), sessionCookie(token, accounts.sessionSeconds, secure)])
      .header('cache-control', 'no-store')
      .redirect(pending.next, 302);
  });
}
