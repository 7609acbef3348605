// Automatic versions: a map that changes gets at most one automatic version per period (a day by
// default). When a room stores an update and the map's newest automatic version is older than the
// period (or it has none), the document as it is then is stored as a version named by its date.
import type { FastifyBaseLogger } from 'fastify';
import type { Store } from '../storage/store';
import type { Room } from '../sync/room';
import { removalVersionName, type LargeRemoval } from './removal';
import { saveVersion, type VersionLimits } from './save';

export const DAY_MS = 24 * 60 * 60 * 1000;

export class AutoVersions {
  /**
   * map id → time of its newest automatic version (-Infinity: none), once read from the store; kept
   * while the map's room is loaded (forgotten when it unloads, so it does not grow with every map
   * ever opened).
   */
  private readonly newest = new Map<string, number>();
  private readonly busy = new Set<string>();
  private readonly watched = new WeakSet<Room>();

  constructor(
    private readonly deps: { store: Store; log: FastifyBaseLogger; periodMs: number; limits: VersionLimits },
  ) {}

  /** Room hook: an update of `room` was stored. Cheap when a recent automatic version is known. */
  stored(room: Room): void {
    const mapId = room.mapId;
    if (!this.watched.has(room)) {
      this.watched.add(room);
      room.doc.once('destroy', () => this.newest.delete(mapId));
    }
    const known = this.newest.get(mapId);
    if (this.busy.has(mapId) || (known !== undefined && Date.now() - known < this.deps.periodMs)) return;
    this.busy.add(mapId);
    void this.check(room)
      .catch((err: unknown) => this.deps.log.error({ mapId, err }, 'could not store an automatic version'))
      .finally(() => this.busy.delete(mapId));
  }

  /** Room hook: an editor removed much of the map; store the document from just before as a version. */
  largeRemoval(room: Room, before: Uint8Array, removal: LargeRemoval): void {
    const name = removalVersionName(removal);
    saveVersion(this.deps.store, room.mapId, before, name, true, this.deps.limits).then(
      (version) =>
        this.deps.log.info(
          { mapId: room.mapId, versionId: version.id, ...removal },
          'automatic version stored before a large removal',
        ),
      (err: unknown) =>
        this.deps.log.error({ mapId: room.mapId, err }, 'could not store the version before a large removal'),
    );
  }

  /** Another automatic version was made (e.g. before a restore): it counts as the newest. */
  noted(mapId: string, createdAt: string): void {
    this.newest.set(mapId, Math.max(this.newest.get(mapId) ?? -Infinity, Date.parse(createdAt)));
  }

  private async check(room: Room): Promise<void> {
    const mapId = room.mapId;
    let newest = this.newest.get(mapId);
    if (newest === undefined) {
      const at = await this.deps.store.features.latestAutoVersionAt(mapId);
      newest = at === null ? -Infinity : Date.parse(at);
      this.newest.set(mapId, newest);
    }
    // an unloading room may be destroyed by now: the next stored update will try again
    if (Date.now() - newest < this.deps.periodMs || !room.isOpen) return;
    const name = new Date().toISOString().slice(0, 10); // YYYY-MM-DD (UTC)
    const version = await saveVersion(this.deps.store, mapId, room.doc, name, true, this.deps.limits);
    this.noted(mapId, version.createdAt);
    this.deps.log.info({ mapId, versionId: version.id }, 'automatic version stored');
  }
}
