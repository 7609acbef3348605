// Code that runs inside the page (through playwright's addInitScript / evaluate): the
// open-to-interactive probe and the frame recorder. Plain functions of their arguments only.

/** tsx keeps function names with a `__name` helper that the page lacks: give it one. */
export const NAME_SHIM = 'globalThis.__name = globalThis.__name || ((f) => f);';

export interface OpenProbe {
  /** performance.now() (ms since navigation start) of the first frame with any flow node. */
  firstNode: number | null;
  /** First frame where the sync status said connected. */
  connected: number | null;
  /** First frame where every expected node was in the DOM and measured (visible). */
  rendered: number | null;
  /** First frame where a click on a node had selected it. */
  interactive: number | null;
  clicks: number;
  error: string | null;
}

/**
 * Installed before navigation. Every animation frame it checks that every node of `ids` is in the
 * DOM and visible (React Flow hides a node until it is measured); from then on it clicks the node
 * `clickId` (a click event at its centre, as React Flow's node wrapper handles it) until the node
 * shows as selected: that frame is "interactive". With `visibleOnly` (an app that mounts only the
 * nodes in view), "rendered" is: the clicked node and every other node in the DOM are measured.
 */
export function installOpenProbe(args: { ids: string[]; clickId: string; visibleOnly?: boolean }): void {
  const want = new Set(args.ids);
  const state: OpenProbe = {
    firstNode: null,
    connected: null,
    rendered: null,
    interactive: null,
    clicks: 0,
    error: null,
  };
  (window as unknown as { __percorsoOpen: OpenProbe }).__percorsoOpen = state;
  const tick = () => {
    try {
      const now = performance.now();
      if (
        state.connected === null &&
        document.querySelector('[data-testid="connection-status"][data-status="connected"]')
      )
        state.connected = now;
      if (state.rendered === null) {
        const nodes = document.querySelectorAll<HTMLElement>('.react-flow__node');
        if (nodes.length > 0 && state.firstNode === null) state.firstNode = now;
        let visible = 0;
        let present = 0;
        let target = false;
        nodes.forEach((el) => {
          if (!want.has(el.dataset.id ?? '')) return;
          present++;
          if (el.style.visibility === 'hidden') return;
          visible++;
          if (el.dataset.id === args.clickId) target = true;
        });
        if (args.visibleOnly ? target && visible === present : visible >= want.size) state.rendered = now;
      }
      if (state.rendered !== null) {
        const target = document.querySelector<HTMLElement>(`.react-flow__node[data-id="${args.clickId}"]`);
        if (target?.classList.contains('selected')) {
          state.interactive = now;
          return;
        }
        if (target) {
          const box = target.getBoundingClientRect();
          target.dispatchEvent(
            new MouseEvent('click', {
              bubbles: true,
              cancelable: true,
              view: window,
              button: 0,
              clientX: box.x + box.width / 2,
              clientY: box.y + box.height / 2,
            }),
          );
          state.clicks++;
        }
      }
    } catch (err) {
      state.error = String(err);
      return;
    }
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}

export interface FrameLog {
  frames: number[];
  pointerDown: number | null;
  pointerUp: number | null;
  pointerMoves: number;
  /** React Flow's mounted edges at each frame (what a drag hands to the still picture, and when). */
  edges: number[];
}

/** Records every animation frame's time and the pointer events of a drag, until stopFrames(). */
export function startFrames(): void {
  const log: FrameLog & { recording: boolean } = {
    frames: [],
    pointerDown: null,
    pointerUp: null,
    pointerMoves: 0,
    edges: [],
    recording: true,
  };
  const mountedEdges = document.getElementsByClassName('react-flow__edge');
  (window as unknown as { __percorsoFrames: typeof log }).__percorsoFrames = log;
  const loop = (t: number) => {
    log.frames.push(t);
    log.edges.push(mountedEdges.length);
    if (log.recording) requestAnimationFrame(loop);
  };
  requestAnimationFrame(loop);
  // the listeners are added once per page, at the first recording (the idle one, before the drag):
  // Chromium repaints the whole page after new input listeners, which must not land in the drag
  type Current = { __percorsoFrames: typeof log; __percorsoFrameListeners?: boolean };
  const page = window as unknown as Current;
  if (page.__percorsoFrameListeners) return;
  page.__percorsoFrameListeners = true;
  const current = () => page.__percorsoFrames;
  window.addEventListener('pointerdown', () => void (current().pointerDown ??= performance.now()), true);
  window.addEventListener('pointerup', () => void (current().pointerUp ??= performance.now()), true);
  window.addEventListener(
    'pointermove',
    () => {
      const now = current();
      if (now.pointerDown !== null && now.pointerUp === null) now.pointerMoves++;
    },
    true,
  );
}

export function stopFrames(): FrameLog {
  const log = (window as unknown as { __percorsoFrames: FrameLog & { recording: boolean } }).__percorsoFrames;
  log.recording = false;
  return {
    frames: log.frames,
    pointerDown: log.pointerDown,
    pointerUp: log.pointerUp,
    pointerMoves: log.pointerMoves,
    edges: log.edges,
  };
}

/** Size on the wire and decoded of every script the page loaded. */
export function scriptSizes(): {
  name: string;
  transferSize: number;
  encodedBodySize: number;
  decodedBodySize: number;
}[] {
  return (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
    .filter((entry) => entry.name.endsWith('.js'))
    .map((entry) => ({
      name: new URL(entry.name).pathname,
      transferSize: entry.transferSize,
      encodedBodySize: entry.encodedBodySize,
      decodedBodySize: entry.decodedBodySize,
    }));
}

/** The touchpoint nearest the middle of the canvas whose centre is on screen and not covered. */
export function pickDraggable(ids: string[]): string | null {
  const pane = document.querySelector('.react-flow')?.getBoundingClientRect();
  if (!pane) return null;
  const mid = { x: pane.x + pane.width / 2, y: pane.y + pane.height / 2 };
  let best: { id: string; distance: number } | null = null;
  for (const id of ids) {
    const el = document.querySelector(`.react-flow__node[data-id="${id}"]`);
    if (!el) continue;
    const box = el.getBoundingClientRect();
    const x = box.x + box.width / 2;
    const y = box.y + box.height / 2;
    if (x < pane.x + 200 || x > pane.right - 200 || y < pane.y + 120 || y > pane.bottom - 120) continue;
    if (document.elementFromPoint(x, y)?.closest('.react-flow__node') !== el) continue;
    const distance = Math.hypot(x - mid.x, y - mid.y);
    if (!best || distance < best.distance) best = { id, distance };
  }
  return best?.id ?? null;
}
