// Dragging a card with the whole map mounted must not re-render the cards and edges it does not
// touch: each one costs React work on every frame, and on a 500-node map that was most of the frame.
// The card and edge components are wrapped to count their renders while a card is dragged.
import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import { act } from '@testing-library/react';
import { useStoreApi } from '@xyflow/react';
import { memo, type ComponentType, type NamedExoticComponent } from 'react';
import * as Y from 'yjs';
import { LOCAL_USER, addStage, addTouchpoint, connect, initJourney } from '../../src/model';
import { renderMap } from './renderMap';
import { createJourneyStore } from '../../src/state/journeyStore';

const renders = new Map<string, number>();
const countRenders = (id: string) => renders.set(id, (renders.get(id) ?? 0) + 1);

/** The same component, counting its renders by node or edge id. */
function counted<P extends { id: string }>(component: NamedExoticComponent<P>, prefix: string) {
  const inner = (component as unknown as { type: ComponentType<P> }).type as (props: P) => React.ReactNode;
  return memo(function Counted(props: P) {
    countRenders(`${prefix}:${props.id}`);
    return inner(props);
  });
}

vi.mock('../../src/canvas/nodes/TouchpointNode', async (original) => {
  const module = await original<typeof import('../../src/canvas/nodes/TouchpointNode')>();
  return { ...module, TouchpointNode: counted(module.TouchpointNode, 'node') };
});
const routed = { count: 0 };
vi.mock('../../src/state/edgeRoute', async (original) => {
  const module = await original<typeof import('../../src/state/edgeRoute')>();
  return {
    ...module,
    routeEdge: (...args: Parameters<typeof module.routeEdge>) => {
      routed.count++;
      return module.routeEdge(...args);
    },
  };
});
vi.mock('../../src/canvas/edges/PathEdge', async (original) => {
  const module = await original<typeof import('../../src/canvas/edges/PathEdge')>();
  return { ...module, PathEdge: counted(module.PathEdge, 'edge') };
});

/** Three stages of eight touchpoints, each joined to the next (unless `joined` is false). */
function buildMap(
  doc: Y.Doc,
  joined = true,
): { touchpoints: string[]; edges: { id: string; source: string; target: string }[] } {
  const touchpoints: string[] = [];
  const edges: { id: string; source: string; target: string }[] = [];
  initJourney(doc, { title: 'Drag' }, LOCAL_USER);
  doc.transact(() => {
    for (let s = 0; s < 3; s++) {
      const stageId = addStage(doc, { label: `Stage ${s + 1}` });
      for (let k = 0; k < 8; k++) {
        const id = addTouchpoint(doc, { stageId, label: `Touchpoint ${s * 8 + k + 1}` });
        const previous = touchpoints.at(-1);
        if (previous && joined)
          edges.push({ id: connect(doc, { source: previous, target: id }), source: previous, target: id });
        touchpoints.push(id);
      }
    }
  }, LOCAL_USER);
  return { touchpoints, edges };
}

// d3-drag (React Flow's dragging) reads the event's window, which jsdom's constructor refuses here
function mouse(target: EventTarget, type: string, x: number, y: number): void {
  const event = new MouseEvent(type, { bubbles: true, cancelable: true, button: 0, clientX: x, clientY: y });
  Object.defineProperty(event, 'view', { value: window });
  target.dispatchEvent(event);
}

/** Drags `element` over `frames` pointer moves; `during` runs before the last move is released, `atStart` right after the move that starts the drag. */
/** Lets a few animation frames pass (edges change hands with the still picture a batch a frame). */
const someFrames = () => act(() => new Promise<void>((resolve) => setTimeout(resolve, 100)));

async function drag(element: Element, frames: number, during: () => void, atStart?: () => void): Promise<void> {
  act(() => void mouse(element, 'mousedown', 100, 100));
  act(() => void mouse(window, 'mousemove', 110, 104)); // the drag starts
  atStart?.(); // before any animation frame
  await someFrames();
  renders.clear();
  routed.count = 0;
  for (let frame = 2; frame <= frames; frame++)
    act(() => void mouse(window, 'mousemove', 100 + frame * 7, 100 + frame * 3));
  during();
  act(() => void mouse(window, 'mouseup', 100 + frames * 7, 100 + frames * 3));
  await someFrames();
}

