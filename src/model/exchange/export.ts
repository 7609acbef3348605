// JSON export of a whole journey: a versioned, plain, lossless file (importJourney rebuilds it).
// Nodes carry every field of their kind (as nodeFromYMap reads it) plus their notes tree, media refs,
// metrics and any field this code does not know (`extra`, encoded generically), so a map written by
// a newer build of the same schema still travels whole. Lists are sorted (nodes and edges by id,
// comment threads by node id) so the same journey always exports the same file.
import * as Y from 'yjs';
import { ROOT, type JourneyMeta, type JourneyNode, type NodeKind, type PathEdge } from '../schema';
import { compareIds, readEdges, readMeta, readNodes, stagesInOrder } from '../queries';
import { rootMaps } from '../doc-roots';
import { readMediaOf, type MediaRef } from '../media';
import { readComments } from '../comments-queries';
import { type Comment } from '../comments';
import { encodeNotes, encodeY, type JsonObject, type JsonValue, type NotesNode } from './yjson';

export const JOURNEY_FORMAT = 'percorso-journey';
export const JOURNEY_FORMAT_VERSION = 1;

export type JourneyJsonMeta = JourneyMeta & { extra?: JsonObject };

/** One node: its kind's fields, then what only some nodes have. */
export type JourneyJsonNode = JourneyNode & {
  notes?: NotesNode[];
  media?: MediaRef[];
  metrics?: JsonValue;
  /** Fields of the node map that this version of the model does not know, encoded generically. */
  extra?: JsonObject;
};

export interface JourneyJson {
  format: typeof JOURNEY_FORMAT;
  version: typeof JOURNEY_FORMAT_VERSION;
  exportedAt: string;
  meta: JourneyJsonMeta;
  stageOrder: string[];
  nodes: JourneyJsonNode[];
  edges: PathEdge[];
  /** The metricDefs root's entries, encoded generically. */
  metricDefs: JsonObject;
  /** Comment threads by node id (threads of nodes that no longer exist are left out). */
  comments: Record<string, Comment[]>;
}

const META_KEYS = ['title', 'goal', 'description', 'schemaVersion', 'createdAt', 'templateId'];
const COMMON_KEYS = ['kind', 'label', 'x', 'y', 'w', 'h', 'notes', 'media', 'metrics'];
/** The map keys each kind's typed fields come from (everything else is `extra`). */
export const KIND_KEYS: Record<NodeKind, readonly string[]> = {
  stage: ['ownerId', 'goal', 'color'],
  touchpoint: ['stageId', 'lane', 'channelId', 'personaIds', 'emotion', 'painPoints', 'opportunities'],
  channel: ['type', 'medium', 'needs'],
  owner: ['name', 'role', 'email'],
  persona: ['name', 'description', 'goals', 'frustrations', 'color', 'photoMediaId'],
  note: [],
};

function extraOf(m: Y.Map<unknown>, known: readonly string[]): JsonObject | undefined {
  const keys = [...m.keys()].filter((k) => !known.includes(k)).sort(compareIds);
  if (keys.length === 0) return undefined;
  return Object.fromEntries(keys.map((k) => [k, encodeY(m.get(k))]));
}

function exportNode(node: JourneyNode, m: Y.Map<unknown>): JourneyJsonNode {
  const out: JourneyJsonNode = { ...node };
  const notes = m.get('notes');
  if (notes instanceof Y.XmlFragment) out.notes = encodeNotes(notes);
  if (m.get('media') instanceof Y.Array) out.media = readMediaOf(m);
  if (m.has('metrics')) out.metrics = encodeY(m.get('metrics'));
  const extra = extraOf(m, [...COMMON_KEYS, ...KIND_KEYS[node.kind]]);
  if (extra) out.extra = extra;
  return out;
}

/** The whole journey as a plain JSON value (JSON.stringify it to save a file). */
export function exportJourney(doc: Y.Doc): JourneyJson {
  const { meta, nodes } = rootMaps(doc);
  const metaExtra = extraOf(meta, META_KEYS);
  const jsonNodes = readNodes(doc).flatMap((n) => {
    const m = nodes.get(n.id);
    return m instanceof Y.Map ? [exportNode(n, m)] : [];
  });
  const comments: Record<string, Comment[]> = {};
  for (const id of [...rootMaps(doc).comments.keys()].sort(compareIds)) {
    const list = readComments(doc, id);
    if (nodes.get(id) instanceof Y.Map && list.length > 0) comments[id] = list;
  }
  const metricDefs: JsonObject = {};
  const defs = doc.getMap<unknown>(ROOT.metricDefs);
  for (const k of [...defs.keys()].sort(compareIds)) metricDefs[k] = encodeY(defs.get(k));
  return {
    format: JOURNEY_FORMAT,
    version: JOURNEY_FORMAT_VERSION,
    exportedAt: new Date().toISOString(),
    meta: { ...readMeta(doc), ...(metaExtra ? { extra: metaExtra } : {}) },
    stageOrder: stagesInOrder(doc).map((s) => s.id), // as views read it: each stage once, even before a repair
    nodes: jsonNodes,
    edges: readEdges(doc),
    metricDefs,
    comments,
  };
}
