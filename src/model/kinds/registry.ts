// Every node kind the model knows, from one list. Adding a kind: a file next to this one with its
// field table, and one entry in BUILT_IN_KINDS (CONTRIBUTING.md, "Add a node kind").
import { type Field, type KindSpec, type NodeOf } from './fields';
import { STAGE_KIND } from './stage';
import { TOUCHPOINT_KIND } from './touchpoint';
import { CHANNEL_KIND } from './channel';
import { OWNER_KIND } from './owner';
import { PERSONA_KIND } from './persona';
import { NOTE_KIND } from './note';
import { NEED_KIND } from './need';

export const BUILT_IN_KINDS = [
  STAGE_KIND,
  TOUCHPOINT_KIND,
  CHANNEL_KIND,
  OWNER_KIND,
  PERSONA_KIND,
  NOTE_KIND,
  NEED_KIND,
] as const;

type BuiltIn = (typeof BUILT_IN_KINDS)[number];
export type NodeKind = BuiltIn['kind'];
/** A plain, read-only snapshot of one node (what queries return; never written back whole). */
export type JourneyNode = BuiltIn extends infer S ? (S extends KindSpec ? NodeOf<S> : never) : never;

export const NODE_KINDS: readonly NodeKind[] = BUILT_IN_KINDS.map((k) => k.kind);

/** Default sizes by kind, used when a command does not give one. */
export const DEFAULT_SIZE = Object.fromEntries(BUILT_IN_KINDS.map((k) => [k.kind, k.size])) as Record<
  NodeKind,
  { w: number; h: number }
>;

const registry = new Map<string, KindSpec>(BUILT_IN_KINDS.map((k) => [k.kind, k]));

/** The table of a known kind; undefined for anything else (a newer build's kind, garbage). */
export function kindSpec(kind: unknown): KindSpec | undefined {
  return typeof kind === 'string' ? registry.get(kind) : undefined;
}

export function isNodeKind(v: unknown): v is NodeKind {
  return kindSpec(v) !== undefined;
}

/** Every known kind's table (built-in ones first). */
export function kindSpecs(): KindSpec[] {
  return [...registry.values()];
}

/** Every [kind, field name, field] of the known kinds. */
export function everyField(): Array<[KindSpec, string, Field]> {
  return kindSpecs().flatMap((s) =>
    Object.entries(s.fields).map(([name, f]): [KindSpec, string, Field] => [s, name, f]),
  );
}

/**
 * Registers a kind at run time (tests and experiments; a real kind goes into BUILT_IN_KINDS so it has
 * a TypeScript type). Returns the function that removes it again. Refuses a kind already known.
 */
export function registerNodeKind(spec: KindSpec): () => void {
  if (registry.has(spec.kind)) throw new Error(`node kind ${spec.kind} is already registered`);
  registry.set(spec.kind, spec);
  return () => {
    if (registry.get(spec.kind) === spec) registry.delete(spec.kind);
  };
}
