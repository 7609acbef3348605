// /api/maps/:id/webhooks (editor key): the URLs that receive the map's metric alerts. The secret
// that signs deliveries is returned once, when the hook is made; listings show whether each hook's
// last delivery was delivered or failed (attempts, time), never the status or the error: those
// would make webhooks a scanner of the server's network (the reason is in the server log).
// Private, loopback and link-local literal addresses and `localhost` are refused here already
// (unless WEBHOOK_ALLOW_PRIVATE=1); names are checked when delivering (webhooks/address.ts).
import type { FastifyInstance } from 'fastify';
import { randomToken } from '../auth/keys';
import type { Store, WebhookRecord } from '../storage/store';
import { isIP } from 'node:net';
import { isForbiddenAddress } from '../webhooks/address';
import { newSecret } from '../webhooks/sign';
import { requireEditor, requireToken } from './access';
import { HttpError } from './errors';

export const WEBHOOKS_PER_MAP = 20;
const URL_MAX = 2000;

const createSchema = {
  body: {
    type: 'object',
    required: ['url'],
    properties: { url: { type: 'string', minLength: 1, maxLength: URL_MAX } },
  },
} as const;

/** An absolute http(s) URL without credentials, normalised; 400 otherwise. */
function checkUrl(raw: string, allowPrivate: boolean): string {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new HttpError(400, 'bad_request', 'url must be an absolute http:// or https:// URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new HttpError(400, 'bad_request', 'url must use http or https');
  if (url.username || url.password)
    throw new HttpError(400, 'bad_request', 'url must not carry a user name or password');
  // the URL parser already turned 2130706433, 0x7f.1 and 017700000001 into 127.0.0.1
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const local = host === 'localhost' || host.endsWith('.localhost') || (isIP(host) !== 0 && isForbiddenAddress(host));
  if (local && !allowPrivate)
    throw new HttpError(400, 'bad_request', 'url must not point to a private, loopback or link-local address');
  return url.href;
}

/** A hook as the API shows it: never its secret, nor its receiver's status or the error. */
function publicHook(h: WebhookRecord) {
  const lastResult = h.lastAttemptAt === null ? null : h.lastError === null ? 'delivered' : 'failed';
  return {
    id: h.id,
    url: h.url,
    createdAt: h.createdAt,
    lastResult,
    attempts: h.attempts,
    lastAttemptAt: h.lastAttemptAt,
  };
}

export function webhookRoutes(app: FastifyInstance, deps: { store: Store; allowPrivate: boolean }): void {
  const { store } = deps;

  app.get<{ Params: { id: string } }>('/api/maps/:id/webhooks', async (request) => {
    const map = await requireEditor(store, request.params.id, request, 'see webhooks');
    return { webhooks: (await store.features.listWebhooks(map.id)).map(publicHook) };
  });

  app.post<{ Params: { id: string }; Body: { url: string } }>(
    '/api/maps/:id/webhooks',
    { schema: createSchema },
    async (request, reply) => {
      const map = await requireEditor(store, request.params.id, request, 'add webhooks');
      const url = checkUrl(request.body.url, deps.allowPrivate);
      if ((await store.features.listWebhooks(map.id)).length >= WEBHOOKS_PER_MAP) {
        throw new HttpError(400, 'bad_request', `A map has at most ${WEBHOOKS_PER_MAP} webhooks`);
      }
      const hook = { id: randomToken(), mapId: map.id, url, secret: newSecret(), createdAt: new Date().toISOString() };
      if (!(await store.features.addWebhook(hook))) throw new HttpError(404, 'not_found', 'No map with this id');
      return reply.code(201).send({ id: hook.id, url: hook.url, secret: hook.secret, createdAt: hook.createdAt });
    },
  );

  app.delete<{ Params: { id: string; hookId: string } }>('/api/maps/:id/webhooks/:hookId', async (request, reply) => {
    const map = await requireEditor(store, request.params.id, request, 'remove webhooks');
    const hookId = requireToken(request.params.hookId, 'webhook');
    if (!(await store.features.deleteWebhook(map.id, hookId)))
      throw new HttpError(404, 'not_found', 'No webhook with this id');
    return reply.code(204).send();
  });
}
