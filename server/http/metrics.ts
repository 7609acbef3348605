// POST /api/maps/:id/metrics: the live metrics API. Only the map's ingest key may send; the items
// go into the map's loaded document (loaded if no client has it open) through the model, in one
// transaction, so they are stored and reach connected clients like any edit.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { isMapId, keyMatches, resolveRole } from '../auth/keys';
import { ingestItems, NoValidItems } from '../ingest/apply';
import { INGEST_MAX_ITEMS } from '../ingest/items';
import type { Store } from '../storage/store';
import type { Rooms } from '../sync/rooms';
import { roomError } from './access';
import { HttpError } from './errors';
import { parseJsonBodies } from './jsonBody';
import { bearerKey } from './maps';

/** 10,000 items of ~100 bytes fit with room to spare; the rest of the API keeps 1 MiB. */
export const INGEST_BODY_LIMIT = 4 * 1024 * 1024;

/** 404, 401, 403 in that order; the editor and viewer keys are refused like a wrong key, with their own code. */
async function authorizeIngest(store: Store, id: string, request: FastifyRequest): Promise<void> {
  const map = isMapId(id) ? await store.docs.getMap(id) : null;
  if (!map) throw new HttpError(404, 'not_found', 'No map with this id');
  const key = bearerKey(request);
  if (!key) throw new HttpError(401, 'missing_key', "Send the map's ingest key: Authorization: Bearer INGEST_KEY");
  const ingest = await store.features.getIngestKey(map.id);
  if (ingest && keyMatches(key, ingest.keyHash)) return;
  if (resolveRole(key, map)) {
    throw new HttpError(
      403,
      'ingest_key_required',
      "Only the map's ingest key can send metrics (an editor makes one with POST /api/maps/:id/ingest-key)",
    );
  }
  throw new HttpError(403, 'wrong_key', 'The key does not open this map');
}

/** A plugin: its JSON parser (bigger limit, 'invalid_json' errors) applies to this route only. */
export async function metricsRoutes(app: FastifyInstance, deps: { store: Store; rooms: Rooms }): Promise<void> {
  const { store, rooms } = deps;
  parseJsonBodies(app, INGEST_BODY_LIMIT, 'nothing was applied');

  app.post<{ Params: { id: string } }>(
    '/api/maps/:id/metrics',
    {
      bodyLimit: INGEST_BODY_LIMIT,
      // the key is checked before the body is read, so a refused caller's body is never parsed
      onRequest: async (request) => authorizeIngest(store, request.params.id, request),
    },
    async (request) => {
      const items: unknown = request.body;
      if (!Array.isArray(items))
        throw new HttpError(400, 'bad_request', 'The body must be a JSON array of { node, metric, value, at? } items');
      if (items.length > INGEST_MAX_ITEMS) {
        throw new HttpError(
          400,
          'too_many_items',
          `At most ${INGEST_MAX_ITEMS} items per request, got ${items.length}; nothing was applied`,
        );
      }
      if (items.length === 0) return { applied: 0, skipped: 0, errors: [] };
      try {
        return await rooms.use(request.params.id, (room) => ingestItems(room.doc, items));
      } catch (err) {
        if (err instanceof NoValidItems)
          throw new HttpError(400, 'no_valid_items', 'No item is valid; nothing was applied', err.errors);
        throw roomError(err);
      }
    },
  );
}