/** React Flow's store, taken from inside the canvas. */
let flowStore: ReturnType<typeof useStoreApi> | null = null;
function FlowProbe() {
  flowStore = useStoreApi();
  return null;
}

function setUp() {
  const doc = new Y.Doc();
  const { touchpoints, edges } = buildMap(doc);
  const view = renderMap({ doc, inFlow: <FlowProbe /> });
  const dragged = touchpoints[9] ?? '';
  const element = view.container.querySelector(`.react-flow__node[data-id="${dragged}"]`);
  if (!element) throw new Error('the dragged card is not mounted');
  expect(view.container.querySelectorAll('.react-flow__node-touchpoint')).toHaveLength(touchpoints.length);
  const own = edges.filter((edge) => edge.source === dragged || edge.target === dragged).map((edge) => edge.id);
  expect(own).toHaveLength(2);
  const pathOf = (id: string) =>
    view.container.querySelector(`.react-flow__edge[data-id="${id}"] path.path-edge`)?.getAttribute('d') ?? '';
  return { ...view, dragged, element: element as HTMLElement, own, pathOf };
}

// the pane's box (jsdom has none): without it React Flow would auto-pan as if the pointer held at
// the edge of the pane, moving the view (and the dragged card) while a test waits for frames
let paneBox: MockInstance<() => DOMRect> | null = null;
beforeEach(() => {
  const real = Element.prototype.getBoundingClientRect;
  paneBox = vi.spyOn(Element.prototype, 'getBoundingClientRect').mockImplementation(function (this: Element) {
    return this.classList.contains('react-flow')
      ? ({ x: 0, y: 0, left: 0, top: 0, width: 1400, height: 900, right: 1400, bottom: 900 } as DOMRect)
      : real.call(this);
  });
});
afterEach(() => paneBox?.mockRestore());

