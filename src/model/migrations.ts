// Schema migrations. A document records the schema it was written in (meta.schemaVersion); when it is
// older than this code's SCHEMA_VERSION, migrateJourney brings it up to date in one transaction with
// origin { kind: 'migration' }. Like repairs, migrations run on every peer that opens an old map, so
// each must compute its writes from the document alone (no clocks, no random ids): two peers
// migrating the same state then write the same values, which merge into one.
import * as Y from 'yjs';
import { ROOT, SCHEMA_VERSION, type Origin } from './schema';
import { readStageOrder, rootMaps } from './doc-roots';
import { kindSpec } from './kinds/registry';
import { type Field, type SharedPart } from './kinds/fields';

export const MIGRATION_ORIGIN: Origin = { kind: 'migration' };

export interface Migration {
  /** The schemaVersion this migration produces (it runs on documents older than that). */
  to: number;
  description: string;
  up(doc: Y.Doc): void;
}

/** The value a missing field of a kind's table gets: what readers assumed while it was missing. */
function missingFieldValue(f: Field, label: unknown): unknown {
  switch (f.type) {
    case 'text':
      return f.fallbackToLabel && typeof label === 'string' ? label : '';
    case 'color':
    case 'enum':
    case 'number':
      return f.fallback;
    case 'list':
    case 'refs':
      return new Y.Array<string>();
    case 'ref':
      return null;
    case 'refMap':
      return new Y.Map<unknown>();
    case 'mediaId':
      return undefined; // optional: absent means none
  }
}

const SHARED_PARTS: Record<SharedPart, () => unknown> = {
  notes: () => new Y.XmlFragment(),
  media: () => new Y.Array<unknown>(),
  metrics: () => new Y.Map<unknown>(),
};

/**
 * Version 2: every node of a known kind carries its geometry, every field of its kind's table and its
 * shared parts (a version-1 map could lack fields that readers defaulted). Values are the readers'
 * defaults, so nothing drawn changes; only what is missing is written.
 */
function fillKindFields(doc: Y.Doc): void {
  rootMaps(doc).nodes.forEach((m) => {
    const spec = m instanceof Y.Map ? kindSpec(m.get('kind')) : undefined;
    if (!spec) return;
    const fill = (key: string, value: () => unknown) => {
      if (m.has(key)) return;
      const v = value();
      if (v !== undefined) m.set(key, v);
    };
    fill('label', () => '');
    fill('x', () => 0);
    fill('y', () => 0);
    fill('w', () => spec.size.w);
    fill('h', () => spec.size.h);
    for (const [key, f] of Object.entries(spec.fields)) fill(key, () => missingFieldValue(f, m.get('label')));
    for (const part of spec.shared ?? []) fill(part, SHARED_PARTS[part]);
  });
}

