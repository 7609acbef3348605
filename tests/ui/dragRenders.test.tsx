// Dragging a card with the whole map mounted must not re-render the cards and edges it does not
// touch: each one costs React work on every frame, and on a 500-node map that was most of the frame.
// The card and edge components are wrapped to count their renders while a card is dragged.
import { describe, expect, it, vi } from 'vitest';
import { act } from '@testing-library/react';
import { memo, type ComponentType, type NamedExoticComponent } from 'react';
import * as Y from 'yjs';
import { LOCAL_USER, addStage, addTouchpoint, connect, initJourney } from '../../src/model';
import { renderMap } from './renderMap';

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
vi.mock('../../src/canvas/edges/PathEdge', async (original) => {
  const module = await original<typeof import('../../src/canvas/edges/PathEdge')>();
  return { ...module, PathEdge: counted(module.PathEdge, 'edge') };
});

/** Three stages of eight touchpoints, each joined to the next. */
function buildMap(doc: Y.Doc): { touchpoints: string[]; edges: { id: string; source: string; target: string }[] } {
  const touchpoints: string[] = [];
  const edges: { id: string; source: string; target: string }[] = [];
  initJourney(doc, { title: 'Drag' }, LOCAL_USER);
  doc.transact(() => {
    for (let s = 0; s < 3; s++) {
      const stageId = addStage(doc, { label: `Stage ${s + 1}` });
      for (let k = 0; k < 8; k++) {
        const id = addTouchpoint(doc, { stageId, label: `Touchpoint ${s * 8 + k + 1}` });
        const previous = touchpoints.at(-1);
        if (previous) edges.push({ id: connect(doc, { source: previous, target: id }), source: previous, target: id });
        touchpoints.push(id);
      }
    }
  }, LOCAL_USER);
  return { touchpoints, edges };
}

describe('dragging a card', () => {
  it('re-renders only the dragged card and its own edges, frame after frame', () => {
    const doc = new Y.Doc();
    const { touchpoints, edges } = buildMap(doc);
    const { container } = renderMap({ doc });
    const dragged = touchpoints[9] ?? '';
    const element = container.querySelector(`.react-flow__node[data-id="${dragged}"]`);
    if (!element) throw new Error('the dragged card is not mounted');
    expect(container.querySelectorAll('.react-flow__node-touchpoint')).toHaveLength(touchpoints.length);

    // d3-drag (React Flow's dragging) reads the event's window, which jsdom's constructor refuses here
    const mouse = (target: EventTarget, type: string, x: number, y: number) => {
      const event = new MouseEvent(type, { bubbles: true, cancelable: true, button: 0, clientX: x, clientY: y });
      Object.defineProperty(event, 'view', { value: window });
      target.dispatchEvent(event);
    };
    const before = (element as HTMLElement).style.transform;
    act(() => void mouse(element, 'mousedown', 100, 100));
    act(() => void mouse(window, 'mousemove', 110, 104)); // the drag starts
    renders.clear();
    const frames = 12;
    for (let frame = 2; frame <= frames; frame++)
      act(() => void mouse(window, 'mousemove', 100 + frame * 7, 100 + frame * 3));
    const during = (element as HTMLElement).style.transform;
    const counts = new Map(renders);
    act(() => void mouse(window, 'mouseup', 100 + frames * 7, 100 + frames * 3));

    // the card moved on screen: the drag really ran, frame by frame
    expect(during).not.toBe(before);
    expect(counts.get(`node:${dragged}`)).toBeGreaterThanOrEqual(frames - 1);
    const own = new Set(
      edges.filter((edge) => edge.source === dragged || edge.target === dragged).map((edge) => `edge:${edge.id}`),
    );
    expect(own.size).toBe(2);
    const others = [...counts.keys()].filter((id) => id !== `node:${dragged}` && !own.has(id));
    expect(others).toEqual([]);
  });
});
