// Empties the trash: maps trashed more than TRASH_DAYS ago are deleted with their media, once at start
// and then every hour (the timer never keeps the process alive).
import type { MediaLibrary } from '../media/library';
import type { Store } from '../storage/store';

const DAY_MS = 24 * 60 * 60 * 1000;
const EVERY_MS = 60 * 60 * 1000;

export interface TrashPurgeDeps {
  store: Store;
  media: MediaLibrary;
  days: number;
  log: { warn(obj: object, msg: string): void; info(obj: object, msg: string): void };
}

/** Deletes every map trashed before `now - days`; returns their ids. */
export async function purgeTrash(deps: TrashPurgeDeps, now = Date.now()): Promise<string[]> {
  const due = await deps.store.life.trashedBefore(new Date(now - deps.days * DAY_MS).toISOString());
  for (const id of due) {
    await deps.media.deleteMapWithMedia(id, () => deps.store.docs.deleteMap(id));
  }
  if (due.length > 0) deps.log.info({ maps: due.length }, 'maps purged from the trash');
  return due;
}

/** Purges now and every hour; the returned function stops the timer. */
export function startTrashPurge(deps: TrashPurgeDeps): () => void {
  let stopped = false;
  const run = (): void => {
    purgeTrash(deps).catch((err: unknown) => {
      // a purge cut short by the server closing its store is no failure
      if (!stopped) deps.log.warn({ err }, 'could not purge the trash; retried in an hour');
    });
  };
  run();
  const timer = setInterval(run, EVERY_MS);
  timer.unref();
  return () => {
    stopped = true;
    clearInterval(timer);
  };
}
