// Key management (editor key only): rotating the editor or viewer key, and the map's ingest key for
// the metrics API. A new key is returned once; only its hash is stored, and the old one stops working
// at once: over HTTP (every request checks the stored hash) and on websockets (closed with 4411).
import type { FastifyInstance } from 'fastify';
import { hashKey, randomToken, type Role } from '../auth/keys';
import type { Store } from '../storage/store';
import { CLOSE } from '../sync/closeCodes';
import type { SocketRegistry } from '../sync/sockets';
import { requireEditor } from './access';
import { HttpError } from './errors';

const rotateSchema = {
  body: {
    type: 'object',
    required: ['role'],
    properties: { role: { type: 'string', enum: ['viewer', 'editor'] } },
  },
} as const;

export function keyRoutes(app: FastifyInstance, deps: { store: Store; sockets: SocketRegistry }): void {
  const { store, sockets } = deps;

  app.post<{ Params: { id: string }; Body: { role: Role } }>(
    '/api/maps/:id/keys/rotate',
    { schema: rotateSchema },
    async (request) => {
      const map = await requireEditor(store, request.params.id, request, 'rotate keys');
      const { role } = request.body;
      const key = randomToken();
      await store.docs.setKeyHash(map.id, role, hashKey(key));
      // the sockets of the old key go now; the caller's own socket too if it used the rotated key
      const closed = sockets.revoke(
        map.id,
        role === 'editor' ? map.editorKeyHash : map.viewerKeyHash,
        CLOSE.keyRotated,
      );
      request.log.info({ mapId: map.id, role, closedSockets: closed }, 'key rotated');
      return role === 'editor' ? { editorKey: key } : { viewerKey: key };
    },
  );

  app.get<{ Params: { id: string } }>('/api/maps/:id/ingest-key', async (request) => {
    const map = await requireEditor(store, request.params.id, request, 'see the ingest key');
    const ingest = await store.features.getIngestKey(map.id);
    return { exists: ingest !== null, rotatedAt: ingest?.rotatedAt ?? null };
  });

  app.post<{ Params: { id: string } }>('/api/maps/:id/ingest-key', async (request) => {
    const map = await requireEditor(store, request.params.id, request, 'make an ingest key');
    const ingestKey = randomToken();
    const rotatedAt = new Date().toISOString();
    if (!(await store.features.setIngestKey(map.id, { keyHash: hashKey(ingestKey), rotatedAt }))) {
      throw new HttpError(404, 'not_found', 'No map with this id');
    }
    return { ingestKey, rotatedAt };
  });
}
