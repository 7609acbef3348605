// Yjs values ⇄ plain JSON for the journey file, lossless so an import rebuilds the same structure.
// - Rich notes (Y.XmlFragment) become a tree: elements {type:'element', nodeName, attributes,
//   children} and texts {type:'text', delta} where delta is XmlText.toDelta() (marks as attributes).
// - Generic values (node metrics, metricDefs, unknown fields — written by code this file does not
//   know): a Y.Map is an object, a Y.Array an array, primitives themselves. Values that would
//   read the same but are not those types are wrapped in a one-key object: {$json: v} for a plain
//   object/array stored as a value, {$xml: tree} for a fragment, {$text: delta} for a Y.Text, and
//   {$ymap: {...}} for a Y.Map whose only key is one of these names. Anything else (binary) is null.
import * as Y from 'yjs';
import { ModelError } from '../errors';

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

export interface NotesText {
  type: 'text';
  delta: Array<{ insert: string | JsonObject; attributes?: JsonObject }>;
}
export interface NotesElement {
  type: 'element';
  nodeName: string;
  attributes: JsonObject;
  children: NotesNode[];
}
export type NotesNode = NotesText | NotesElement;

const WRAPPERS = ['$json', '$xml', '$text', '$ymap'];
const MAX_DEPTH = 64;

export function fail(path: string, message: string): never {
  throw new ModelError('invalid-value', `${path}: ${message}`);
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype;
}

/** A deep copy of a plain JSON value; non-JSON parts (undefined, NaN, binary…) become null. */
function plainJson(v: unknown, depth = 0): JsonValue {
  if (depth > MAX_DEPTH) return null;
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (Array.isArray(v)) return v.map((x) => plainJson(x, depth + 1));
  if (isPlainObject(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plainJson(x, depth + 1)]));
  return null;
}

export function encodeNotes(frag: Y.XmlFragment): NotesNode[] {
  return frag.toArray().flatMap((c): NotesNode[] => {
    if (c instanceof Y.XmlText) {
      const delta = (c.toDelta() as Array<{ insert?: unknown; attributes?: unknown }>).flatMap((op) => {
        const insert =
          typeof op.insert === 'string'
            ? op.insert
            : isPlainObject(op.insert)
              ? (plainJson(op.insert) as JsonObject)
              : null;
        if (insert === null) return []; // an embedded Y type: not part of Tiptap's notes
        return [
          isPlainObject(op.attributes) ? { insert, attributes: plainJson(op.attributes) as JsonObject } : { insert },
        ];
      });
      return [{ type: 'text', delta }];
    }
    if (c instanceof Y.XmlElement) {
      const attributes = Object.fromEntries(
        Object.entries(c.getAttributes() as Record<string, unknown>).map(([k, v]) => [k, encodeY(v)]),
      );
      return [{ type: 'element', nodeName: c.nodeName, attributes, children: encodeNotes(c) }];
    }
    return []; // XmlHook: unused by Tiptap
  });
}

/** Unintegrated Yjs nodes for a notes tree (Yjs keeps their content until they are inserted). */
export function decodeNotes(nodes: readonly NotesNode[]): Array<Y.XmlElement | Y.XmlText> {
  return nodes.map((n) => {
    if (n.type === 'text') {
      const t = new Y.XmlText();
      t.applyDelta(
        n.delta.map((op) => (op.attributes ? { insert: op.insert, attributes: op.attributes } : { insert: op.insert })),
      );
      return t;
    }
    const el = new Y.XmlElement(n.nodeName);
    // Typed as strings by Yjs, but any JSON is stored as given (Tiptap keeps a heading's level as a number).
    for (const [k, v] of Object.entries(n.attributes)) el.setAttribute(k, decodeY(v) as string);
    el.insert(0, decodeNotes(n.children));
    return el;
  });
}

export function encodeY(v: unknown, depth = 0): JsonValue {
  if (depth > MAX_DEPTH) return null;
  if (v instanceof Y.Map) {
    const obj: JsonObject = {};
    for (const [k, x] of [...v.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1))) obj[k] = encodeY(x, depth + 1);
    const keys = Object.keys(obj);
    return keys.length === 1 && WRAPPERS.includes(keys[0] ?? '') ? { $ymap: obj } : obj;
  }
  if (v instanceof Y.Array) return v.toArray().map((x) => encodeY(x, depth + 1));
  if (v instanceof Y.XmlText) return null;
  if (v instanceof Y.Text) return { $text: plainJson(v.toDelta()) };
  if (v instanceof Y.XmlElement) return null;
  if (v instanceof Y.XmlFragment) return { $xml: encodeNotes(v) as unknown as JsonValue };
  if (Array.isArray(v) || isPlainObject(v)) return { $json: plainJson(v, depth + 1) };
  return plainJson(v, depth);
}

