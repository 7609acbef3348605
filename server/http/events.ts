// Observed journeys over HTTP: contact logs in (POST /events, CSV streamed or a JSON array), flows
// and a customer's timeline out, activity mappings, deletion. A plugin: its body parsers (CSV left
// unread for streaming, a bigger JSON limit) apply to these routes only.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isMapId, keyMatches, resolveRole } from '../auth/keys';
import { CsvLineTooLong, csvRecords } from '../events/csvStream';
import type { RawEvent } from '../events/importer';
import { UnknownTouchpoint, type FlowsQuery, type MappingChange, type ObservedEvents } from '../events/service';
import { parseEventTime } from '../events/time';
import type { Store } from '../storage/store';
import { roomError } from './access';
import { HttpError } from './errors';
import { parseJsonBodies } from './jsonBody';
import { authorize, bearerKey } from './maps';

/** A JSON log; larger logs go as CSV, which streams. */
export const EVENTS_JSON_LIMIT = 16 * 1024 * 1024;
const MAPPINGS_MAX = 1000;

interface Deps {
  store: Store;
  events: ObservedEvents;
}

type MapParams = { Params: { id: string } };

/** 404, 401, 403 in that order: the ingest key or the editor key may send events; the viewer key may not. */
async function authorizeImport(store: Store, id: string, request: FastifyRequest): Promise<void> {
  const map = isMapId(id) ? await store.docs.getMap(id) : null;
  if (!map) throw new HttpError(404, 'not_found', 'No map with this id');
  const key = bearerKey(request);
  if (!key) throw new HttpError(401, 'missing_key', "Send the map's ingest or editor key: Authorization: Bearer KEY");
  const ingest = await store.features.getIngestKey(map.id);
  if (ingest && keyMatches(key, ingest.keyHash)) return;
  const role = resolveRole(key, map);
  if (role === 'editor') return;
  if (role === 'viewer')
    throw new HttpError(403, 'editor_key_required', 'Only the ingest key or the editor key can send events');
  throw new HttpError(403, 'wrong_key', 'The key does not open this map');
}

async function requireEditor(store: Store, id: string, request: FastifyRequest, what: string): Promise<void> {
  const { role } = await authorize(store, id, request);
  if (role !== 'editor') throw new HttpError(403, 'editor_key_required', `Only the editor key can ${what}`);
}

function queryText(request: FastifyRequest, name: string): string | undefined {
  const value = (request.query as Record<string, unknown>)[name];
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first : undefined;
}

function flag(request: FastifyRequest, name: string): boolean {
  const value = queryText(request, name);
  return value === 'true' || value === '1' || value === 'yes';
}

/** The CSV's columns: customer, at, touchpoint (required), channel, the rest attributes. */
interface CsvColumns {
  customer: number;
  at: number;
  touchpoint: number;
  channel: number;
  attributes: [number, string][];
}

const COLUMN_NAMES = ['customer', 'at', 'touchpoint', 'channel'] as const;

function csvColumns(header: string[], request: FastifyRequest): CsvColumns {
  const cells = header.map((h) => h.trim());
  const lower = cells.map((h) => h.toLowerCase());
  const found = {} as Record<(typeof COLUMN_NAMES)[number], number>;
  for (const name of COLUMN_NAMES) {
    // ?customerColumn=Client%20ID names another header for it (the import dialog's column mapping)
    const wanted = (queryText(request, `${name}Column`) ?? name).trim().toLowerCase();
    found[name] = lower.indexOf(wanted);
    if (found[name] < 0 && name !== 'channel') {
      throw new HttpError(
        400,
        'bad_request',
        `The CSV has no column "${wanted.slice(0, 100)}" (its header: ${cells.slice(0, 20).join(', ').slice(0, 300)})`,
      );
    }
  }
  const used = new Set(Object.values(found));
  const attributes: [number, string][] = [];
  cells.forEach((name, i) => {
    if (!used.has(i) && name !== '') attributes.push([i, name]);
  });
  return { ...found, attributes };
}

