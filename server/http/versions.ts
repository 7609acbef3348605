// /api/maps/:id/versions: named snapshots of a map. Either key lists them and downloads one (bytes
// to open read-only in a separate Y.Doc); the editor key makes and restores them. A restore applies
// the difference as a new change through the room (restoreJourney), so connected clients see it
// like any edit, history stays, and an automatic version taken just before lets it be undone.
import type { FastifyInstance } from 'fastify';
import * as Y from 'yjs';
import { restoreJourney, type Origin } from '../../src/model';
import type { Store } from '../storage/store';
import type { Rooms } from '../sync/rooms';
import type { AutoVersions } from '../versions/auto';
import { publicVersion, saveVersion, VERSION_NAME_MAX, type VersionLimits } from '../versions/save';
import { requireEditor, requireToken, roomError } from './access';
import { HttpError } from './errors';
import { authorize } from './maps';

const createSchema = {
  body: {
    type: 'object',
    required: ['name'],
    properties: { name: { type: 'string', minLength: 1, maxLength: 4 * VERSION_NAME_MAX } },
  },
} as const;

/** Restores are written with the model's 'import' origin (OriginKind has no 'restore': undo and observers treat a restore as an import). */
const RESTORE_ORIGIN: Origin = { kind: 'import' };

type VersionParams = { id: string; versionId: string };

export function versionRoutes(
  app: FastifyInstance,
  deps: { store: Store; rooms: Rooms; autoVersions: AutoVersions; limits: VersionLimits },
): void {
  const { store, rooms, autoVersions, limits } = deps;

  async function findVersion(mapId: string, versionId: string) {
    const version = await store.features.getVersion(mapId, requireToken(versionId, 'version'));
    if (!version) throw new HttpError(404, 'not_found', 'No version with this id');
    return version;
  }

  app.post<{ Params: { id: string }; Body: { name: string } }>(
    '/api/maps/:id/versions',
    { schema: createSchema },
    async (request, reply) => {
      const map = await requireEditor(store, request.params.id, request, 'save versions');
      const name = request.body.name.trim();
      if (name.length === 0 || name.length > VERSION_NAME_MAX) {
        throw new HttpError(400, 'bad_request', `name must be 1 to ${VERSION_NAME_MAX} characters after trimming`);
      }
      try {
        const version = await rooms.use(map.id, (room) => saveVersion(store, map.id, room.doc, name, false, limits));
        return reply.code(201).send(publicVersion(version));
      } catch (err) {
        throw roomError(err);
      }
    },
  );

  app.get<{ Params: { id: string } }>('/api/maps/:id/versions', async (request) => {
    const { map } = await authorize(store, request.params.id, request);
    return { versions: (await store.features.listVersions(map.id)).map(publicVersion) };
  });

  app.get<{ Params: VersionParams }>('/api/maps/:id/versions/:versionId', async (request, reply) => {
    const { map } = await authorize(store, request.params.id, request);
    const version = await findVersion(map.id, request.params.versionId);
    return reply
      .type('application/octet-stream')
      .header('cache-control', 'private, max-age=31536000, immutable') // a version never changes
      .send(Buffer.from(version.snapshot.buffer, version.snapshot.byteOffset, version.snapshot.byteLength));
  });

  // `{ apply: false }`: only the backup is made, and the caller applies the version itself (the app
  // does, so that the restore is one step of its own in that person's undo history)
  app.post<{ Params: VersionParams; Body: { apply?: boolean } | undefined }>(
    '/api/maps/:id/versions/:versionId/restore',
    { schema: { body: { type: ['object', 'null'], properties: { apply: { type: 'boolean' } } } } },
    async (request) => {
      const map = await requireEditor(store, request.params.id, request, 'restore versions');
      const version = await findVersion(map.id, request.params.versionId);
      const apply = request.body?.apply !== false;
      const source = new Y.Doc();
      try {
        Y.applyUpdate(source, version.snapshot);
        const backup = await rooms.use(map.id, async (room) => {
          const before = await saveVersion(store, map.id, room.doc, `Before restoring ${version.name}`, true, limits);
          if (apply) restoreJourney(room.doc, source, RESTORE_ORIGIN);
          return before;
        });
        autoVersions.noted(map.id, backup.createdAt);
        return { restored: publicVersion(version), backup: publicVersion(backup) };
      } catch (err) {
        throw roomError(err);
      } finally {
        source.destroy();
      }
    },
  );
}
