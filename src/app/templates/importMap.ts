// "Import a map from a file": a .percorso.json file becomes a NEW map. The file is read and checked
// whole first (validateJourneyJson), so a broken or foreign file creates nothing on the server; then
// the map is created, opened, filled with importJourney (the server seeded only its meta, which the
// file's meta replaces) and, if any step after creation fails, deleted again.
import { importJourney, isModelError, validateJourneyJson, type JourneyJson } from '../../model';
import { ApiError, createMap, deleteMap, type CreatedMap } from '../../sync/api';
import { MapConnection } from '../../sync/connection';
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

function whenSynced(connection: MapConnection, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const state = connection.state.getState();
      if (state.synced) done(resolve);
      else if (state.status === 'refused') done(() => reject(new Error(`refused (${state.refusal?.code ?? '?'})`)));
    };
    const timer = setTimeout(() => done(() => reject(new Error('timed out'))), timeoutMs);
    const unsubscribe = connection.state.subscribe(check);
    const done = (then: () => void) => {
      clearTimeout(timer);
      unsubscribe();
      then();
    };
    check();
  });
}

/** Resolves once the socket has handed every queued update to the network. */
async function flushed(connection: MapConnection, timeoutMs: number): Promise<void> {
  const start = Date.now();
  while ((connection.provider.ws?.bufferedAmount ?? 0) > 0 && Date.now() - start < timeoutMs)
    await new Promise((r) => setTimeout(r, 20));
}

export interface ImportDeps {
  createMap: (title: string) => Promise<CreatedMap>;
  deleteMap: (id: string, key: string) => Promise<void>;
  connect: (id: string, key: string) => MapConnection;
}

const DEFAULT_DEPS: ImportDeps = { createMap, deleteMap, connect: (id, key) => new MapConnection(id, key) };

/** Creates a new map holding the file's journey; returns its id. */
export async function importMapFile(
  file: JourneyJson,
  fallbackTitle: string,
  t: Translate,
  deps: ImportDeps = DEFAULT_DEPS,
): Promise<string> {
  const title = file.meta.title.trim() || fallbackTitle;
  const created = await deps.createMap(title);
  const connection = deps.connect(created.id, created.editorKey);
  try {
    await whenSynced(connection, 15_000);
    importJourney(connection.doc, file);
    await flushed(connection, 10_000);
  } catch (error) {
    connection.destroy();
    await deps.deleteMap(created.id, created.editorKey).catch(() => undefined); // nothing half-made
    if (error instanceof ApiError || isModelError(error))
      throw new ImportError(t('templates.importFailed', { reason: error.message }));
    throw new ImportError(t('templates.importFailed', { reason: t('templates.connectFailed') }));
  }
  connection.destroy();
  await rememberMap({ id: created.id, title, key: created.editorKey, role: 'editor', viewerKey: created.viewerKey });
  return created.id;
}
