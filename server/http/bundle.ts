// A map as one file with its media: GET /api/maps/:id/bundle (editor or viewer) answers the zip;
// POST /api/maps/import makes a new map from a bundle (application/zip) or a journey file
// (application/json) in one step on the server — checked whole first, media verified by hash, and
// deleted for good (not moved to the trash) if anything fails half-way, so nothing half-made is left.
import fs from 'node:fs/promises';
import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import * as Y from 'yjs';
import { importJourney, isModelError, validateJourneyJson, type JourneyJson } from '../../src/model';
import { createMapRecord } from '../maplife/create';
import type { MediaLibrary } from '../media/library';
import type { Store } from '../storage/store';
import { MapNotFound } from '../sync/room';
import { RoomsClosed, type Rooms } from '../sync/rooms';
import { seedDocument } from '../sync/seed';
import { BundleRefused, readBundle, writeBundle, type BundleMedia } from '../bundle/zip';
import { HttpError } from './errors';
import { authorize, recordCreator, type CreationGate } from './maps';

export interface BundleDeps {
  store: Store;
  rooms: Rooms;
  media: MediaLibrary;
  allowCreation: CreationGate;
}

/** The largest bundle accepted (the zip as sent); inflated, at most twice that. */
export const BUNDLE_MAX_BYTES = 256 * 1024 * 1024;
const BUNDLE_MAX_ENTRIES = 2000;
const JSON_MAX_BYTES = 8 * 1024 * 1024;
const TITLE_MAX = 200;

function attachmentName(title: string): string {
  const base =
    title
      .replace(/[^\p{L}\p{N} _-]+/gu, '')
      .trim()
      .slice(0, 60) || 'map';
  return `${base}.percorso.zip`;
}

export async function bundleRoutes(app: FastifyInstance, deps: BundleDeps): Promise<void> {
  const { store, rooms, media } = deps;
  app.addContentTypeParser('application/zip', { parseAs: 'buffer', bodyLimit: BUNDLE_MAX_BYTES }, (_req, body, done) =>
    done(null, body),
  );

  app.get<{ Params: { id: string } }>('/api/maps/:id/bundle', async (request, reply) => {
    const { map } = await authorize(store, request.params.id, request);
    const state = await rooms
      .use(map.id, (room) => Y.encodeStateAsUpdate(room.doc))
      .catch((err: unknown) => {
        if (err instanceof MapNotFound) throw new HttpError(404, 'not_found', 'No map with this id');
        if (err instanceof RoomsClosed) throw new HttpError(503, 'internal', 'The server is stopping; try again');
        throw err;
      });
    const doc = new Y.Doc();
    Y.applyUpdate(doc, state);
    const files: BundleMedia[] = [];
    for (const hash of await store.media.listHashes(map.id)) {
      const found = await media.find(map.id, hash);
      if (!found) continue;
      const { createdAt: _createdAt, ...record } = found.record;
      files.push({ record, bytes: new Uint8Array(await fs.readFile(found.path)) });
    }
    const zip = writeBundle(doc, files);
    doc.destroy();
    const name = attachmentName(map.title);
    return reply
      .header('content-type', 'application/zip')
      .header('content-disposition', `attachment; filename="${name}"; filename*=UTF-8''${encodeURIComponent(name)}`)
      .header('cache-control', 'no-store')
      .send(Buffer.from(zip));
  });

  app.post('/api/maps/import', { bodyLimit: BUNDLE_MAX_BYTES }, async (request, reply) => {
    if (!deps.allowCreation(request, reply)) return reply;
    const { journey, files } = parseImport(request.body, request.headers['content-type'] ?? '', media.maxBytes);
    const title = (journey.meta.title.trim() || 'Imported map').slice(0, TITLE_MAX);
    const doc = new Y.Doc();
    try {
      Y.applyUpdate(doc, seedDocument(title));
      importJourney(doc, journey);
    } catch (err) {
      if (isModelError(err)) throw new HttpError(400, 'bad_request', `The map cannot be imported: ${err.message}`);
      throw err;
    }
    const { id, editorKey, viewerKey } = await createMapRecord(store, title, Y.encodeStateAsUpdate(doc));
    doc.destroy();
    try {
      for (const file of files) {
        const stored = await media.upload({
          mapId: id,
          body: Readable.from([Buffer.from(file.bytes)]),
          rawName: encodeURIComponent(file.record.name),
          declaredLength: file.bytes.byteLength,
        });
        if (stored.id !== file.record.hash) throw new Error('a stored media file changed its hash');
      }
    } catch (err) {
      // nothing half-made: the new map goes for good, with any media stored so far
      await media.deleteMapWithMedia(id, () => store.docs.deleteMap(id)).catch(() => undefined);
      throw err;
    }
    await recordCreator(store, id, request);
    request.log.info({ mapId: id, media: files.length }, 'map imported');
    return reply.code(201).send({ id, title, editorKey, viewerKey });
  });
}

function parseImport(
  body: unknown,
  contentType: string,
  fileBytes: number,
): { journey: JourneyJson; files: BundleMedia[] } {
  if (contentType.startsWith('application/zip')) {
    if (!Buffer.isBuffer(body)) throw new HttpError(400, 'bad_request', 'Send the bundle as the request body');
    try {
      const bundle = readBundle(new Uint8Array(body.buffer, body.byteOffset, body.byteLength), {
        fileBytes,
        totalBytes: 2 * BUNDLE_MAX_BYTES,
        entries: BUNDLE_MAX_ENTRIES,
      });
      return { journey: bundle.journey, files: bundle.media };
    } catch (err) {
      if (err instanceof BundleRefused)
        throw new HttpError(err.status, err.status === 413 ? 'payload_too_large' : 'bad_request', err.message);
      throw err;
    }
  }
  if (contentType.startsWith('application/json')) {
    if (JSON.stringify(body ?? null).length > JSON_MAX_BYTES)
      throw new HttpError(413, 'payload_too_large', `A journey file is at most ${JSON_MAX_BYTES} bytes`);
    try {
      return { journey: validateJourneyJson(body), files: [] };
    } catch (err) {
      if (isModelError(err)) throw new HttpError(400, 'bad_request', `This is not a Percorso journey: ${err.message}`);
      throw err;
    }
  }
  throw new HttpError(
    415,
    'unsupported_media_type',
    'Send a bundle (application/zip) or a journey file (application/json)',
  );
}
