// Document invariants after a merge. Two users' valid edits can merge into an invalid document (one
// removes a stage while the other adds a touchpoint to it, two move the same stage…). validateJourney
// reports such states; repairJourney restores the invariants. Both are one pass of `inspect`, which
// finds each problem and the write that fixes it, computed from the current state only and in id
// order, so peers repairing the same state make the same writes.
import * as Y from 'yjs';
import { SCHEMA_VERSION, type Origin } from './schema';
import { kindSpec } from './kinds/registry';
import { GEOMETRY_KEYS, fieldFix, geometryFix, type FieldFix } from './kinds/stored';
import { type RefMapField } from './kinds/fields';
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

  // Pass 1: which ids are nodes of which kind. A node map of a kind this build does not know is
  // kept (a newer build may have written it; views leave it out); an entry that is not a node map
  // with a kind at all cannot be drawn or referred to, so repair removes it.
  const kinds = new Map<string, string>();
  const nodeMaps: Array<[string, Y.Map<unknown>]> = [];
  for (const [id, m] of sortedEntries(nodes)) {
    const k = m instanceof Y.Map ? m.get('kind') : undefined;
    if (!(m instanceof Y.Map) || typeof k !== 'string') {
      problem('invalid-kind', id, `node ${id} is not a node map with a kind`, () => nodes.delete(id));
      continue;
    }
    kinds.set(id, k);
    nodeMaps.push([id, m]);
  }
  const isKind = (id: unknown, kind: string) => typeof id === 'string' && kinds.get(id) === kind;
  const survivingStage = (cardId: string) => nearestSurvivingStage(doc, cardId, (id) => isKind(id, 'stage'));

  // Pass 2: each node's geometry (every kind), then the fields of its kind's table.
  for (const [id, m] of nodeMaps) {
    const spec = kindSpec(kinds.get(id));
    for (const key of GEOMETRY_KEYS) {
      const fixed = geometryFix(key, m.get(key), spec);
      if (fixed !== null)
        problem('invalid-geometry', id, `${key} of ${id} is not a number within the model's limits`, () =>
          m.set(key, fixed),
        );
    }
    const label = m.get('label');
    if (label !== undefined && typeof label !== 'string')
      problem('invalid-value', id, `label of ${id} is not text`, () => m.set('label', ''));
    if (!spec) continue;
    for (const [key, f] of Object.entries(spec.fields)) {
      const v = m.get(key);
      if (f.type === 'ref') {
        if (v !== null && !isKind(v, f.target)) {
          // a card whose stage vanished in a merge (one person removed the stage while another added
          // the card to it) goes to the nearest surviving stage, never to no stage at all: its x,y are
          // relative to a stage's column, so without one it would be drawn inside another's
          const home = f.frame && f.target === 'stage' ? survivingStage(id) : null;
          problem(`dangling-${f.target}`, id, `${key} of ${id} names no ${f.target}: ${String(v)}`, () =>
            m.set(key, home),
          );
        }
      } else if (f.type === 'refs') {
        inspectRefs(id, m, key, f.target, (r) => isKind(r, f.target), problem, addFix);
      } else if (f.type === 'refMap' && v instanceof Y.Map) {
        inspectRefMap(id, v as Y.Map<unknown>, key, f, (r) => isKind(r, f.target), problem);
      } else {
        const fix = fieldFix(v, f, label);
        if (fix) problem('invalid-value', id, `${key} of ${id} is not a valid ${f.type}`, () => writeFix(m, key, fix));
      }
    }
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
    if (!isKind(s, 'touchpoint') || !isKind(t, 'touchpoint'))
      problem('dangling-edge', undefined, `edge ${id} does not join two touchpoints`, drop);
    else if (s === t) problem('self-loop', undefined, `edge ${id} is a self-loop`, drop);
    else if (seenPairs.has(`${s}\u0000${t}`))
      problem('duplicate-edge', undefined, `edge ${id} repeats ${s} → ${t}`, drop);
    else seenPairs.add(`${s}\u0000${t}`);
  }

  inspectStageOrder(doc, kinds, problem, addFix);
  return { issues, fixes };
}

