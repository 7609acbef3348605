// Presence (awareness states) is untrusted input relayed to every browser on the map: each state is
// checked here before it is applied or relayed. The fields the app reads are reduced to their
// expected types and lengths (a name is one line without control characters, a colour is #rrggbb,
// ids are model ids); a field that fails is dropped, a state that is not an object is dropped. Other
// fields stay opaque (stock clients add their own) and count towards the size bound.
import { isValidId } from '../../src/model';

/** Per connection: client ids it may speak for, and the size of one state (UTF-8 JSON). */
export interface PresenceLimits {
  idsPerConnection: number;
  stateBytes: number;
}

/** A browser tab speaks for one client id; reconnects and tests a few more. */
export const PRESENCE_IDS_PER_CONNECTION = 16;
/** A drag of 200 nodes with a selection of 200 takes about 35 KB; nothing the app sends is larger. */
export const PRESENCE_STATE_BYTES = 64 * 1024;

export const DEFAULT_PRESENCE_LIMITS: PresenceLimits = {
  idsPerConnection: PRESENCE_IDS_PER_CONNECTION,
  stateBytes: PRESENCE_STATE_BYTES,
};

const NAME_MAX = 60;
const USER_ID_MAX = 64;
/** As the client reads them (src/sync/presence.ts): more selected or dragged nodes are not shown. */
const SELECTION_MAX = 200;
const DRAG_MAX = 200;
const TYPE_NAME_MAX = 200;
const COLOR = /^#[0-9a-fA-F]{6}$/;
/** Control, line-break and bidi-override characters. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE_NAME_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]+/g;

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const isFiniteNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);
const isCount = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;

/** One line of at most 60 characters, without control or bidi characters. */
export function cleanName(name: string): string {
  return name.replace(UNSAFE_NAME_CHARACTERS, ' ').trim().slice(0, NAME_MAX);
}

function user(value: unknown): Json | undefined {
  if (!isObject(value) || typeof value.name !== 'string') return undefined;
  const clean: Json = { name: cleanName(value.name) };
  if (typeof value.color === 'string' && COLOR.test(value.color)) clean.color = value.color;
  if (typeof value.id === 'string' && value.id.length <= USER_ID_MAX) clean.id = value.id;
  return clean;
}

function point<K extends string>(value: unknown, keys: readonly K[]): Record<K, number> | null | undefined {
  if (value === null) return null;
  if (!isObject(value) || !keys.every((k) => isFiniteNumber(value[k]))) return undefined;
  return Object.fromEntries(keys.map((k) => [k, value[k]])) as Record<K, number>;
}

function selection(value: unknown): string[] | undefined {
  if (!Array.isArray(value)) return undefined;
  return value.filter(isValidId).slice(0, SELECTION_MAX);
}

function drag(value: unknown): Json | null | undefined {
  if (value === null) return null;
  if (!isObject(value)) return undefined;
  const clean: Json = Object.create(null) as Json; // an id may be "__proto__"
  let count = 0;
  for (const [id, position] of Object.entries(value)) {
    if (count >= DRAG_MAX) break;
    if (isValidId(id) && Array.isArray(position) && position.length === 2 && position.every(isFiniteNumber)) {
      clean[id] = [position[0], position[1]];
      count++;
    }
  }
  return clean;
}

/** A Yjs relative position as JSON (Tiptap's collaboration caret): `{ type, tname, item, assoc }`. */
function relativePosition(value: unknown): Json | undefined {
  if (!isObject(value)) return undefined;
  const id = (v: unknown): Json | null | undefined => {
    if (v === undefined || v === null) return null;
    return isObject(v) && isCount(v.client) && isCount(v.clock) ? { client: v.client, clock: v.clock } : undefined;
  };
  const type = id(value.type);
  const item = id(value.item);
  const tname =
    value.tname === undefined || value.tname === null
      ? null
      : typeof value.tname === 'string' && value.tname.length <= TYPE_NAME_MAX
        ? value.tname
        : undefined;
  const assoc = value.assoc === undefined ? 0 : Number.isSafeInteger(value.assoc) ? value.assoc : undefined;
  if (type === undefined || item === undefined || tname === undefined || assoc === undefined) return undefined;
  return { type, tname, item, assoc };
}

