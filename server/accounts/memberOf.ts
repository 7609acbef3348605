// The signed-in member of a request, for routes without a map (and, through authorize(), those with
// one). The accounts service installs a resolver on the app; without it (or without a session) the
// answer is null, so a server with no accounts behaves as before.
import type { IncomingMessage } from 'node:http';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Member } from '../auth/actor';

/** Resolves the member a raw request (HTTP or websocket upgrade) is signed in as, from its cookie. */
export type MemberResolver = (req: IncomingMessage) => Promise<Member | null>;

declare module 'fastify' {
  interface FastifyInstance {
    memberResolver: MemberResolver | null;
  }
}

const noMember: MemberResolver = () => Promise.resolve(null);

/** Registers how requests are resolved to members (called once, on the root instance). */
export function installMemberResolver(app: FastifyInstance, resolver: MemberResolver | null): void {
  app.decorate('memberResolver', resolver);
}

// one lookup per request, however many routes helpers ask
const resolved = new WeakMap<FastifyRequest, Promise<Member | null>>();

export function memberOf(request: FastifyRequest): Promise<Member | null> {
  let found = resolved.get(request);
  if (!found) {
    found = (request.server.memberResolver ?? noMember)(request.raw);
    resolved.set(request, found);
  }
  return found;
}
