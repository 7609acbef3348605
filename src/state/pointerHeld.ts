// Whether a pointer button is held down on the page, and values that wait for its release. A press
// on a card selects it as a drag starts; the inspector follows the selection once the press ends, so
// opening it (the sidebar takes 360 px from the canvas, which then draws every card again, and the
// inspector mounts its fields and note editor) never lands in the first frames of a drag.
import { useState, useSyncExternalStore } from 'react';

let held = false;
const listeners = new Set<() => void>();

function setHeld(now: boolean): void {
  if (held === now) return;
  held = now;
  for (const listener of listeners) listener();
}

const press = (event: PointerEvent) => setHeld(event.isPrimary && event.button === 0);
const release = () => setHeld(false);

function subscribe(listener: () => void): () => void {
  if (listeners.size === 0 && typeof window !== 'undefined') {
    window.addEventListener('pointerdown', press, true);
    window.addEventListener('pointerup', release, true);
    window.addEventListener('pointercancel', release, true);
    window.addEventListener('blur', release);
  }
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
    if (listeners.size > 0 || typeof window === 'undefined') return;
    window.removeEventListener('pointerdown', press, true);
    window.removeEventListener('pointerup', release, true);
    window.removeEventListener('pointercancel', release, true);
    window.removeEventListener('blur', release);
    held = false;
  };
}

/** Whether the primary pointer button is down now. */
export function usePointerHeld(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => held,
    () => false,
  );
}

/** `value`, except that while the primary pointer button is down it stays what it was at the press. */
export function useAfterPress<T>(value: T): T {
  const pressed = usePointerHeld();
  const [kept, setKept] = useState(value);
  if (!pressed && kept !== value) setKept(value);
  return pressed ? kept : value;
}
