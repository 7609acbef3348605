// The workspace's map list and trash: GET /api/maps and GET /api/trash for signed-in members,
// POST /api/maps/:id/restore for a member who edits or a guest holding the map's editor key.
import type { FastifyInstance } from 'fastify';
import { memberOf } from '../accounts/memberOf';
import { mapRoleOf } from '../auth/actor';
import { isMapId, resolveRole } from '../auth/keys';
import { bearerKey } from '../http/maps';
import { HttpError } from '../http/errors';
import type { MapSummary, Store } from '../storage/store';

async function requireMember(request: Parameters<typeof memberOf>[0]) {
  const member = await memberOf(request);
  if (!member) throw new HttpError(401, 'sign_in_required', 'Sign in to see the maps of this workspace');
  return member;
}

export function mapLifeRoutes(app: FastifyInstance, store: Store): void {
  app.get('/api/maps', async (request) => {
    const member = await requireMember(request);
    const role = mapRoleOf(member.role);
    const [maps, activity] = await Promise.all([store.life.listMaps(), store.history.mapActivity()]);
    const activityOf = new Map(activity.map((a) => [a.mapId, a]));
    return {
      maps: maps.map((map: MapSummary) => {
        const { updatedAt, createdBy } = activityOf.get(map.id) ?? { updatedAt: null, createdBy: null };
        return {
          id: map.id,
          title: map.title,
          // a map not edited since history was kept: its creation is its last edit
          updatedAt: updatedAt ?? map.createdAt,
          createdAt: map.createdAt,
          createdBy,
          role,
        };
      }),
    };
  });

  app.get('/api/trash', async (request) => {
    await requireMember(request);
    const maps = await store.life.listTrash();
    return {
      maps: maps.map((map) => ({ id: map.id, title: map.title, createdAt: map.createdAt, trashedAt: map.trashedAt })),
    };
  });

  app.post<{ Params: { id: string } }>('/api/maps/:id/restore', async (request) => {
    const id = request.params.id;
    const map = isMapId(id) ? await store.life.getTrashed(id) : null;
    if (!map) throw new HttpError(404, 'not_found', 'No map with this id in the trash');
    const member = await memberOf(request);
    const key = bearerKey(request);
    const canRestore =
      (member !== null && mapRoleOf(member.role) === 'editor') || (key !== null && resolveRole(key, map) === 'editor');
    if (!canRestore) {
      if (!member && !key) throw new HttpError(401, 'missing_key', 'Restoring a map needs its editor key or a session');
      throw new HttpError(403, 'editor_key_required', 'Only an editor can restore a map');
    }
    await store.life.restore(map.id);
    return { id: map.id, title: map.title };
  });
}