/**
 * Where a card whose stage is gone belongs, the same on every peer: the stage of the card its path
 * comes from (its first incoming edge by edge id, whose source still has a stage), else of the card
 * it leads to, else the first stage of the map; null when the map has no stage left.
 */
function nearestSurvivingStage(doc: Y.Doc, cardId: string, isStage: (id: unknown) => boolean): string | null {
  const { nodes, edges } = rootMaps(doc);
  const stageOfCard = (id: unknown): string | null => {
    const card = typeof id === 'string' ? nodes.get(id) : undefined;
    const stage = card instanceof Y.Map ? card.get('stageId') : undefined;
    return isStage(stage) ? (stage as string) : null;
  };
  const path = sortedEntries(edges).flatMap(([, e]) => (e instanceof Y.Map ? [e] : []));
  for (const end of ['target', 'source'] as const) {
    const other = end === 'target' ? 'source' : 'target';
    for (const e of path) {
      if (e.get(end) !== cardId) continue;
      const stage = stageOfCard(e.get(other));
      if (stage) return stage;
    }
  }
  return (readStageOrder(doc).find((id) => isStage(id)) as string | undefined) ?? null;
}

function writeFix(m: Y.Map<unknown>, key: string, fix: FieldFix): void {
  const v = fix();
  if (v === undefined) m.delete(key);
  else m.set(key, v);
}

/** A list of references (personaIds): existing nodes of `target`, each once (first occurrence kept). One fix deletes all bad entries. */
function inspectRefs(
  id: string,
  m: Y.Map<unknown>,
  key: string,
  target: string,
  isTarget: (p: unknown) => boolean,
  problem: Problem,
  addFix: AddFix,
): void {
  const list = m.get(key);
  if (!(list instanceof Y.Array)) {
    if (list !== undefined)
      problem('invalid-value', id, `${key} of ${id} is not a list`, () => m.set(key, new Y.Array<string>()));
    return;
  }
  const items: unknown[] = list.toArray();
  const bad: number[] = [];
  const seen = new Set<unknown>();
  items.forEach((p, i) => {
    if (!isTarget(p)) {
      bad.push(i);
      problem(`dangling-${target}`, id, `${key} of ${id} names no ${target}: ${String(p)}`);
    } else if (seen.has(p)) {
      bad.push(i);
      problem(`duplicate-${target}`, id, `${key} of ${id} lists ${String(p)} twice`);
    }
    seen.add(p);
  });
  if (bad.length > 0) {
    addFix(() => {
      for (let i = bad.length - 1; i >= 0; i--) list.delete(bad[i] ?? 0, 1);
    });
  }
}

/** A refMap (a persona's channel preferences): keys name existing `target` nodes, values valid for the field. */
function inspectRefMap(
  id: string,
  map: Y.Map<unknown>,
  key: string,
  f: RefMapField,
  isTarget: (p: unknown) => boolean,
  problem: Problem,
): void {
  for (const [ref, v] of sortedEntries(map)) {
    if (!isTarget(ref)) {
      problem(`dangling-${f.target}`, id, `${key} of ${id} names no ${f.target}: ${ref}`, () => map.delete(ref));
      continue;
    }
    const fix = fieldFix(v, f.value, undefined);
    if (fix)
      problem('invalid-value', id, `${key}.${ref} of ${id} is not a valid ${f.value.type}`, () =>
        writeFix(map, ref, fix),
      );
  }
}

/** stageOrder: every stage exactly once (first occurrence kept), nothing else; missing stages appended by id. */
function inspectStageOrder(doc: Y.Doc, kinds: Map<string, string>, problem: Problem, addFix: AddFix): void {
  const order = readStageOrder(doc);
  const bad: number[] = [];
  const seen = new Set<string>();
  order.forEach((s, i) => {
    if (typeof s !== 'string' || kinds.get(s) !== 'stage') {
      bad.push(i);
      problem(
        'stage-order-stray',
        typeof s === 'string' ? s : undefined,
        `stageOrder[${i}] is not a stage: ${String(s)}`,
      );
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
 * strays removed and missing stages appended in id order, coordinates and sizes clamped into the
 * model's limits, fields of the wrong type reset to their defaults (kinds/stored.ts), entries that
 * are not node maps removed; nodes of a kind this build does not know are kept. Returns false without transacting when nothing is wrong — or when the document has a
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
