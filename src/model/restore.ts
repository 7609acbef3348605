// Restoring a version: make a journey equal to an older copy of itself by applying the difference as
// one new change. Nothing is rewritten, so history stays and the restore itself can be undone (by
// restoring another version). Shared types that both sides have are edited in place, never replaced:
// a connected editor stays bound to the same notes fragment, and a peer's concurrent edit of an
// untouched field still merges.
import * as Y from 'yjs';
import { ROOT, type Origin } from './schema';
import { readStageOrder } from './doc-roots';
import { write } from './tx';

/** The roots a journey is made of; stageOrder is the only array. */
const MAP_ROOTS = [ROOT.meta, ROOT.nodes, ROOT.edges, ROOT.metricDefs, ROOT.comments] as const;

/** Deep equality of plain (JSON-like) values; Uint8Arrays compare by bytes. */
function samePlain(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null)
    return Number.isNaN(a) && Number.isNaN(b);
  if (a instanceof Uint8Array || b instanceof Uint8Array) {
    return a instanceof Uint8Array && b instanceof Uint8Array && a.length === b.length && a.every((x, i) => x === b[i]);
  }
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => samePlain(x, b[i]));
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  const ob = b as Record<string, unknown>;
  return (
    ka.length === kb.length &&
    ka.every((k) => Object.prototype.hasOwnProperty.call(ob, k) && samePlain((a as Record<string, unknown>)[k], ob[k]))
  );
}

/** The text form used to compare rich text: XML for fragments and elements, a delta for plain text. */
function textForm(t: Y.AbstractType<unknown>): string {
  if (t instanceof Y.XmlFragment || t instanceof Y.XmlElement || t instanceof Y.XmlText) return t.toString();
  if (t instanceof Y.Text) return JSON.stringify(t.toDelta());
  return JSON.stringify(t.toJSON());
}

/** Same class and same content (the check before an in-place edit or a replacement). */
function sameValue(a: unknown, b: unknown): boolean {
  if (a instanceof Y.AbstractType || b instanceof Y.AbstractType) {
    if (!(a instanceof Y.AbstractType) || !(b instanceof Y.AbstractType) || a.constructor !== b.constructor)
      return false;
    if (a instanceof Y.Map || a instanceof Y.Array) return samePlain(a.toJSON(), b.toJSON()) && sameNested(a, b);
    return textForm(a) === textForm(b);
  }
  return samePlain(a, b);
}

/** toJSON flattens rich text to strings; compare nested rich text by its full form too. */
function sameNested(a: Y.Map<unknown> | Y.Array<unknown>, b: Y.AbstractType<unknown>): boolean {
  const av = a instanceof Y.Map ? [...a.entries()] : a.toArray().map((v, i) => [i, v] as const);
  const get = (k: string | number): unknown =>
    b instanceof Y.Map ? b.get(k as string) : (b as Y.Array<unknown>).get(k as number);
  return av.every(([k, v]) => !(v instanceof Y.AbstractType) || sameValue(v, get(k)));
}

/** A copy to insert into the target doc: shared types are cloned deeply, plain values as they are (Yjs copies them on encode). */
function copyOf(v: unknown): unknown {
  return v instanceof Y.AbstractType ? (v.clone() as unknown) : v;
}

function syncMap(target: Y.Map<unknown>, source: Y.Map<unknown>): void {
  for (const key of [...target.keys()]) if (!source.has(key)) target.delete(key);
  source.forEach((sv, key) => {
    const tv = target.get(key);
    if (sv instanceof Y.Map && tv instanceof Y.Map && sv.constructor === tv.constructor) syncMap(tv, sv);
    else if (sv instanceof Y.Array && tv instanceof Y.Array) syncArray(tv, sv.toArray());
    else if (isPlainFragment(sv) && isPlainFragment(tv)) syncFragment(tv, sv);
    else if (!sameValue(tv, sv)) target.set(key, copyOf(sv));
  });
}

/** Keep the common prefix and suffix; replace the middle (so an unchanged list writes nothing). */
function syncArray(target: Y.Array<unknown>, items: readonly unknown[]): void {
  const cur = target.toArray();
  let start = 0;
  while (start < cur.length && start < items.length && sameValue(cur[start], items[start])) start++;
  let endCur = cur.length;
  let endNew = items.length;
  while (endCur > start && endNew > start && sameValue(cur[endCur - 1], items[endNew - 1])) {
    endCur--;
    endNew--;
  }
  if (endCur > start) target.delete(start, endCur - start);
  if (endNew > start) target.insert(start, items.slice(start, endNew).map(copyOf));
}

/** A fragment itself (notes), not an element (whose name could differ: that one is replaced whole). */
function isPlainFragment(v: unknown): v is Y.XmlFragment {
  return v instanceof Y.XmlFragment && !(v instanceof Y.XmlElement);
}

/** Rich notes: the content is replaced in place (editors stay bound to it), and only when its XML differs. */
function syncFragment(target: Y.XmlFragment, source: Y.XmlFragment): void {
  if (target.toString() === source.toString()) return;
  if (target.length > 0) target.delete(0, target.length);
  // (an XmlHook child clones to a hook; Yjs inserts it like an element, its typings omit it)
  const children = source.toArray().map((c) => c.clone() as Y.XmlElement | Y.XmlText);
  if (children.length > 0) target.insert(0, children);
}

/**
 * Make every root of `doc` (meta, stageOrder, nodes, edges, metricDefs, comments) deep-equal to
 * `source`'s, with minimal changes, in ONE transaction with `origin` (the server uses
 * `{ kind: 'import' }`). `source` is only read. A doc already equal to `source` gets an empty
 * transaction and no update.
 */
export function restoreJourney(doc: Y.Doc, source: Y.Doc, origin?: Origin): void {
  const sourceOrder = readStageOrder(source);
  write(doc, origin, () => {
    for (const name of MAP_ROOTS) syncMap(doc.getMap<unknown>(name), source.getMap<unknown>(name));
    const order = doc.getArray<unknown>(ROOT.stageOrder); // defined inside the write, like stageOrderForWrite
    if (!samePlain(order.toArray(), sourceOrder)) syncArray(order, sourceOrder);
  });
}
