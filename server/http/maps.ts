// /api/maps: create (anyone), read (either key), delete to the trash and duplicate (editor key). Keys travel as
// `Authorization: Bearer KEY`; only their hashes are stored.
import type { BlockList } from 'node:net';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { memberOf } from '../accounts/memberOf';
import { guestActor, mapRoleOf, memberActor, type Actor } from '../auth/actor';
import { isMapId, resolveRole, type Role } from '../auth/keys';
import { createMapRecord } from '../maplife/create';
import type { MapRecord, Store } from '../storage/store';
import type { Rooms } from '../sync/rooms';
import { clientAddress } from '../sync/limits';
import { seedDocument } from '../sync/seed';
import { copyTitle, duplicateMap } from '../maplife/duplicate';
import { HttpError, sendError } from './errors';
import { WindowLimit } from './windowLimit';

const TITLE_MAX = 200;

export function bearerKey(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (typeof header !== 'string') return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1] ?? null;
}

/** Who a request acts as on a map, and with which role. */
export interface Authorized {
  map: MapRecord;
  role: Role;
  actor: Actor;
}

/**
 * The map, the caller's role and who the caller is, checked in order: id format and existence (404),
 * a key or a member session present (401), the key valid (403). `key` defaults to the Bearer header
 * (media GETs also accept `?key=`). A signed-in member acts as themself; a key may raise their role
 * (a viewer member holding an editor link edits), never lower it.
 */
/** The member who made a map (the list shows them); a guest's map has no creator. */
export async function recordCreator(store: Store, mapId: string, request: FastifyRequest): Promise<void> {
  const member = await memberOf(request);
  if (member) await store.history.setCreator(mapId, { id: member.id, name: member.name });
}

export async function authorize(
  store: Store,
  id: string,
  request: FastifyRequest,
  key: string | null = bearerKey(request),
): Promise<Authorized> {
  const map = isMapId(id) ? await store.docs.getMap(id) : null;
  if (!map) throw new HttpError(404, 'not_found', 'No map with this id');
  const member = await memberOf(request);
  const keyRole = key ? resolveRole(key, map) : null;
  if (member) {
    const memberRole = mapRoleOf(member.role);
    return { map, role: keyRole === 'editor' ? 'editor' : memberRole, actor: memberActor(member) };
  }
  if (!key) throw new HttpError(401, 'missing_key', 'This map needs a key: send Authorization: Bearer KEY');
  if (!keyRole) throw new HttpError(403, 'wrong_key', 'The key does not open this map');
  return { map, role: keyRole, actor: guestActor(keyRole) };
}

const createSchema = {
  body: {
    type: 'object',
    required: ['title'],
    properties: { title: { type: 'string', minLength: 1, maxLength: 4 * TITLE_MAX } },
  },
} as const;

const HOUR_MS = 60 * 60 * 1000;

export interface MapRouteDeps {
  store: Store;
  rooms: Rooms;
  /** Maps one client address may create per hour (0: no limit), and whose X-Forwarded-For names the client. */
  creation: { perHour: number; proxies: BlockList };
}

/**
 * Maps created per address and hour, shared by every route that makes one (new, copy, import): true
 * if this one may be made; else a 429 with Retry-After is sent and the route returns the reply.
 */
export type CreationGate = (request: FastifyRequest, reply: FastifyReply) => boolean;

export function mapRoutes(app: FastifyInstance, deps: MapRouteDeps): CreationGate {
  const { store, rooms } = deps;
  const creations = new WindowLimit(deps.creation.perHour, HOUR_MS);
  const allowCreation: CreationGate = (request, reply) => {
    const address = clientAddress(request.raw, deps.creation.proxies);
    const waitMs = creations.take(address);
    if (waitMs <= 0) return true;
    request.log.warn({ address, limit: deps.creation.perHour }, 'too many maps created from one address; refused');
    const seconds = Math.ceil(waitMs / 1000);
    reply.header('retry-after', String(seconds));
    sendError(reply, 429, 'too_many_requests', `Too many maps created from this address: try again in ${seconds} s`);
    return false;
  };

  app.post<{ Body: { title: string } }>('/api/maps', { schema: createSchema }, async (request, reply) => {
    if (!allowCreation(request, reply)) return reply;
    const title = request.body.title.trim();
    if (title.length === 0 || title.length > TITLE_MAX) {
      throw new HttpError(400, 'bad_request', `title must be 1 to ${TITLE_MAX} characters after trimming`);
    }
    const { id, editorKey, viewerKey } = await createMapRecord(store, title, seedDocument(title));
    await recordCreator(store, id, request);
    return reply.code(201).send({ id, editorKey, viewerKey });
  });

  // a copy is a new map: the same per-address limit as creating one (and the same session rule, session.ts)
  app.post<{ Params: { id: string } }>('/api/maps/:id/duplicate', async (request, reply) => {
    const { map, role } = await authorize(store, request.params.id, request);
    if (role !== 'editor') throw new HttpError(403, 'editor_key_required', 'Only an editor can duplicate a map');
    if (!allowCreation(request, reply)) return reply;
    const copy = await duplicateMap({ store, rooms }, map, copyTitle(map.title, TITLE_MAX));
    await recordCreator(store, copy.id, request);
    return reply.code(201).send(copy);
  });

  app.get<{ Params: { id: string } }>('/api/maps/:id', async (request) => {
    const { map, role } = await authorize(store, request.params.id, request);
    return { id: map.id, title: map.title, role };
  });

  app.delete<{ Params: { id: string } }>('/api/maps/:id', async (request, reply) => {
    const { map, role } = await authorize(store, request.params.id, request);
    if (role !== 'editor') throw new HttpError(403, 'editor_key_required', 'Only the editor key can delete a map');
    // to the trash: its data stays until it is restored or purged (server/maplife/purge.ts)
    if (!(await store.life.trash(map.id, new Date().toISOString()))) {
      throw new HttpError(404, 'not_found', 'No map with this id');
    }
    rooms.mapDeleted(map.id); // clients closed with 4410
    return reply.code(204).send();
  });
  return allowCreation;
}
