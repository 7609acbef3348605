// /api/maps/:id/media: upload (editor; the raw file is the body, streamed to disk, never buffered)
// and download (either key as a Bearer header, a member's session cookie, or `?t=` a short-lived
// token for that one file, for <img>/<video>/links), with ETag and byte ranges. A map key is never
// accepted in the URL: `/media/:hash/token` hands out the token instead.
import fs from 'node:fs';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { MediaTokens } from '../auth/mediaTokens';
import { MediaRefused, type RefusalReason } from '../media/errors';
import type { MediaLibrary } from '../media/library';
import { parseRange } from '../media/range';
import { isMediaHash } from '../media/types';
import type { Store } from '../storage/store';
import { HttpError } from './errors';
import { authorize } from './maps';
import { MEDIA_SECURITY_HEADERS, contentDisposition, contentType, etagMatches, etagOf } from './mediaHeaders';

type MediaParams = { id: string; hash: string };

// The bytes of a hash never change; private: the URL may carry a token, so no shared cache keeps it.
const CACHE = 'private, max-age=31536000, immutable';

const REFUSAL: Record<RefusalReason, [number, 'payload_too_large' | 'unsupported_media_type' | 'not_found']> = {
  too_large: [413, 'payload_too_large'],
  unsupported: [415, 'unsupported_media_type'],
  map_gone: [404, 'not_found'],
};

function declaredLength(request: FastifyRequest): number | undefined {
  const raw = request.headers['content-length'];
  const value = raw === undefined ? NaN : Number(raw);
  return Number.isSafeInteger(value) && value >= 0 ? value : undefined;
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function queryToken(request: FastifyRequest): string | null {
  const token = (request.query as { t?: unknown } | undefined)?.t;
  return typeof token === 'string' && token !== '' ? token : null;
}

async function upload(
  deps: Deps,
  request: FastifyRequest<{ Params: { id: string } }>,
  reply: FastifyReply,
): Promise<FastifyReply> {
  const { role } = await authorize(deps.store, request.params.id, request);
  if (role !== 'editor') throw new HttpError(403, 'editor_key_required', 'Only the editor key can upload media');
  try {
    const ref = await deps.media.upload({
      mapId: request.params.id,
      body: request.raw,
      rawName: headerValue(request.headers['x-file-name']),
      declaredLength: declaredLength(request),
    });
    return reply.code(201).send(ref);
  } catch (err) {
    if (err instanceof MediaRefused) {
      const [status, code] = REFUSAL[err.reason];
      throw new HttpError(status, code, err.message);
    }
    // The client went away mid-upload: nobody will read the answer, and it is not our failure.
    if (request.raw.destroyed && !request.raw.complete)
      throw new HttpError(400, 'bad_request', 'The upload was interrupted');
    throw err;
  }
}

async function download(
  deps: Deps,
  request: FastifyRequest<{ Params: MediaParams }>,
  reply: FastifyReply,
): Promise<FastifyReply> {
  const { id, hash } = request.params;
  const token = queryToken(request);
  if (token === null) await authorize(deps.store, id, request);
  else if (!deps.tokens.verify(token, id, hash))
    throw new HttpError(403, 'invalid_token', 'This media link has expired: open the map again');
  const found = isMediaHash(hash) ? await deps.media.find(id, hash) : null;
  if (!found) throw new HttpError(404, 'not_found', 'No media with this id in this map');
  const size = await fs.promises.stat(found.path).then(
    (stat) => stat.size,
    () => null,
  );
  if (size === null) {
    request.log.warn({ hash }, 'media file missing');
    throw new HttpError(404, 'not_found', 'No media with this id in this map');
  }

  const etag = etagOf(hash);
  reply.headers({ ...MEDIA_SECURITY_HEADERS, etag });
  if (etagMatches(request.headers['if-none-match'], etag)) return reply.code(304).header('cache-control', CACHE).send();

  // If-Range with another validator: the client's partial copy is stale, so send it all.
  const ifRange = request.headers['if-range'];
  const range =
    ifRange === undefined || ifRange === etag ? parseRange(request.headers.range, size) : { kind: 'none' as const };
  if (range.kind === 'unsatisfiable') {
    reply.header('content-range', `bytes */${size}`);
    throw new HttpError(416, 'range_not_satisfiable', `The file has ${size} bytes`);
  }
  reply.headers({
    'content-type': contentType(found.record.mime),
    'content-disposition': contentDisposition(found.record),
    'cache-control': CACHE,
  });
  const [start, end] = range.kind === 'range' ? [range.start, range.end] : [0, size - 1];
  if (range.kind === 'range') reply.code(206).header('content-range', `bytes ${start}-${end}/${size}`);
  reply.header('content-length', String(end - start + 1));
  if (request.method === 'HEAD' || size === 0) return reply.send();
  // 256 KiB reads: a quarter of the syscalls of the 64 KiB default for big media, little memory
  return reply.send(fs.createReadStream(found.path, { start, end, highWaterMark: 256 * 1024 }));
}

interface Deps {
  store: Store;
  media: MediaLibrary;
  tokens: MediaTokens;
}

/** A URL for one media file that works without a key for TOKEN_MINUTES (for src and href attributes). */
async function tokenUrl(
  deps: Deps,
  request: FastifyRequest<{ Params: MediaParams }>,
): Promise<{ url: string; expiresAt: string }> {
  const { id, hash } = request.params;
  await authorize(deps.store, id, request);
  const found = isMediaHash(hash) ? await deps.media.find(id, hash) : null;
  if (!found) throw new HttpError(404, 'not_found', 'No media with this id in this map');
  const { token, expiresAt } = deps.tokens.issue(id, hash);
  return { url: `/api/maps/${encodeURIComponent(id)}/media/${hash}?t=${token}`, expiresAt };
}

/** Register with `app.register`: the body parser set here applies to these routes only. */
export async function mediaRoutes(app: FastifyInstance, deps: Deps): Promise<void> {
  // Any Content-Type, JSON and text included, is left unread: the handler streams request.raw itself.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', (_request, _payload, done) => done(null));

  // An answer given before the body was read in full (refused early, or at the size limit) closes
  // the connection, so Node does not read and discard the rest of a large body to keep it alive.
  app.addHook('onSend', async (request, reply, payload) => {
    if (request.method === 'POST' && !request.raw.complete) reply.header('connection', 'close');
    return payload;
  });

  app.post<{ Params: { id: string } }>('/api/maps/:id/media', (request, reply) => upload(deps, request, reply));
  app.route<{ Params: MediaParams }>({
    method: ['GET', 'HEAD'],
    url: '/api/maps/:id/media/:hash',
    exposeHeadRoute: false, // our HEAD sends the real Content-Length without reading the file
    handler: (request, reply) => download(deps, request, reply),
  });
  app.get<{ Params: MediaParams }>('/api/maps/:id/media/:hash/token', async (request, reply) => {
    reply.header('cache-control', 'no-store');
    return tokenUrl(deps, request);
  });
}
