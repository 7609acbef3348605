// Checking a whole journey file before anything is written: shape, every field, and every reference
// (stageOrder lists each stage once; stage owners, touchpoint stages/channels/personas and edge ends
// name nodes of the file). The first problem throws ModelError 'invalid-value' naming its path,
// e.g. "nodes[3].emotion: must be an integer from -2 to 2".
import { LIMITS, SCHEMA_VERSION, type JourneyNode, type PathEdge } from '../schema';
import { kindSpec } from '../kinds/registry';
import { ModelError } from '../errors';
import { type Comment, isIsoTime } from '../comments';
import { checkJson, fail, type JsonObject } from './yjson';
import { JOURNEY_FORMAT, JOURNEY_FORMAT_VERSION, type JourneyJson, type JourneyJsonMeta } from './export';
import { checkNode } from './nodes';
import { arr, bool, id, integer, isObj, label, obj, text, type Obj } from './fields';

function parse(input: unknown): Obj {
  let v = input;
  if (typeof input === 'string') {
    try {
      v = JSON.parse(input) as unknown;
    } catch {
      throw new ModelError('invalid-value', 'not a Percorso journey file (not valid JSON)');
    }
  }
  if (!isObj(v) || v.format !== JOURNEY_FORMAT) throw new ModelError('invalid-value', 'not a Percorso journey file');
  if (typeof v.version === 'number' && Number.isInteger(v.version) && v.version > JOURNEY_FORMAT_VERSION) {
    throw new ModelError(
      'invalid-value',
      `this journey file was written by a newer version of Percorso (file format ${v.version}); this app reads format ${JOURNEY_FORMAT_VERSION}: please update it`,
    );
  }
  if (v.version !== JOURNEY_FORMAT_VERSION) fail('version', `must be ${JOURNEY_FORMAT_VERSION}`);
  return v;
}

function time(v: unknown, path: string): string {
  if (!isIsoTime(v)) fail(path, 'must be an ISO date-time like 2024-05-01T10:00:00.000Z');
  return v;
}

function checkMeta(v: unknown): JourneyJsonMeta {
  const m = obj(v, 'meta');
  if (typeof m.schemaVersion === 'number' && Number.isInteger(m.schemaVersion) && m.schemaVersion > SCHEMA_VERSION) {
    throw new ModelError(
      'invalid-value',
      `this journey uses schema ${m.schemaVersion}, newer than this app's ${SCHEMA_VERSION}: please update the app`,
    );
  }
  const meta: JourneyJsonMeta = {
    title: label(m.title, 'meta.title'),
    goal: text(m.goal, 'meta.goal'),
    description: text(m.description, 'meta.description'),
    schemaVersion: integer(m.schemaVersion, 'meta.schemaVersion', 0, SCHEMA_VERSION),
    createdAt: m.createdAt === '' ? '' : time(m.createdAt, 'meta.createdAt'),
    templateId: text(m.templateId, 'meta.templateId', LIMITS.idMax),
  };
  if (m.extra !== undefined) meta.extra = checkJson(obj(m.extra, 'meta.extra'), 'meta.extra') as JsonObject;
  return meta;
}

function checkComment(v: unknown, p: string): Comment {
  const c = obj(v, p);
  const body = text(c.text, `${p}.text`, LIMITS.textMax, 1);
  return {
    id: id(c.id, `${p}.id`),
    author: label(c.author, `${p}.author`),
    authorId: label(c.authorId, `${p}.authorId`),
    text: body,
    createdAt: time(c.createdAt, `${p}.createdAt`),
    ...(c.editedAt !== undefined ? { editedAt: time(c.editedAt, `${p}.editedAt`) } : {}),
    resolved: bool(c.resolved, `${p}.resolved`),
    mentions: arr(c.mentions, `${p}.mentions`).map((x, i) => label(x, `${p}.mentions[${i}]`)),
  };
}

/** References between nodes (every `ref`/`refs`/`refMap` field of the kind tables) must name a node of the right kind in the file. */
function checkRefs(nodes: readonly JourneyNode[]): Map<string, string> {
  const kinds = new Map<string, string>();
  nodes.forEach((n, i) => {
    if (kinds.has(n.id)) fail(`nodes[${i}].id`, `repeats the id ${n.id}`);
    kinds.set(n.id, n.kind);
  });
  const ref = (v: string | null, kind: string, path: string) => {
    if (v !== null && kinds.get(v) !== kind) fail(path, `names no ${kind} of this file: ${v}`);
  };
  nodes.forEach((n, i) => {
    const values = n as unknown as Record<string, unknown>;
    for (const [key, f] of Object.entries(kindSpec(n.kind)?.fields ?? {})) {
      const p = `nodes[${i}].${key}`;
      if (f.type === 'ref') ref(values[key] as string | null, f.target, p);
      if (f.type === 'refMap') for (const k of Object.keys(values[key] as object)) ref(k, f.target, `${p}.${k}`);
      if (f.type !== 'refs') continue;
      const list = values[key] as string[];
      list.forEach((rid, j) => {
        ref(rid, f.target, `${p}[${j}]`);
        if (list.indexOf(rid) !== j) fail(`${p}[${j}]`, `repeats ${rid}`);
      });
    }
  });
  return kinds;
}

