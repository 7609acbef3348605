// jsdom lacks what React Flow measures with; these stand-ins follow React Flow's testing guide.
// fake-indexeddb gives Dexie a real IndexedDB implementation in memory.
import '@testing-library/jest-dom/vitest';
import 'fake-indexeddb/auto';
import { cleanup } from '@testing-library/react';
import { afterEach, beforeAll, vi } from 'vitest';
import type { StateCreator, StoreApi } from 'zustand';

afterEach(() => cleanup());

// The files of this project share their worker's modules (isolate: false in vitest.config.ts):
// every app-wide zustand store is put back to its initial state, and the web storage emptied,
// before each file, so what one file leaves there never reaches the next.
declare global {
  var percorsoTestStores: Set<StoreApi<unknown>> | undefined;
}
vi.mock('zustand', async (importOriginal) => {
  const zustand = await importOriginal<typeof import('zustand')>();
  const stores = (globalThis.percorsoTestStores ??= new Set());
  const remembered = <T>(hook: T): T => {
    stores.add(hook as StoreApi<unknown>);
    return hook;
  };
  // create(initializer) and its curried form create<T>()(initializer)
  const create = (initializer?: StateCreator<unknown>) =>
    initializer
      ? remembered(zustand.create(initializer))
      : (later: StateCreator<unknown>) => remembered(zustand.create(later));
  return { ...zustand, create };
});
beforeAll(() => {
  for (const store of globalThis.percorsoTestStores ?? []) store.setState(store.getInitialState(), true);
  localStorage.clear();
  sessionStorage.clear();
});

class ResizeObserverStandIn {
  constructor(private readonly callback: ResizeObserverCallback) {}
  observe(target: Element) {
    this.callback([{ target } as ResizeObserverEntry], this as unknown as ResizeObserver);
  }
  unobserve() {}
  disconnect() {}
}

class DOMMatrixReadOnlyStandIn {
  m22: number;
  constructor(transform?: string) {
    const scale = transform?.match(/scale\(([\d.]+)\)/)?.[1];
    this.m22 = scale !== undefined ? Number(scale) : 1;
  }
}

Object.assign(globalThis, { ResizeObserver: ResizeObserverStandIn, DOMMatrixReadOnly: DOMMatrixReadOnlyStandIn });
// The canvas gets the size of a desktop window (the app culls nodes outside it and picks the
// opening viewport from it), whatever its CSS says; other elements their inline size, else 1.
const isCanvas = (element: HTMLElement) =>
  element.classList.contains('react-flow') || element.classList.contains('react-flow__renderer');
Object.defineProperties(HTMLElement.prototype, {
  offsetHeight: {
    get() {
      return isCanvas(this as HTMLElement) ? 900 : parseFloat((this as HTMLElement).style.height) || 1;
    },
  },
  offsetWidth: {
    get() {
      return isCanvas(this as HTMLElement) ? 1400 : parseFloat((this as HTMLElement).style.width) || 1;
    },
  },
});
(SVGElement.prototype as SVGElement & { getBBox: () => DOMRect }).getBBox = () =>
  ({ x: 0, y: 0, width: 0, height: 0 }) as DOMRect;
