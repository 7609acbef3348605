// Role checks shared by the keys, ingest, webhook and version routes (on top of maps.ts's authorize).
import type { FastifyRequest } from 'fastify';
import { TOKEN_PATTERN } from '../auth/keys';
import type { MapRecord, Store } from '../storage/store';
import { MapNotFound } from '../sync/room';
import { RoomsClosed } from '../sync/rooms';
import { HttpError } from './errors';
import { authorize } from './maps';

/** The map, if the request carries its editor key (404, 401, 403 in that order otherwise). */
export async function requireEditor(
  store: Store,
  id: string,
  request: FastifyRequest,
  what: string,
): Promise<MapRecord> {
  const { map, role } = await authorize(store, id, request);
  if (role !== 'editor') throw new HttpError(403, 'editor_key_required', `Only the editor key can ${what}`);
  return map;
}

/** Ids the server issued (webhooks, versions) are tokens; anything else cannot name one: 404. */
export function requireToken(id: string, what: string): string {
  if (!TOKEN_PATTERN.test(id)) throw new HttpError(404, 'not_found', `No ${what} with this id`);
  return id;
}

/** What a failed `rooms.use` means to an HTTP caller: the map went away (404), the server is stopping (503), else itself (500). */
export function roomError(err: unknown): unknown {
  if (err instanceof MapNotFound) return new HttpError(404, 'not_found', 'No map with this id');
  if (err instanceof RoomsClosed) return new HttpError(503, 'internal', 'The server is stopping; try again');
  return err;
}
