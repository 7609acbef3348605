// Presence over Yjs awareness: who is here (name, colour), where their pointer and viewport are,
// and what they have selected or are editing. Ephemeral: never written to the document.
import type { Awareness } from 'y-protocols/awareness';

export interface PresenceUser {
  id: string;
  name: string;
  color: string;
}

export interface PeerState {
  clientId: number;
  user: PresenceUser;
  /** Pointer in flow coordinates, or null when outside the canvas. */
  cursor: { x: number; y: number } | null;
  selection: string[];
  viewport: { x: number; y: number; zoom: number } | null;
  /**
   * Nodes this person is dragging right now, with their positions as drawn (the doc gets the final
   * position once, on drop): others see the drag live without a document write per frame.
   */
  drag: LiveDrag | null;
  /** The node whose label this person is typing right now, or null. */
  renaming: string | null;
}

/** Node id → [x, y], in the node's own (parent-relative) coordinates, as React Flow positions it. */
export type LiveDrag = Readonly<Record<string, readonly [number, number]>>;

/** The most nodes one drag may announce (a bigger selection moves without the live preview). */
export const LIVE_DRAG_MAX = 200;

function readDrag(value: unknown): LiveDrag | null {
  if (!value || typeof value !== 'object') return null;
  const drag: Record<string, readonly [number, number]> = {};
  let count = 0;
  for (const [id, position] of Object.entries(value as Record<string, unknown>)) {
    if (++count > LIVE_DRAG_MAX) break;
    if (
      Array.isArray(position) &&
      position.length === 2 &&
      position.every((n) => typeof n === 'number' && Number.isFinite(n))
    ) {
      drag[id] = [position[0] as number, position[1] as number];
    }
  }
  return count > 0 ? drag : null;
}

/** Control, line-break and bidi-override characters: a name is one plain line of text. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE_NAME_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]+/g;

/** A peer's display name: one line, no control characters, at most 60 characters. */
export function cleanPresenceName(name: string): string {
  return name.replace(UNSAFE_NAME_CHARACTERS, ' ').trim().slice(0, 60);
}

function isUser(value: unknown): value is PresenceUser {
  const user = value as PresenceUser | null;
  return Boolean(user && typeof user.name === 'string'); // a colour that is not #rrggbb is dropped by the server: grey here
}

/** The other people on the map, one entry per browser tab, validated (awareness is untrusted input). */
export function readPeers(awareness: Awareness): PeerState[] {
  const peers: PeerState[] = [];
  awareness.getStates().forEach((state, clientId) => {
    if (clientId === awareness.clientID || !isUser(state.user)) return;
    // 'pointer', not 'cursor': Tiptap's collaboration caret owns the awareness field 'cursor'.
    const cursor = state.pointer as PeerState['cursor'];
    const viewport = state.viewport as PeerState['viewport'];
    peers.push({
      clientId,
      user: {
        id: String(state.user.id ?? clientId),
        name: cleanPresenceName(state.user.name),
        color:
          typeof state.user.color === 'string' && /^#[0-9a-f]{6}$/i.test(state.user.color)
            ? state.user.color
            : '#6b7280',
      },
      cursor: cursor && Number.isFinite(cursor.x) && Number.isFinite(cursor.y) ? { x: cursor.x, y: cursor.y } : null,
      selection: Array.isArray(state.selection)
        ? (state.selection as unknown[]).filter((id): id is string => typeof id === 'string').slice(0, 200)
        : [],
      viewport: viewport && [viewport.x, viewport.y, viewport.zoom].every(Number.isFinite) ? viewport : null,
      drag: readDrag(state.drag),
      renaming: typeof state.renaming === 'string' && state.renaming.length <= 64 ? state.renaming : null,
    });
  });
  return peers.sort((a, b) => a.user.name.localeCompare(b.user.name) || a.clientId - b.clientId);
}

/** Calls `fn` at most once per `ms`, always with the latest arguments (a trailing call is kept). */
export function throttle<A extends unknown[]>(
  fn: (...args: A) => void,
  ms: number,
): ((...args: A) => void) & { cancel(): void } {
  let last = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let pending: A | null = null;
  const run = () => {
    timer = null;
    last = Date.now();
    if (pending) fn(...pending);
    pending = null;
  };
  const throttled = (...args: A) => {
    pending = args;
    const wait = ms - (Date.now() - last);
    if (wait <= 0 && !timer) run();
    else timer ??= setTimeout(run, Math.max(0, wait));
  };
  throttled.cancel = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    pending = null;
  };
  return throttled;
}