/** Combinations of attribute values shared between rows (the import checks each object once); bounded. */
const SHARED_ATTRIBUTES_MAX = 10_000;

/** The row's attributes; rows with the same values share one Map. */
function sharedAttributes(
  columns: CsvColumns,
  record: string[],
  shared: Map<string, Map<string, string>>,
): Map<string, string> {
  let key = '';
  for (const [i] of columns.attributes) {
    const value = record[i] ?? '';
    key += `${value.length}:${value}`; // length-prefixed: no two rows share a key unless equal
  }
  let attributes = shared.get(key);
  if (attributes === undefined) {
    attributes = new Map<string, string>();
    for (const [i, name] of columns.attributes) {
      const value = record[i];
      if (value !== undefined && value !== '') attributes.set(name, value);
    }
    if (shared.size < SHARED_ATTRIBUTES_MAX) shared.set(key, attributes);
  }
  return attributes;
}

/** The CSV body's rows, chunk by chunk, as [line number, row]; the header is line 1. */
async function* csvRows(request: FastifyRequest): AsyncGenerator<[number, RawEvent][]> {
  let columns: CsvColumns | null = null;
  const attributeMaps = new Map<string, Map<string, string>>();
  let line = 0;
  for await (const records of csvRecords(request.raw)) {
    const rows: [number, RawEvent][] = [];
    for (const record of records) {
      line++;
      if (!columns) {
        columns = csvColumns(record, request);
        continue;
      }
      if (record.length === 1 && record[0]!.trim() === '') continue; // a blank line
      const attributes = sharedAttributes(columns, record, attributeMaps);
      rows.push([
        line,
        {
          customer: record[columns.customer] ?? '',
          at: record[columns.at] ?? '',
          touchpoint: record[columns.touchpoint] ?? '',
          channel: columns.channel >= 0 ? record[columns.channel] : undefined,
          attributes,
        },
      ]);
    }
    if (rows.length > 0) yield rows;
  }
  if (!columns)
    throw new HttpError(
      400,
      'bad_request',
      'The CSV is empty: it needs a header row (customer, at, touchpoint, …) and rows',
    );
}

async function* jsonRows(body: unknown): AsyncGenerator<[number, RawEvent][]> {
  if (!Array.isArray(body))
    throw new HttpError(
      400,
      'bad_request',
      'The body must be a JSON array of { customer, at, touchpoint, channel?, attributes? }',
    );
  const rows: [number, RawEvent][] = body.map((item: unknown, i) => {
    const ok = typeof item === 'object' && item !== null && !Array.isArray(item);
    // a row that is not an object is rejected by the import with "customer is missing"
    return [i + 1, ok ? (item as RawEvent) : { customer: undefined, at: undefined, touchpoint: undefined }];
  });
  if (rows.length > 0) yield rows;
}

function parseFlowsQuery(request: FastifyRequest): FlowsQuery {
  const query = request.query as Record<string, unknown>;
  const time = (name: 'from' | 'to'): number | null => {
    const text = queryText(request, name);
    if (text === undefined || text === '') return null;
    const ms = parseEventTime(text);
    if (ms === null) throw new HttpError(400, 'bad_request', `${name} must be an ISO 8601 date or time`);
    return ms;
  };
  const attributes = new Map<string, Set<string>>();
  for (const [param, value] of Object.entries(query)) {
    if (!param.startsWith('attr.')) continue;
    const name = param.slice(5).trim();
    if (name === '') throw new HttpError(400, 'bad_request', 'attr.NAME=VALUE needs a NAME');
    const values = (Array.isArray(value) ? value : [value])
      .filter((v): v is string => typeof v === 'string')
      .map((v) => v.trim());
    const set = attributes.get(name) ?? new Set<string>();
    for (const v of values) set.add(v);
    attributes.set(name, set);
  }
  return { from: time('from'), to: time('to'), attributes };
}

