// /api/maps: create (anyone), read (either key), delete (editor key). Keys travel as
// `Authorization: Bearer KEY`; only their hashes are stored.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { hashKey, isMapId, newKeys, randomToken, resolveRole, type Role } from '../auth/keys';
import type { MediaLibrary } from '../media/library';
import type { MapRecord, Store } from '../storage/store';
import type { Rooms } from '../sync/rooms';
import { seedDocument } from '../sync/seed';
import { HttpError } from './errors';

const TITLE_MAX = 200;

export function bearerKey(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (typeof header !== 'string') return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1] ?? null;
}

/**
 * The map and the caller's role, checked in order: id format and existence (404), key present (401),
 * key valid (403). `key` defaults to the Bearer header (media GETs also accept `?key=`).
 */
export async function authorize(
  store: Store,
  id: string,
  request: FastifyRequest,
  key: string | null = bearerKey(request),
): Promise<{ map: MapRecord; role: Role }> {
  const map = isMapId(id) ? await store.docs.getMap(id) : null;
  if (!map) throw new HttpError(404, 'not_found', 'No map with this id');
  if (!key) throw new HttpError(401, 'missing_key', 'This map needs a key: send Authorization: Bearer KEY');
  const role = resolveRole(key, map);
  if (!role) throw new HttpError(403, 'wrong_key', 'The key does not open this map');
  return { map, role };
}

const createSchema = {
  body: {
    type: 'object',
    required: ['title'],
    properties: { title: { type: 'string', minLength: 1, maxLength: 4 * TITLE_MAX } },
  },
} as const;

export function mapRoutes(app: FastifyInstance, deps: { store: Store; rooms: Rooms; media: MediaLibrary }): void {
  const { store, rooms, media } = deps;

  app.post<{ Body: { title: string } }>('/api/maps', { schema: createSchema }, async (request, reply) => {
    const title = request.body.title.trim();
    if (title.length === 0 || title.length > TITLE_MAX) {
      throw new HttpError(400, 'bad_request', `title must be 1 to ${TITLE_MAX} characters after trimming`);
    }
    const { editorKey, viewerKey } = newKeys();
    const id = randomToken();
    await store.docs.createMap({
      id,
      title,
      editorKeyHash: hashKey(editorKey),
      viewerKeyHash: hashKey(viewerKey),
      createdAt: new Date().toISOString(),
      snapshot: seedDocument(title),
    });
    return reply.code(201).send({ id, editorKey, viewerKey });
  });

  app.get<{ Params: { id: string } }>('/api/maps/:id', async (request) => {
    const { map, role } = await authorize(store, request.params.id, request);
    return { id: map.id, title: map.title, role };
  });

  app.delete<{ Params: { id: string } }>('/api/maps/:id', async (request, reply) => {
    const { map, role } = await authorize(store, request.params.id, request);
    if (role !== 'editor') throw new HttpError(403, 'editor_key_required', 'Only the editor key can delete a map');
    rooms.mapDeleted(map.id); // clients closed with 4410 before the data goes
    // media rows go with the map; files no other map records are deleted after it
    await media.deleteMapWithMedia(map.id, () => store.docs.deleteMap(map.id));
    return reply.code(204).send();
  });
}
