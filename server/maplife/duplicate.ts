// A copy of a map as a new map: its document as it is now (read through the room, so edits still in
// flight on this server are included), its media records (the files are content-addressed, so both
// maps share them) and fresh keys. Comments and metric values live in the document and come along;
// ingest keys, webhooks, versions and observed events belong to the original and stay there.
import * as Y from 'yjs';
import { initJourney } from '../../src/model';
import { createMapRecord } from './create';
import type { MapRecord, Store } from '../storage/store';
import { HttpError } from '../http/errors';
import { MapNotFound } from '../sync/room';
import { RoomsClosed, type Rooms } from '../sync/rooms';

export interface DuplicatedMap {
  id: string;
  title: string;
  editorKey: string;
  viewerKey: string;
}

/** "Title (copy)", kept within the title limit. */
export function copyTitle(title: string, max: number): string {
  const suffix = ' (copy)';
  return `${title.slice(0, Math.max(1, max - suffix.length)).trimEnd()}${suffix}`;
}

/** The document of `state` renamed to `title`, as one update to store as the copy's first snapshot. */
function renamedDocument(state: Uint8Array, title: string): Uint8Array {
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, state);
    initJourney(doc, { title }, { kind: 'import' });
    return Y.encodeStateAsUpdate(doc);
  } finally {
    doc.destroy();
  }
}

export async function duplicateMap(
  deps: { store: Store; rooms: Rooms },
  source: MapRecord,
  title: string,
): Promise<DuplicatedMap> {
  const { store, rooms } = deps;
  const state = await rooms
    .use(source.id, (room) => Y.encodeStateAsUpdate(room.doc))
    .catch((err: unknown) => {
      if (err instanceof MapNotFound) throw new HttpError(404, 'not_found', 'No map with this id');
      if (err instanceof RoomsClosed) throw new HttpError(503, 'internal', 'The server is stopping; try again');
      throw err;
    });
  const { id, editorKey, viewerKey } = await createMapRecord(store, title, renamedDocument(state, title));
  for (const hash of await store.media.listHashes(source.id)) {
    const media = await store.media.get(source.id, hash);
    if (media) await store.media.add(id, media);
  }
  return { id, title, editorKey, viewerKey };
}