/** The Yjs value (unintegrated for shared types) that encodeY turned into `v`. */
export function decodeY(v: JsonValue): unknown {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) {
    const a = new Y.Array<unknown>();
    a.push(v.map(decodeY));
    return a;
  }
  const keys = Object.keys(v);
  const only = keys.length === 1 ? keys[0] : undefined;
  if (only === '$json') return plainJson(v.$json);
  if (only === '$xml') {
    const f = new Y.XmlFragment();
    f.insert(0, decodeNotes(v.$xml as unknown as NotesNode[]));
    return f;
  }
  if (only === '$text') {
    const t = new Y.Text();
    t.applyDelta(v.$text as unknown[]);
    return t;
  }
  const entries = only === '$ymap' ? (v.$ymap as JsonObject) : v;
  const m = new Y.Map<unknown>();
  for (const [k, x] of Object.entries(entries)) m.set(k, decodeY(x));
  return m;
}

/** Check that `v` is JSON that decodeY understands; throws with the path of the first bad part. */
export function checkJson(v: unknown, path: string, depth = 0): JsonValue {
  if (depth > MAX_DEPTH) fail(path, `nested deeper than ${MAX_DEPTH} levels`);
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? v : fail(path, 'must be a finite number');
  if (Array.isArray(v)) return v.map((x, i) => checkJson(x, `${path}[${i}]`, depth + 1));
  if (!isPlainObject(v)) fail(path, 'must be JSON (null, boolean, number, string, array or object)');
  const keys = Object.keys(v);
  if (keys.length === 1 && keys[0] === '$xml') checkNotes(v.$xml, `${path}.$xml`);
  if (keys.length === 1 && keys[0] === '$text') checkDelta(v.$text, `${path}.$text`);
  if (keys.length === 1 && keys[0] === '$ymap' && !isPlainObject(v.$ymap)) fail(`${path}.$ymap`, 'must be an object');
  for (const [k, x] of Object.entries(v)) checkJson(x, `${path}.${k}`, depth + 1);
  return v as JsonValue;
}

function checkDelta(delta: unknown, path: string): void {
  if (!Array.isArray(delta)) fail(path, 'must be an array of {insert, attributes?}');
  delta.forEach((op: unknown, i) => {
    const p = `${path}[${i}]`;
    if (!isPlainObject(op)) fail(p, 'must be {insert, attributes?}');
    if (typeof op.insert !== 'string' && !isPlainObject(op.insert))
      fail(`${p}.insert`, 'must be a string or an object');
    if (op.attributes !== undefined && !isPlainObject(op.attributes)) fail(`${p}.attributes`, 'must be an object');
    checkJson(op.insert, `${p}.insert`);
    if (op.attributes !== undefined) checkJson(op.attributes, `${p}.attributes`);
  });
}

const NODE_NAME = /^[A-Za-z_][A-Za-z0-9_.-]{0,63}$/;

/** Check a notes tree (see NotesNode); throws with the path of the first bad part. */
export function checkNotes(nodes: unknown, path: string, depth = 0): NotesNode[] {
  if (depth > MAX_DEPTH) fail(path, `nested deeper than ${MAX_DEPTH} levels`);
  if (!Array.isArray(nodes)) fail(path, 'must be an array of notes nodes');
  nodes.forEach((n: unknown, i) => {
    const p = `${path}[${i}]`;
    if (!isPlainObject(n)) fail(p, "must be {type: 'element'|'text', …}");
    if (n.type === 'text') return checkDelta(n.delta, `${p}.delta`);
    if (n.type !== 'element') fail(`${p}.type`, "must be 'element' or 'text'");
    if (typeof n.nodeName !== 'string' || !NODE_NAME.test(n.nodeName))
      fail(`${p}.nodeName`, 'must be an element name like paragraph');
    if (!isPlainObject(n.attributes)) fail(`${p}.attributes`, 'must be an object');
    checkJson(n.attributes, `${p}.attributes`, depth + 1);
    checkNotes(n.children, `${p}.children`, depth + 1);
  });
  return nodes as NotesNode[];
}