/** A need's id made from its text, the same on every peer: FNV-1a of the folded text. */
export function needIdFromText(text: string): string {
  const folded = text.trim().toLocaleLowerCase('en').replace(/\s+/g, ' ');
  let h = 0x811c9dc5;
  for (let i = 0; i < folded.length; i++) {
    h ^= folded.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return `need-${h.toString(16).padStart(8, '0')}`;
}

/**
 * Version 3: needs are nodes. Each channel's free-text needs become need nodes (one per text, folded
 * for case and spaces, the spelling of the first channel by id kept, priority medium) that the channel serves; the text list
 * is then emptied, so nothing is shown twice and nothing is lost. New fields (needIds, a persona's
 * weights and channel preferences) are filled as in version 2.
 */
function needsFromChannelTags(doc: Y.Doc): void {
  const { nodes } = rootMaps(doc);
  fillKindFields(doc);
  const channels = [...nodes.entries()]
    .filter(([, m]) => m instanceof Y.Map && m.get('kind') === 'channel')
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  for (const [, m] of channels) {
    const channel = m as Y.Map<unknown>;
    const tags = channel.get('needs');
    const needIds = channel.get('needIds');
    if (!(tags instanceof Y.Array) || !(needIds instanceof Y.Array) || tags.length === 0) continue;
    for (const tag of tags.toArray()) {
      if (typeof tag !== 'string' || tag.trim() === '') continue;
      const id = needIdFromText(tag);
      if (!nodes.has(id)) nodes.set(id, newNeedMap(tag.trim()));
      if (!needIds.toArray().includes(id)) needIds.push([id]);
    }
    tags.delete(0, tags.length);
  }
}

function newNeedMap(label: string): Y.Map<unknown> {
  const spec = kindSpec('need');
  const m = new Y.Map<unknown>();
  for (const [k, v] of Object.entries({ kind: 'need', label, x: 0, y: 0, w: spec?.size.w, h: spec?.size.h }))
    m.set(k, v);
  m.set('description', '');
  m.set('priority', 'medium');
  return m;
}

/**
 * Every migration, oldest first. Version 1 is the first schema: a version-0 document (content but no
 * schemaVersion, or schemaVersion 0) needs nothing but its version set. A schema change adds an entry
 * here with `to` = the new SCHEMA_VERSION.
 */
export const MIGRATIONS: readonly Migration[] = [
  { to: 2, description: 'every node carries every field of its kind', up: fillKindFields },
  { to: 3, description: 'needs are nodes; personas carry needs and channel preferences', up: needsFromChannelTags },
];

/**
 * True when the map has anything drawn or said on it (nodes, edges, stages, comments). Metric
 * definitions are settings, not content: an editor's browser stores the defaults on first open, and
 * a template or an import must still apply to such a map.
 */
export function journeyHasMapContent(doc: Y.Doc): boolean {
  const { nodes, edges, comments } = rootMaps(doc);
  return nodes.size > 0 || edges.size > 0 || comments.size > 0 || readStageOrder(doc).length > 0;
}

/**
 * Whether the journey has content: nodes, edges, stages, comments or metric definitions. Meta alone
 * (a title, as the server seeds a new map) is not content: templates and imports need a doc without it.
 */
export function journeyHasContent(doc: Y.Doc): boolean {
  const { nodes, edges, comments } = rootMaps(doc);
  const metricDefs = doc.getMap<unknown>(ROOT.metricDefs);
  return nodes.size > 0 || edges.size > 0 || comments.size > 0 || metricDefs.size > 0 || readStageOrder(doc).length > 0;
}

/**
 * The document's schema version: meta.schemaVersion when it is a number; 0 for a document with
 * content but no version (written before versions existed); null for an empty, uninitialised doc
 * (nothing to migrate — initJourney will stamp it).
 */
export function documentSchemaVersion(doc: Y.Doc): number | null {
  const { meta } = rootMaps(doc);
  const v = meta.get('schemaVersion');
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  return meta.size === 0 && !journeyHasContent(doc) ? null : 0;
}

/**
 * Apply `migrations` (sorted by `to`) that lie above the document's version, up to `target`, then
 * stamp `target`, all in one transaction. Returns false without transacting when the document is
 * empty, already at `target`, or newer than it (a newer schema is never rewritten by older code).
 * `migrateJourney` is this with the real list; tests pass their own.
 */
export function applyMigrations(doc: Y.Doc, migrations: readonly Migration[], target: number): boolean {
  const from = documentSchemaVersion(doc);
  if (from === null || from >= target) return false;
  const steps = [...migrations].sort((a, b) => a.to - b.to).filter((m) => m.to > from && m.to <= target);
  const { meta } = rootMaps(doc);
  doc.transact(() => {
    for (const step of steps) {
      step.up(doc);
      meta.set('schemaVersion', step.to);
    }
    if (meta.get('schemaVersion') !== target) meta.set('schemaVersion', target);
  }, MIGRATION_ORIGIN);
  return true;
}

/** Bring an older document up to SCHEMA_VERSION (see applyMigrations); true if it wrote. */
export function migrateJourney(doc: Y.Doc): boolean {
  return applyMigrations(doc, MIGRATIONS, SCHEMA_VERSION);
}
