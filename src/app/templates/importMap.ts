// "Import a map from a file": a bundle (.percorso.zip: the map with its media) or a journey file
// (.percorso.json) becomes a NEW map. A JSON file is read and checked whole first
// (validateJourneyJson), so a broken or foreign file is refused before anything is sent; the server
// then makes the map in one step (POST /api/maps/import), whole or not at all.
import { isModelError, validateJourneyJson, type JourneyJson } from '../../model';
import { ApiError, request, type CreatedMap } from '../../sync/api';
import { rememberMap } from '../../db/myMaps';
import type { Translate } from '../../i18n';

export const MAX_IMPORT_BYTES = 8 * 1024 * 1024; // the server's largest websocket frame

export class ImportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImportError';
  }
}

/** Parses and validates a journey file; throws ImportError with a message for people. */
export function parseJourneyFile(text: string, t: Translate): JourneyJson {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    throw new ImportError(t('templates.importFailed', { reason: t('templates.notJson') }));
  }
  try {
    return validateJourneyJson(json);
  } catch (error) {
    if (isModelError(error))
      throw new ImportError(
        t('templates.importFailed', { reason: t('templates.notJourney', { reason: error.message }) }),
      );
    throw error;
  }
}

export async function readJourneyFile(file: Blob, t: Translate): Promise<JourneyJson> {
  if (file.size > MAX_IMPORT_BYTES)
    throw new ImportError(
      t('templates.importFailed', { reason: t('templates.tooLarge', { mb: MAX_IMPORT_BYTES / 1024 / 1024 }) }),
    );
  return parseJourneyFile(await file.text(), t);
}

export interface ImportDeps {
  /** POST /api/maps/import with a bundle (zip) or a journey file (JSON): the server makes the map in one step. */
  send: (body: Blob | string, contentType: string) => Promise<CreatedMap & { title: string }>;
  remember: (map: { id: string; title: string; key: string; role: 'editor'; viewerKey: string }) => Promise<void>;
}

const DEFAULT_DEPS: ImportDeps = {
  send: (body, contentType) =>
    request('/api/maps/import', { method: 'POST', body, headers: { 'Content-Type': contentType } }),
  remember: async (map) => void (await rememberMap(map)),
};

export const MAX_BUNDLE_BYTES = 256 * 1024 * 1024; // the server's limit (server/http/bundle.ts)

const isBundle = (file: File | Blob) =>
  (file instanceof File && /\.zip$/i.test(file.name)) || file.type === 'application/zip';

/**
 * Makes a new map of a file: a bundle (.zip, the map with its media) or a journey file (.json,
 * checked here first for a clear message). The server creates it whole or not at all, so a failed
 * import leaves nothing behind (no map in the list or in the trash). Returns the new map's id.
 */
export async function importMapFile(file: File | Blob, t: Translate, deps: ImportDeps = DEFAULT_DEPS): Promise<string> {
  let created: CreatedMap & { title: string };
  try {
    if (isBundle(file)) {
      if (file.size > MAX_BUNDLE_BYTES)
        throw new ImportError(
          t('templates.importFailed', { reason: t('templates.tooLarge', { mb: MAX_BUNDLE_BYTES / 1024 / 1024 }) }),
        );
      created = await deps.send(file, 'application/zip');
    } else {
      const journey = await readJourneyFile(file, t);
      created = await deps.send(JSON.stringify(journey), 'application/json');
    }
  } catch (error) {
    if (error instanceof ImportError) throw error;
    const reason = error instanceof ApiError || isModelError(error) ? error.message : String(error);
    throw new ImportError(t('templates.importFailed', { reason }));
  }
  await deps.remember({
    id: created.id,
    title: created.title,
    key: created.editorKey,
    role: 'editor',
    viewerKey: created.viewerKey,
  });
  return created.id;
}
