// The note editor's view of the map's awareness: only what its carets read (each person's `cursor`
// and `user`). Tiptap's caret plugin redraws its decorations on every awareness change, and a drag
// or a pointer move changes awareness every frame: through the full awareness, one open note cost
// ~7 % of a drag's main thread. This view passes reads and writes through and announces a change
// only when someone's caret or name/colour changed, or someone came or went.
import type { Awareness } from 'y-protocols/awareness';

type Listener = (changes: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => void;

/** The fields the caret plugins read. */
const CARET_FIELDS = ['cursor', 'user'] as const;

function caretSignature(state: Record<string, unknown> | undefined): string {
  if (!state) return '';
  return JSON.stringify(CARET_FIELDS.map((field) => state[field] ?? null));
}

export interface CaretAwareness {
  readonly clientID: number;
  readonly doc: Awareness['doc'];
  readonly states: Awareness['states'];
  getStates(): Awareness['states'];
  getLocalState(): Record<string, unknown> | null;
  setLocalStateField(field: string, value: unknown): void;
  on(event: 'change' | 'update', listener: Listener): void;
  off(event: 'change' | 'update', listener: Listener): void;
}

export function caretAwareness(awareness: Awareness): CaretAwareness {
  const listeners = { change: new Set<Listener>(), update: new Set<Listener>() };
  const seen = new Map<number, string>();
  const relevant = (changes: { added: number[]; updated: number[]; removed: number[] }) => {
    let changed = changes.added.length > 0 || changes.removed.length > 0;
    for (const id of changes.removed) seen.delete(id);
    for (const id of [...changes.added, ...changes.updated]) {
      const signature = caretSignature(awareness.getStates().get(id));
      if (seen.get(id) !== signature) changed = true;
      seen.set(id, signature);
    }
    return changed;
  };
  const onChange: Listener = (changes, origin) => {
    if (!relevant(changes)) return;
    for (const listener of [...listeners.change]) listener(changes, origin);
    for (const listener of [...listeners.update]) listener(changes, origin);
  };
  // listens to the map's awareness only while the editor's plugins listen here (they unsubscribe
  // when the editor is destroyed), so nothing is left subscribed after the note closes
  const count = () => listeners.change.size + listeners.update.size;
  const subscribe = (event: 'change' | 'update', listener: Listener) => {
    if (count() === 0) {
      seen.clear();
      for (const [id, state] of awareness.getStates()) seen.set(id, caretSignature(state));
      awareness.on('change', onChange);
    }
    listeners[event].add(listener);
  };
  const unsubscribe = (event: 'change' | 'update', listener: Listener) => {
    const had = count() > 0;
    listeners[event].delete(listener);
    if (had && count() === 0) awareness.off('change', onChange);
  };
  return {
    get clientID() {
      return awareness.clientID;
    },
    get doc() {
      return awareness.doc;
    },
    get states() {
      return awareness.states;
    },
    getStates: () => awareness.getStates(),
    getLocalState: () => awareness.getLocalState(),
    setLocalStateField: (field, value) => awareness.setLocalStateField(field, value),
    on: subscribe,
    off: unsubscribe,
  };
}
