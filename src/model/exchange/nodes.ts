// Checking one node of a journey file: its kind's fields with the command rules (labels 1..200,
// emotion −2..2, enums…), its notes tree, media refs, metrics and extra fields. References between
// nodes are checked afterwards, once every node is known (validate.ts).
import { type KindSpec, type Field } from '../kinds/fields';
import { kindSpec, kindSpecs } from '../kinds/registry';
import { mediaRefProblem, isMediaId, type MediaRef } from '../media';
import { checkJson, checkNotes, fail, type JsonObject } from './yjson';
import { knownKeys, type JourneyJsonNode } from './export';
import {
  arr,
  color,
  coordinate,
  finite,
  id,
  idOrNull,
  integer,
  label,
  obj,
  oneOf,
  size,
  text,
  textList,
  type Obj,
} from './fields';

/** One field of the file, checked as its table says; undefined for an absent optional field. */
function checkField(v: unknown, p: string, f: Field): unknown {
  switch (f.type) {
    case 'text': {
      const t = text(v, p, f.max, f.min ?? 0);
      if (f.pattern && t !== '' && !f.pattern.re.test(t)) fail(p, f.pattern.message);
      return t;
    }
    case 'color':
      return color(v, p);
    case 'list':
      return textList(v, p);
    case 'enum':
      return oneOf(f.values, v, p);
    case 'number':
      return f.integer ? integer(v, p, f.min, f.max) : finite(v, p, f.min, f.max);
    case 'ref':
      return idOrNull(v, p);
    case 'refs':
      // absent in files written before the field existed (needIds): none
      return v === undefined ? [] : arr(v, p).map((x, i) => id(x, `${p}[${i}]`));
    case 'refMap': {
      if (v === undefined) return {};
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(obj(v, p))) out[id(k, `${p}.${k}`)] = checkField(x, `${p}.${k}`, f.value);
      return out;
    }
    case 'mediaId':
      if (v === undefined) return undefined;
      if (!isMediaId(v)) fail(p, 'must be a sha-256 (64 lower-case hex characters)');
      return v;
  }
}

function kindFields(n: Obj, p: string, spec: KindSpec): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, f] of Object.entries(spec.fields)) {
    const v = checkField(n[key], `${p}.${key}`, f);
    if (v !== undefined) out[key] = v;
  }
  return out;
}

function media(v: unknown, p: string): MediaRef[] {
  const seen = new Set<string>();
  return arr(v, p).map((r, i) => {
    const problem = mediaRefProblem(r);
    if (problem !== null) {
      const field = /^(\w+): (.*)$/.exec(problem); // "name: must be…" → path …[i].name
      fail(field ? `${p}[${i}].${field[1]}` : `${p}[${i}]`, field?.[2] ?? problem);
    }
    const m = r as MediaRef;
    if (seen.has(m.id)) fail(`${p}[${i}].id`, `repeats media ${m.id}`);
    seen.add(m.id);
    return { id: m.id, name: m.name, mime: m.mime, size: m.size, kind: m.kind };
  });
}

/** One node of the file, checked and normalised (references not yet checked). */
export function checkNode(v: unknown, p: string): JourneyJsonNode {
  const n = obj(v, p);
  const kind = oneOf(
    kindSpecs().map((k) => k.kind),
    n.kind,
    `${p}.kind`,
  );
  const spec = kindSpec(kind) as KindSpec;
  const common = {
    id: id(n.id, `${p}.id`),
    kind,
    label: label(n.label, `${p}.label`),
    x: coordinate(n.x, `${p}.x`),
    y: coordinate(n.y, `${p}.y`),
    w: n.w === undefined ? spec.size.w : size(n.w, `${p}.w`, false),
    h: n.h === undefined ? spec.size.h : size(n.h, `${p}.h`, spec.zeroHeight === true),
  };
  const out = { ...common, ...kindFields(n, p, spec) } as JourneyJsonNode;
  if (n.notes !== undefined) out.notes = checkNotes(n.notes, `${p}.notes`);
  if (n.media !== undefined) out.media = media(n.media, `${p}.media`);
  if (n.metrics !== undefined) out.metrics = checkJson(n.metrics, `${p}.metrics`);
  if (n.extra !== undefined) {
    const extra = obj(n.extra, `${p}.extra`);
    const reserved = knownKeys(kind);
    for (const k of Object.keys(extra))
      if (reserved.includes(k)) fail(`${p}.extra.${k}`, 'is a field of the node, not an extra');
    out.extra = checkJson(extra, `${p}.extra`) as JsonObject;
  }
  return out;
}