describe('dragging a card', () => {
  it('costs no view-store subscription per edge (a drag frame changes that store)', () => {
    const subscriptions = (joined: boolean) => {
      const doc = new Y.Doc();
      buildMap(doc, joined);
      const store = createJourneyStore(doc);
      const subscribe = store.subscribe;
      let live = 0;
      store.subscribe = (listener) => {
        live++;
        const unsubscribe = subscribe(listener);
        return () => {
          live--;
          unsubscribe();
        };
      };
      const view = renderMap({ doc, store });
      expect(view.container.querySelectorAll('.react-flow__edge')).toHaveLength(joined ? 23 : 0);
      const count = live;
      view.unmount();
      return count;
    };
    expect(subscriptions(true)).toBe(subscriptions(false));
  });

  it('re-renders only the dragged card and its own edges, frame after frame', async () => {
    const { dragged, element, own } = setUp();
    const before = element.style.transform;
    const frames = 12;
    let moved = '';
    let counts = new Map<string, number>();
    await drag(element, frames, () => {
      moved = element.style.transform;
      counts = new Map(renders);
    });

    // the card moved on screen: the drag really ran, frame by frame
    expect(moved).not.toBe(before);
    expect(counts.get(`node:${dragged}`)).toBeGreaterThanOrEqual(frames - 1);
    const ownKeys = new Set(own.map((id) => `edge:${id}`));
    const others = [...counts.keys()].filter((id) => id !== `node:${dragged}` && !ownKeys.has(id));
    expect(others).toEqual([]);
  });

  it('with the whole map in view, draws its edges as plain steps while dragging and routes them on the drop', async () => {
    const { container, element, own, pathOf } = setUp();
    // zoomed out as Fit does on a big map (set in the store: jsdom cannot run d3-zoom's transitions)
    act(() => flowStore?.setState({ transform: [0, 0, 0.3] }));
    expect(container.querySelector('.canvas.is-far')).not.toBeNull();
    const edgeIds = () =>
      [...container.querySelectorAll('.react-flow__edge')].map((edge) => edge.getAttribute('data-id'));
    const all = edgeIds();
    expect(all).toHaveLength(23);
    const still = all.filter((id) => !own.includes(id ?? ''));
    const pathsBefore = new Map(all.map((id) => [id, pathOf(id ?? '')]));

    let during = { routed: -1, moving: [] as string[], mounted: [] as (string | null)[], picture: [] as string[] };
    await drag(element, 12, () => {
      during = {
        routed: routed.count,
        moving: own.map(pathOf),
        mounted: edgeIds(),
        picture: [...container.querySelectorAll('[data-testid="still-edges"] path')].map(
          (path) => path.getAttribute('d') ?? '',
        ),
      };
    });

    expect(during.routed).toBe(0);
    // each moving edge followed the card (a new path every frame), drawn as a step of at most 5 corners
    during.moving.forEach((path, i) => {
      expect(path).not.toBe(pathsBefore.get(own[i] ?? ''));
      expect(path.split(/[LQ]/).length).toBeLessThanOrEqual(12);
    });
    // only the moving edges are React Flow's; the others are one still picture, drawn where they were
    expect(during.mounted.sort()).toEqual([...own].sort());
    expect(during.picture.sort()).toEqual(still.map((id) => pathsBefore.get(id)).sort());
    // the drop mounts every edge again and routes the moving ones, not all of them
    expect(edgeIds().sort()).toEqual([...all].sort());
    expect(container.querySelector('[data-testid="still-edges"]')).toBeNull();
    expect(routed.count).toBeGreaterThanOrEqual(own.length);
    expect(routed.count).toBeLessThan(all.length);
  });

  it('with the whole map in view, hands the still edges to the picture in the render that starts the drag', async () => {
    const { container, element, own } = setUp();
    act(() => flowStore?.setState({ transform: [0, 0, 0.3] }));
    const edgeIds = () =>
      [...container.querySelectorAll('.react-flow__edge')].map((edge) => edge.getAttribute('data-id') ?? '');
    const all = edgeIds();
    let atStart = { mounted: [] as string[], pictured: -1 };
    await drag(
      element,
      4,
      () => undefined,
      () => {
        atStart = {
          mounted: edgeIds(),
          pictured: container.querySelectorAll('[data-testid="still-edges"] path').length,
        };
      },
    );
    // not a batch per animation frame: each batch was a render, a commit and a layering of its own
    expect(atStart.mounted.sort()).toEqual([...own].sort());
    expect(atStart.pictured).toBe(all.length - own.length);
    expect(edgeIds().sort()).toEqual([...all].sort());
  });

  it('with the whole map in view, keeps the edges of the cards a dragged stage carries live', async () => {
    const { container } = setUp();
    act(() => flowStore?.setState({ transform: [0, 0, 0.3] }));
    const stage = container.querySelector('.react-flow__node-stage');
    const handle = stage?.querySelector('.stage-drag-handle');
    if (!stage || !handle) throw new Error('no stage to drag');
    const cards = new Set(
      [...container.querySelectorAll('.react-flow__node-touchpoint')]
        .filter(
          (node) =>
            flowStore?.getState().nodeLookup.get(node.getAttribute('data-id') ?? '')?.parentId ===
            stage.getAttribute('data-id'),
        )
        .map((node) => node.getAttribute('data-id')),
    );
    expect(cards.size).toBe(8);
    let mounted = 0;
    await drag(handle, 6, () => {
      mounted = container.querySelectorAll('.react-flow__edge').length;
    });
    // the stage's eight cards: seven edges between them and one to the next stage
    expect(mounted).toBe(8);
  });

  it('shows a still copy of the overview map while dragging (the live one, unmounted, runs no selector per node)', async () => {
    const { container, element } = setUp();
    const overview = () => container.querySelector('.react-flow__minimap');
    const live = overview();
    expect(live?.outerHTML).toContain('react-flow__minimap-mask');

    let during = { count: 0, overview: null as Element | null };
    await drag(element, 6, () => {
      during = { count: container.querySelectorAll('.react-flow__minimap').length, overview: overview() };
    });

    // the same picture, and only it: the live map is not in the page
    expect(during.count).toBe(1);
    expect(during.overview).not.toBe(live);
    // (taken a frame into the drag: the dragged card may have moved by then)
    expect(during.overview?.outerHTML).toContain('react-flow__minimap-mask');
    expect(during.overview?.className).toBe(live?.className);
    // the live map is back after the drop
    expect(container.querySelectorAll('.react-flow__minimap')).toHaveLength(1);
    expect(overview()).not.toBe(during.overview);
    expect(overview()?.outerHTML).toContain('react-flow__minimap-mask');
  });
});
