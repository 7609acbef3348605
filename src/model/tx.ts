// Shared plumbing of the commands: lookups that validate (run before the transaction) and small
// writers that run inside it.
import * as Y from 'yjs';
import { DEFAULT_SIZE, LOCAL_USER, type NodeKind, type Origin } from './schema';
import { ModelError } from './errors';
import { assertId } from './ids';
import { isNodeKind } from './convert';
import { rootMaps } from './doc-roots';

/** Every command writes through here: exactly one transaction, always with an origin. */
export function write(doc: Y.Doc, origin: Origin | undefined, fn: () => void): void {
  doc.transact(fn, origin ?? LOCAL_USER);
}

export function kindOf(m: Y.Map<unknown>): NodeKind | undefined {
  const k = m.get('kind');
  return isNodeKind(k) ? k : undefined;
}

/** The Y.Map of node `id`, checked to exist and (if `kinds` is given) to be one of those kinds. */
export function requireNode(doc: Y.Doc, id: unknown, kinds?: readonly NodeKind[], what = 'node'): Y.Map<unknown> {
  const nodeId = assertId(id, `${what} id`);
  const m = rootMaps(doc).nodes.get(nodeId);
  if (!(m instanceof Y.Map)) throw new ModelError('not-found', `${what} ${nodeId} does not exist`);
  if (kinds) {
    const k = kindOf(m);
    if (k === undefined || !kinds.includes(k)) {
      throw new ModelError(
        'wrong-kind',
        `${what} ${nodeId} is a ${String(m.get('kind'))}, expected ${kinds.join(' or ')}`,
      );
    }
  }
  return m;
}

/** A nullable reference: null passes, a string must name an existing node of `kind`. */
export function requireRef(doc: Y.Doc, id: unknown, kind: NodeKind): string | null {
  if (id === null || id === undefined) return null;
  requireNode(doc, id, [kind], kind);
  return id as string;
}

/** A fresh id must not name an existing node or edge (a silent overwrite would lose data). */
export function requireFreeId(doc: Y.Doc, id: string): string {
  const r = rootMaps(doc);
  if (r.nodes.has(id) || r.edges.has(id)) throw new ModelError('duplicate', `id ${id} is already used`);
  return id;
}

export function yStrings(items: readonly string[]): Y.Array<string> {
  const a = new Y.Array<string>();
  a.push([...items]);
  return a;
}

/** The node's list field as a Y.Array, (re)created if a bad merge left something else there. */
export function listField(m: Y.Map<unknown>, key: string): Y.Array<string> {
  const v = m.get(key);
  if (v instanceof Y.Array) return v as Y.Array<string>;
  const a = new Y.Array<string>();
  m.set(key, a);
  return a;
}

/**
 * Replace a Y.Array's contents with `items` by a minimal edit (keep the common prefix and suffix),
 * so a concurrent edit of another item of the same list survives the merge.
 */
export function replaceList(a: Y.Array<string>, items: readonly string[]): void {
  const cur = a.toArray();
  let start = 0;
  while (start < cur.length && start < items.length && cur[start] === items[start]) start++;
  let endCur = cur.length;
  let endNew = items.length;
  while (endCur > start && endNew > start && cur[endCur - 1] === items[endNew - 1]) {
    endCur--;
    endNew--;
  }
  if (endCur > start) a.delete(start, endCur - start);
  if (endNew > start) a.insert(start, items.slice(start, endNew));
}

/**
 * Make a list of ids exactly the set `wanted` as a diff: drop the ids no longer wanted (and repeats,
 * first occurrence kept), append the new ones, so concurrent edits by two users merge.
 */
export function replaceIdSet(list: Y.Array<string>, wanted: readonly string[]): void {
  const cur = list.toArray();
  const keep = new Set<string>();
  for (let i = cur.length - 1; i >= 0; i--) {
    const p = cur[i];
    if (p === undefined) continue;
    if (wanted.includes(p) && cur.indexOf(p) === i) keep.add(p);
    else list.delete(i, 1);
  }
  const add = [...new Set(wanted)].filter((p) => !keep.has(p));
  if (add.length > 0) list.push(add);
}

/** Set a map field only when it changes, so no-op commands add no history. */
export function setIfChanged(m: Y.Map<unknown>, key: string, value: unknown): void {
  if (m.get(key) !== value) m.set(key, value);
}

/** Create a node map with the common fields; `fields` are the kind's own. Runs inside a transaction. */
export function createNode(
  doc: Y.Doc,
  id: string,
  kind: NodeKind,
  label: string,
  pos: { x: number; y: number },
  fields: Record<string, unknown>,
): void {
  const m = new Y.Map<unknown>();
  rootMaps(doc).nodes.set(id, m);
  m.set('kind', kind);
  m.set('label', label);
  m.set('x', pos.x);
  m.set('y', pos.y);
  m.set('w', DEFAULT_SIZE[kind].w);
  m.set('h', DEFAULT_SIZE[kind].h);
  for (const [k, v] of Object.entries(fields)) m.set(k, v);
}
