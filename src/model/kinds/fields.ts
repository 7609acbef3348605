// The vocabulary of a node kind's field table. Each kind (kinds/<kind>.ts) lists its own fields with
// one of these types; reading a node (convert.ts), checking and importing a journey file (exchange/),
// repairing a merge (integrity.ts, integrity-trigger.ts) and removing nodes (commands/node.ts) all
// work from the tables, so a kind is declared once.

/** Free text. `min: 1` refuses empty text in a file; `fallbackToLabel` reads a missing value as the label. */
export interface TextField {
  type: 'text';
  max: number;
  min?: 0 | 1;
  fallbackToLabel?: true;
  /** A further check for files (the owner's e-mail); empty text always passes. */
  pattern?: { re: RegExp; message: string };
}
/** A #rrggbb colour (`fallback` when missing or odd). */
export interface ColorField {
  type: 'color';
  fallback: string;
}
/** A Y.Array of short texts (each ≤ LIMITS.listItemMax). */
export interface ListField {
  type: 'list';
}
export interface EnumField {
  type: 'enum';
  values: readonly string[];
  fallback: string;
}
export interface NumberField {
  type: 'number';
  min: number;
  max: number;
  integer: boolean;
  fallback: number;
}
/**
 * The id of a node of kind `target`, or null. `frame`: the node's x,y are relative to the target
 * stage's column, so removing the target converts them to absolute.
 */
export interface RefField {
  type: 'ref';
  target: string;
  frame?: true;
}
/** A Y.Array of ids of nodes of kind `target`, each once. */
export interface RefsField {
  type: 'refs';
  target: string;
}
/**
 * A Y.Map from ids of nodes of kind `target` to one value each, checked as `value` says (a persona's
 * weight per need, its preference per channel). Keyed by id, so two people setting different
 * entries merge; an entry naming no such node is dropped by repair and by removeNodes.
 */
export interface RefMapField {
  type: 'refMap';
  target: string;
  value: EnumField | NumberField;
}
/** The id (sha-256) of one of the node's own media; optional: absent means none. */
export interface MediaIdField {
  type: 'mediaId';
  optional: true;
}

export type Field =
  TextField | ColorField | ListField | EnumField | NumberField | RefField | RefsField | RefMapField | MediaIdField;

/** Shared types a node of the kind always carries (created with it, also on import). */
export type SharedPart = 'notes' | 'media' | 'metrics';

export interface KindSpec {
  kind: string;
  /** Default size; a kind with `zeroHeight` may have h = 0 (a stage's height is the canvas's). */
  size: { readonly w: number; readonly h: number };
  zeroHeight?: boolean;
  shared?: readonly SharedPart[];
  fields: Readonly<Record<string, Field>>;
}

/** Declares a kind; keeps its literal types so the node's TypeScript type derives from the table. */
export function defineKind<const S extends KindSpec>(spec: S): S {
  return spec;
}

/** The fields every node has, whatever its kind. */
export interface NodeCommon {
  id: string;
  label: string;
  /** Touchpoints with a stageId: relative to their stage column's top-left. Others: absolute. */
  x: number;
  y: number;
  w: number;
  h: number;
}
/** Map keys every node may hold besides its kind's fields. */
export const COMMON_KEYS = ['kind', 'label', 'x', 'y', 'w', 'h', 'notes', 'media', 'metrics'] as const;

type ValueOf<F> = F extends { type: 'enum'; values: readonly (infer V)[] }
  ? V
  : F extends { type: 'text' | 'color' | 'mediaId' }
    ? string
    : F extends { type: 'list' | 'refs' }
      ? string[]
      : F extends { type: 'number' }
        ? number
        : F extends { type: 'ref' }
          ? string | null
          : F extends { type: 'refMap'; value: infer V }
            ? Readonly<Record<string, ValueOf<V>>>
            : never;

type Simplify<T> = { [K in keyof T]: T[K] } & {};
type Required<Fs> = { -readonly [K in keyof Fs as Fs[K] extends { optional: true } ? never : K]: ValueOf<Fs[K]> };
type Optional<Fs> = { -readonly [K in keyof Fs as Fs[K] extends { optional: true } ? K : never]?: ValueOf<Fs[K]> };

/** A plain, read-only snapshot of a node of kind S (what queries return). */
export type NodeOf<S extends KindSpec> = Simplify<
  NodeCommon & { kind: S['kind'] } & Required<S['fields']> & Optional<S['fields']>
>;