function checkEdges(v: unknown, kinds: Map<string, string>): PathEdge[] {
  const pairs = new Set<string>();
  const ids = new Set<string>();
  return arr(v, 'edges').map((x, i) => {
    const p = `edges[${i}]`;
    const e = obj(x, p);
    const edge: PathEdge = {
      id: id(e.id, `${p}.id`),
      source: id(e.source, `${p}.source`),
      target: id(e.target, `${p}.target`),
      kind: 'path',
      label: text(e.label ?? '', `${p}.label`, LIMITS.labelMax),
    };
    if (e.kind !== undefined && e.kind !== 'path') fail(`${p}.kind`, "must be 'path'");
    if (kinds.has(edge.id) || ids.has(edge.id)) fail(`${p}.id`, `repeats the id ${edge.id}`);
    if (kinds.get(edge.source) !== 'touchpoint')
      fail(`${p}.source`, `names no touchpoint of this file: ${edge.source}`);
    if (kinds.get(edge.target) !== 'touchpoint')
      fail(`${p}.target`, `names no touchpoint of this file: ${edge.target}`);
    if (edge.source === edge.target) fail(p, 'joins a touchpoint to itself');
    const pair = `${edge.source}\u0000${edge.target}`;
    if (pairs.has(pair)) fail(p, `repeats the edge ${edge.source} → ${edge.target}`);
    pairs.add(pair);
    ids.add(edge.id);
    return edge;
  });
}

function checkStageOrder(v: unknown, kinds: Map<string, string>): string[] {
  const order = arr(v, 'stageOrder').map((x, i) => {
    if (typeof x !== 'string' || kinds.get(x) !== 'stage')
      fail(`stageOrder[${i}]`, `names no stage of this file: ${String(x)}`);
    return x;
  });
  order.forEach((s, i) => {
    if (order.indexOf(s) !== i) fail(`stageOrder[${i}]`, `repeats the stage ${s}`);
  });
  for (const [nid, k] of kinds)
    if (k === 'stage' && !order.includes(nid)) fail('stageOrder', `does not list the stage ${nid}`);
  return order;
}

function checkComments(v: unknown, kinds: Map<string, string>): Record<string, Comment[]> {
  const out: Record<string, Comment[]> = {};
  for (const [nodeId, list] of Object.entries(obj(v, 'comments'))) {
    const p = `comments.${nodeId}`;
    if (!kinds.has(nodeId)) fail(p, `names no node of this file: ${nodeId}`);
    const thread = arr(list, p).map((c, i) => checkComment(c, `${p}[${i}]`));
    thread.forEach((c, i) => {
      if (thread.findIndex((d) => d.id === c.id) !== i) fail(`${p}[${i}].id`, `repeats the comment id ${c.id}`);
    });
    out[nodeId] = thread;
  }
  return out;
}

/** The file checked whole and normalised; throws on the first problem (see the top of this file). */
export function validateJourneyJson(input: unknown): JourneyJson {
  const f = parse(input);
  const exportedAt = f.exportedAt === undefined ? '' : text(f.exportedAt, 'exportedAt', 64);
  const meta = checkMeta(f.meta);
  const nodes = arr(f.nodes, 'nodes').map((n, i) => checkNode(n, `nodes[${i}]`));
  const kinds = checkRefs(nodes);
  const edges = checkEdges(f.edges ?? [], kinds);
  const stageOrder = checkStageOrder(f.stageOrder ?? [], kinds);
  const metricDefs =
    f.metricDefs === undefined ? {} : (checkJson(obj(f.metricDefs, 'metricDefs'), 'metricDefs') as JsonObject);
  const comments = f.comments === undefined ? {} : checkComments(f.comments, kinds);
  return {
    format: JOURNEY_FORMAT,
    version: JOURNEY_FORMAT_VERSION,
    exportedAt,
    meta,
    stageOrder,
    nodes,
    edges,
    metricDefs,
    comments,
  };
}
