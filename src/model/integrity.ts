// Document invariants after a merge. Two users' valid edits can merge into an invalid document (one
// removes a stage while the other adds a touchpoint to it, two move the same stage…). validateJourney
// reports such states; repairJourney restores the invariants. Both are one pass of `inspect`, which
// finds each problem and the write that fixes it, computed from the current state only and in id
// order, so peers repairing the same state make the same writes.
import * as Y from 'yjs';
import { CHANNEL_MEDIA, CHANNEL_TYPES, EMOTION_MAX, EMOTION_MIN, LANES, SCHEMA_VERSION, type NodeKind, type Origin } from './schema';
import { isNodeKind } from './convert';
import { compareIds } from './queries';
import { readStageOrder, rootMaps, stageOrderForWrite } from './doc-roots';

export interface JourneyIssue {
  code: string;
  nodeId?: string;
  message: string;
}

export const REPAIR_ORIGIN: Origin = { kind: 'repair' };

interface Inspection {
  issues: JourneyIssue[];
  fixes: Array<() => void>;
}

type Problem = (code: string, nodeId: string | undefined, message: string, fix?: () => void) => void;
type AddFix = (fix: () => void) => void;

function sortedEntries<T>(m: Y.Map<T>): Array<[string, unknown]> {
  return [...m.entries()].sort((a, b) => compareIds(a[0], b[0]));
}

function inspect(doc: Y.Doc): Inspection {
  const { nodes, edges } = rootMaps(doc);
  const issues: JourneyIssue[] = [];
  const fixes: Array<() => void> = [];
  const problem: Problem = (code, nodeId, message, fix) => {
    issues.push(nodeId === undefined ? { code, message } : { code, nodeId, message });
    if (fix) fixes.push(fix);
  };
  const addFix = (fix: () => void) => fixes.push(fix);

  // Pass 1: which ids are nodes of which kind. Entries that are not node maps of a known kind
  // cannot be drawn or referred to, so repair removes them.
  const kinds = new Map<string, NodeKind>();
  const nodeMaps: Array<[string, Y.Map<unknown>]> = [];
  for (const [id, m] of sortedEntries(nodes)) {
    const k = m instanceof Y.Map ? m.get('kind') : undefined;
    if (!(m instanceof Y.Map) || !isNodeKind(k)) {
      problem('invalid-kind', id, `node ${id} is not a node of a known kind`, () => nodes.delete(id));
      continue;
    }
    kinds.set(id, k);
    nodeMaps.push([id, m]);
  }
  const isKind = (id: unknown, kind: NodeKind) => typeof id === 'string' && kinds.get(id) === kind;

  // Pass 2: each node's enums and references.
  for (const [id, m] of nodeMaps) {
    const k = kinds.get(id);
    const ref = (key: string, kind: NodeKind) => {
      const v = m.get(key);
      if (v !== null && !isKind(v, kind)) problem(`dangling-${kind}`, id, `${key} of ${id} names no ${kind}: ${String(v)}`, () => m.set(key, null));
    };
    const oneOf = (key: string, values: readonly string[], fallback: string) => {
      const v = m.get(key);
      if (typeof v !== 'string' || !values.includes(v)) problem('invalid-value', id, `${key} of ${id} is not one of ${values.join(', ')}`, () => m.set(key, fallback));
    };
    if (k === 'stage') ref('ownerId', 'owner');
    if (k === 'channel') {
      oneOf('type', CHANNEL_TYPES, 'digital');
      oneOf('medium', CHANNEL_MEDIA, 'other');
    }
    if (k !== 'touchpoint') continue;
    ref('stageId', 'stage');
    ref('channelId', 'channel');
    oneOf('lane', LANES, 'front');
    const e = m.get('emotion');
    if (typeof e !== 'number' || !Number.isInteger(e) || e < EMOTION_MIN || e > EMOTION_MAX) {
      const fixed = typeof e === 'number' && Number.isFinite(e) ? Math.min(EMOTION_MAX, Math.max(EMOTION_MIN, Math.round(e))) : 0;
      problem('invalid-value', id, `emotion of ${id} is not an integer in ${EMOTION_MIN}..${EMOTION_MAX}`, () => m.set('emotion', fixed));
    }
    inspectPersonas(id, m, (p) => isKind(p, 'persona'), problem, addFix);
  }

  // Pass 3: edges join two different existing touchpoints, one edge per source→target (the
  // smallest id wins, the same on every peer).
  const seenPairs = new Set<string>();
  for (const [id, e] of sortedEntries(edges)) {
    const drop = () => edges.delete(id);
    if (!(e instanceof Y.Map)) {
      problem('invalid-edge', undefined, `edge ${id} is not an edge`, drop);
      continue;
    }
    const s = e.get('source');
    const t = e.get('target');
    if (!isKind(s, 'touchpoint') || !isKind(t, 'touchpoint')) problem('dangling-edge', undefined, `edge ${id} does not join two touchpoints`, drop);
    else if (s === t) problem('self-loop', undefined, `edge ${id} is a self-loop`, drop);
    else if (seenPairs.has(`${s}\u0000${t}`)) problem('duplicate-edge', undefined, `edge ${id} repeats ${s} → ${t}`, drop);
    else seenPairs.add(`${s}\u0000${t}`);
  }

  inspectStageOrder(doc, kinds, problem, addFix);
  return { issues, fixes };
}

