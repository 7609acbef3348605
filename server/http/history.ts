// Who changed what on a map: GET /api/maps/:id/history (editor or viewer; key or member session),
// one node's changes with `?node=`, else the map's activity; newest first, paged with `before`.
import type { FastifyInstance } from 'fastify';
import { isValidId } from '../../src/model';
import type { Store } from '../storage/store';
import { HttpError } from './errors';
import { authorize } from './maps';

const LIMIT_DEFAULT = 50;
const LIMIT_MAX = 200;

export function historyRoutes(app: FastifyInstance, store: Store): void {
  app.get<{ Params: { id: string }; Querystring: { node?: string; before?: string; limit?: string } }>(
    '/api/maps/:id/history',
    async (request) => {
      const { map } = await authorize(store, request.params.id, request);
      const { node, before, limit } = request.query;
      if (node !== undefined && !isValidId(node)) throw new HttpError(400, 'bad_request', 'node must be a node id');
      const beforeId = before === undefined ? undefined : Number(before);
      if (beforeId !== undefined && !(Number.isSafeInteger(beforeId) && beforeId > 0))
        throw new HttpError(400, 'bad_request', 'before must be a change id (a positive whole number)');
      const count = limit === undefined ? LIMIT_DEFAULT : Number(limit);
      if (!(Number.isSafeInteger(count) && count >= 1 && count <= LIMIT_MAX))
        throw new HttpError(400, 'bad_request', `limit must be a whole number from 1 to ${LIMIT_MAX}`);
      const changes = await store.history.listChanges(map.id, {
        ...(node !== undefined && { nodeId: node }),
        ...(beforeId !== undefined && { beforeId }),
        limit: count,
      });
      return {
        changes: changes.map(({ mapId: _mapId, ...change }) => change),
        // the cursor of the next (older) page, or null when this one was the last
        next: changes.length === count ? (changes.at(-1)?.id ?? null) : null,
      };
    },
  );
}
