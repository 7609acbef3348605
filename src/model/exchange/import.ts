// JSON import: a journey file (exportJourney's format) into an EMPTY map. The whole file is checked
// first (validate.ts); only then is everything written, in one transaction with origin
// { kind: 'import' }, so a bad file leaves the doc untouched and a good one arrives as one update.
// The doc may hold a seeded meta (the server writes the title of a new map): the file's meta wins.
import * as Y from 'yjs';
import { ROOT, SCHEMA_VERSION, type Origin } from '../schema';
import { ModelError } from '../errors';
import { yStrings } from '../tx';
import { type KindSpec } from '../kinds/fields';
import { kindSpec } from '../kinds/registry';
import { rootMaps, stageOrderForWrite } from '../doc-roots';
import { commentToYMap } from '../comments';
import { decodeNotes, decodeY } from './yjson';
import { type JourneyJson, type JourneyJsonNode } from './export';
import { validateJourneyJson } from './validate';
import { journeyHasMapContent, migrateJourney } from '../migrations';

export const IMPORT_ORIGIN: Origin = { kind: 'import' };

/** The fields of one node as map entries (shared types unintegrated; notes are filled after). */
function nodeEntries(n: JourneyJsonNode, spec: KindSpec): Array<[string, unknown]> {
  const e: Array<[string, unknown]> = [
    ['kind', n.kind],
    ['label', n.label],
    ['x', n.x],
    ['y', n.y],
    ['w', n.w],
    ['h', n.h],
  ];
  const fields = n as unknown as Record<string, unknown>;
  for (const [key, f] of Object.entries(spec.fields)) {
    const v = fields[key];
    if (v === undefined) continue; // an absent optional field
    if (f.type === 'refMap') e.push([key, new Y.Map(Object.entries(v as Record<string, unknown>))]);
    else e.push([key, f.type === 'list' || f.type === 'refs' ? yStrings(v as string[]) : v]);
  }
  // A kind's shared parts exist from its creation on (as addTouchpoint makes them); other kinds get them only if the file has them.
  const shared = spec.shared ?? [];
  if (n.media !== undefined || shared.includes('media')) {
    const media = new Y.Array<unknown>();
    media.push((n.media ?? []).map((r) => ({ ...r })));
    e.push(['media', media]);
  }
  if (n.metrics !== undefined) e.push(['metrics', decodeY(n.metrics)]);
  else if (shared.includes('metrics')) e.push(['metrics', new Y.Map<unknown>()]);
  for (const [k, v] of Object.entries(n.extra ?? {})) e.push([k, decodeY(v)]);
  return e;
}

function write(doc: Y.Doc, file: JourneyJson): void {
  const { meta, nodes, edges, comments } = rootMaps(doc);
  const { extra: metaExtra, ...metaFields } = file.meta;
  for (const [k, v] of Object.entries(metaFields)) meta.set(k, v);
  for (const [k, v] of Object.entries(metaExtra ?? {})) meta.set(k, decodeY(v));
  for (const n of file.nodes) {
    const m = new Y.Map<unknown>();
    nodes.set(n.id, m);
    const spec = kindSpec(n.kind) as KindSpec; // validateJourneyJson accepted only known kinds
    for (const [k, v] of nodeEntries(n, spec)) m.set(k, v);
    if (n.notes !== undefined || spec.shared?.includes('notes')) {
      const notes = new Y.XmlFragment();
      m.set('notes', notes);
      notes.insert(0, decodeNotes(n.notes ?? []));
    }
  }
  for (const e of file.edges) {
    const m = new Y.Map<unknown>();
    edges.set(e.id, m);
    m.set('source', e.source);
    m.set('target', e.target);
    m.set('kind', 'path');
    m.set('label', e.label);
  }
  if (file.stageOrder.length > 0) stageOrderForWrite(doc).push(file.stageOrder);
  const metricDefs = doc.getMap<unknown>(ROOT.metricDefs);
  for (const [k, v] of Object.entries(file.metricDefs)) metricDefs.set(k, decodeY(v));
  for (const [nodeId, thread] of Object.entries(file.comments)) {
    const a = new Y.Array<unknown>();
    a.push(thread.map(commentToYMap));
    comments.set(nodeId, a);
  }
}

/**
 * Import a journey file (a JourneyJson value or its JSON text) into an empty map. Throws ModelError
 * 'invalid-value' — writing nothing — for a file that is not a journey, is newer than this app, or
 * has a bad field (the message names its path), and for a map that already has content. A file of
 * an older schema is migrated afterwards (a second transaction, origin 'migration').
 */
export function importJourney(doc: Y.Doc, json: unknown, origin: Origin = IMPORT_ORIGIN): void {
  const file = validateJourneyJson(json);
  if (journeyHasMapContent(doc))
    throw new ModelError('invalid-value', 'a journey can only be imported into an empty map');
  doc.transact(() => write(doc, file), origin);
  if (file.meta.schemaVersion < SCHEMA_VERSION) migrateJourney(doc);
}