/** personaIds: existing personas, each once (first occurrence kept). One fix deletes all bad entries. */
function inspectPersonas(id: string, m: Y.Map<unknown>, isPersona: (p: unknown) => boolean, problem: Problem, addFix: AddFix): void {
  const list = m.get('personaIds');
  if (!(list instanceof Y.Array)) {
    if (list !== undefined) problem('invalid-value', id, `personaIds of ${id} is not a list`, () => m.set('personaIds', new Y.Array<string>()));
    return;
  }
  const items: unknown[] = list.toArray();
  const bad: number[] = [];
  const seen = new Set<unknown>();
  items.forEach((p, i) => {
    if (!isPersona(p)) {
      bad.push(i);
      problem('dangling-persona', id, `personaIds of ${id} names no persona: ${String(p)}`);
    } else if (seen.has(p)) {
      bad.push(i);
      problem('duplicate-persona', id, `personaIds of ${id} lists ${String(p)} twice`);
    }
    seen.add(p);
  });
  if (bad.length > 0) {
    addFix(() => {
      for (let i = bad.length - 1; i >= 0; i--) list.delete(bad[i] ?? 0, 1);
    });
  }
}

/** stageOrder: every stage exactly once (first occurrence kept), nothing else; missing stages appended by id. */
function inspectStageOrder(doc: Y.Doc, kinds: Map<string, NodeKind>, problem: Problem, addFix: AddFix): void {
  const order = readStageOrder(doc);
  const bad: number[] = [];
  const seen = new Set<string>();
  order.forEach((s, i) => {
    if (typeof s !== 'string' || kinds.get(s) !== 'stage') {
      bad.push(i);
      problem('stage-order-stray', typeof s === 'string' ? s : undefined, `stageOrder[${i}] is not a stage: ${String(s)}`);
    } else if (seen.has(s)) {
      bad.push(i);
      problem('stage-order-duplicate', s, `stage ${s} appears more than once in stageOrder`);
    } else seen.add(s);
  });
  const missing = [...kinds].filter(([id, k]) => k === 'stage' && !seen.has(id)).map(([id]) => id); // kinds is in id order
  for (const id of missing) problem('stage-order-missing', id, `stage ${id} is missing from stageOrder`);
  if (bad.length > 0 || missing.length > 0) {
    addFix(() => {
      const stageOrder = stageOrderForWrite(doc);
      for (let i = bad.length - 1; i >= 0; i--) stageOrder.delete(bad[i] ?? 0, 1);
      if (missing.length > 0) stageOrder.push(missing);
    });
  }
}

/** Every broken invariant of the document; empty when the journey is sound. */
export function validateJourney(doc: Y.Doc): JourneyIssue[] {
  return inspect(doc).issues;
}

/**
 * Restore the invariants in one transaction with origin { kind: 'repair' }: dangling references set
 * to null or removed, broken/duplicate edges removed, stageOrder deduplicated (first occurrence kept),
 * strays removed and missing stages appended in id order, enums reset to defaults, nodes of unknown
 * kind removed. Returns false without transacting when nothing is wrong — or when the document has a
 * newer schemaVersion than this code knows (it must not "repair" what it does not understand).
 */
export function repairJourney(doc: Y.Doc): boolean {
  const v = rootMaps(doc).meta.get('schemaVersion');
  if (typeof v === 'number' && v > SCHEMA_VERSION) return false;
  const { fixes } = inspect(doc);
  if (fixes.length === 0) return false;
  doc.transact(() => {
    for (const fix of fixes) fix();
  }, REPAIR_ORIGIN);
  return true;
}
