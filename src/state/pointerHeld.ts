// Values that wait for the end of a press. A press on a card selects it as a drag starts; the
// inspector follows the selection once the press ends, so opening it (the sidebar takes 360 px from
// the canvas, which then draws every card again, and the inspector mounts its fields and note
// editor) never lands in the first frames of a drag. A press alone re-renders nothing: only a value
// that changed while the button was down waits for its release.
import { useEffect, useState } from 'react';

let held = false;
let listening = false;
const onRelease = new Set<() => void>();

function release(): void {
  held = false;
  const waiting = [...onRelease];
  onRelease.clear();
  for (const run of waiting) run();
}

/** Tracks the primary button from the first use on (the listeners stay: four cheap handlers). */
function listen(): void {
  if (listening || typeof window === 'undefined') return;
  listening = true;
  window.addEventListener('pointerdown', (event) => void (held = event.isPrimary && event.button === 0), true);
  window.addEventListener('pointerup', release, true);
  window.addEventListener('pointercancel', release, true);
  window.addEventListener('blur', release);
}

/** `value`, except that a change made while the primary pointer button is down shows once it is released. */
export function useAfterPress<T>(value: T): T {
  const [shown, setShown] = useState(value);
  useEffect(() => {
    listen();
    if (Object.is(shown, value)) return;
    if (!held) {
      setShown(value);
      return;
    }
    const show = () => setShown(value);
    onRelease.add(show);
    return () => void onRelease.delete(show);
  }, [value, shown]);
  return shown;
}