function parseMappings(body: unknown): MappingChange[] {
  const bad = (): never => {
    throw new HttpError(
      400,
      'bad_request',
      'The body must be { "mappings": [{ "activity": "…", "touchpoint": "<touchpoint id>" | null }] }',
    );
  };
  const list: unknown =
    typeof body === 'object' && body !== null && 'mappings' in body ? (body as { mappings: unknown }).mappings : bad();
  if (!Array.isArray(list) || list.length === 0 || list.length > MAPPINGS_MAX) return bad();
  return list.map((item: unknown): MappingChange => {
    if (typeof item !== 'object' || item === null) return bad();
    const { activity, touchpoint } = item as Record<string, unknown>;
    if (typeof activity !== 'string' || activity.trim() === '' || activity.length > 200) return bad();
    if (touchpoint !== null && typeof touchpoint !== 'string') return bad();
    return { activity, touchpoint };
  });
}

export async function eventRoutes(app: FastifyInstance, deps: Deps): Promise<void> {
  const { store, events } = deps;
  parseJsonBodies(app, EVENTS_JSON_LIMIT, 'nothing was imported');
  // a CSV body is left unread here: the route streams it
  app.addContentTypeParser(['text/csv', 'application/csv'], (_request, _payload, done) => done(null));
  // an answer given before a CSV was read in full closes the connection (Node would read the rest to keep it alive)
  app.addHook('onSend', async (request, reply, payload) => {
    if (request.method === 'POST' && !request.raw.complete) reply.header('connection', 'close');
    return payload;
  });

  app.post<MapParams>(
    '/api/maps/:id/events',
    { bodyLimit: EVENTS_JSON_LIMIT, onRequest: async (request) => authorizeImport(store, request.params.id, request) },
    async (request) => {
      const type = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
      const rows = type === 'application/json' ? jsonRows(request.body) : csvRows(request);
      try {
        return await events.import(request.params.id, rows, { hashCustomers: flag(request, 'hashCustomers') });
      } catch (err) {
        if (err instanceof CsvLineTooLong)
          throw new HttpError(400, 'bad_request', `${err.message}; the rows before it were imported`);
        throw roomError(err);
      }
    },
  );

  app.delete<MapParams>('/api/maps/:id/events', async (request) => {
    await requireEditor(store, request.params.id, request, 'delete events');
    return { deleted: await events.deleteAll(request.params.id) };
  });

  app.get<MapParams>('/api/maps/:id/flows', async (request) => {
    await authorize(store, request.params.id, request);
    const query = parseFlowsQuery(request);
    try {
      return await events.flows(request.params.id, query);
    } catch (err) {
      throw roomError(err);
    }
  });

  app.get<{ Params: { id: string; customer: string } }>('/api/maps/:id/customers/:customer', async (request) => {
    await authorize(store, request.params.id, request);
    const timeline = await events.customer(request.params.id, request.params.customer).catch((err: unknown) => {
      throw roomError(err);
    });
    if (!timeline) throw new HttpError(404, 'not_found', "No customer with this id in the map's events");
    return timeline;
  });

  app.get<MapParams>('/api/maps/:id/events/attributes', async (request) => {
    await authorize(store, request.params.id, request);
    return { attributes: await events.attributes(request.params.id) };
  });

  app.get<MapParams>('/api/maps/:id/events/mapping', async (request) => {
    await authorize(store, request.params.id, request);
    return { mappings: await events.mappings(request.params.id) };
  });

  app.put<MapParams>('/api/maps/:id/events/mapping', async (request, reply: FastifyReply) => {
    await requireEditor(store, request.params.id, request, 'map activities to touchpoints');
    const changes = parseMappings(request.body);
    try {
      return reply.send({ mappings: await events.setMappings(request.params.id, changes) });
    } catch (err) {
      if (err instanceof UnknownTouchpoint) throw new HttpError(400, 'bad_request', err.message);
      throw roomError(err);
    }
  });
}