function caret(value: unknown): Json | null | undefined {
  if (value === null) return null;
  if (!isObject(value)) return undefined;
  const anchor = relativePosition(value.anchor);
  const head = relativePosition(value.head);
  return anchor && head ? { anchor, head } : undefined;
}

/** The checks of the fields the app reads; a field whose check answers undefined is dropped. */
const FIELDS: Record<string, (value: unknown) => unknown> = {
  user,
  pointer: (value) => point(value, ['x', 'y'] as const),
  viewport: (value) => point(value, ['x', 'y', 'zoom'] as const),
  selection,
  drag,
  cursor: caret,
  // the node whose label the person is typing: a model id or nothing
  renaming: (value) => (value === null ? null : isValidId(value) ? value : undefined),
};

/** The state to apply and relay, or null when it is not a presence state at all (then it is dropped). */
export function sanitizePresence(state: unknown): Json | null {
  if (!isObject(state)) return null;
  const clean: Json = Object.create(null) as Json; // JSON.parse makes "__proto__" an own key

  for (const [field, value] of Object.entries(state)) {
    const check = FIELDS[field];
    if (!check) {
      clean[field] = value;
      continue;
    }
    const checked = check(value);
    if (checked !== undefined) clean[field] = checked;
  }
  return clean;
}

/**
 * A signed-in member's presence carries their real name, whatever the client sent: the name others
 * see is the account's, not a self-declared one (guests with keys keep the name they typed).
 */
function withMemberName(state: Json, memberName: string): Json {
  const given = isObject(state.user) ? state.user : {};
  state.user = { ...given, name: cleanName(memberName) };
  return state;
}

/** A connection announced more client ids than it may speak for. */
export class TooManyPresenceIds extends Error {
  constructor(readonly ids: number) {
    super(`${ids} presence client ids on one connection`);
    this.name = 'TooManyPresenceIds';
  }
}

/** What the room holds of a client id (y-protocols' Awareness has both maps). */
export interface KnownPresence {
  readonly states: ReadonlyMap<number, unknown>;
  readonly meta: ReadonlyMap<number, { clock: number }>;
}

/**
 * The entries of one awareness message that may be applied: states sanitised, states that are not
 * objects dropped, removals of client ids the room does not hold dropped (they would only grow its
 * clock table). Throws TooManyPresenceIds when the connection would speak for more client ids than
 * `limits.idsPerConnection` (`owned`: the ids it speaks for now). `memberName`: the connection is a
 * member's, whose states get that name.
 */
export function admitPresence(
  entries: readonly { clientId: number; clock: number; state: unknown }[],
  owned: ReadonlySet<number>,
  known: KnownPresence,
  limits: PresenceLimits,
  memberName?: string,
): { clientId: number; clock: number; state: unknown }[] {
  const admitted: { clientId: number; clock: number; state: unknown }[] = [];
  const added = new Set<number>();
  for (const entry of entries) {
    if (entry.state === null) {
      if (known.states.has(entry.clientId)) admitted.push(entry);
      continue;
    }
    const sanitized = sanitizePresence(entry.state);
    if (!sanitized) continue;
    const clock = known.meta.get(entry.clientId)?.clock ?? -1;
    // echoes of other clients' states (not newer than the room's) keep their own names
    const own = entry.clock > clock || owned.has(entry.clientId);
    const state = memberName !== undefined && own ? withMemberName(sanitized, memberName) : sanitized;
    // an echo of someone else's state (same clock) is not applied, so it claims nothing
    if (entry.clock > clock && !owned.has(entry.clientId)) added.add(entry.clientId);
    admitted.push({ clientId: entry.clientId, clock: entry.clock, state });
  }
  if (owned.size + added.size > limits.idsPerConnection) throw new TooManyPresenceIds(owned.size + added.size);
  return admitted;
}
