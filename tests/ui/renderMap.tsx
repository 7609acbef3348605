// Renders the canvas of an in-memory map as the map page does (no server): a Y.Doc, the doc→view store and the context.
import { render } from '@testing-library/react';
import type { ReactNode } from 'react';
import { ReactFlowProvider } from '@xyflow/react';
import * as Y from 'yjs';
import { ModelError } from '../../src/model';
import { MapCanvas } from '../../src/app/MapCanvas';
import { MapContext } from '../../src/state/session';
import { createJourneyStore, type JourneyStore } from '../../src/state/journeyStore';
import { Sidebar } from '../../src/panels/Sidebar';
import { createUndo } from '../../src/state/undo';

/** `inFlow`: rendered inside the canvas's React Flow provider (a probe of its store, say). */
export function renderMap(options: { readOnly?: boolean; doc?: Y.Doc; store?: JourneyStore; inFlow?: ReactNode } = {}) {
  const doc = options.doc ?? new Y.Doc();
  const store = options.store ?? createJourneyStore(doc);
  const undo = createUndo(doc);
  const errors: string[] = [];
  const run = (action: () => unknown) => {
    try {
      action();
      return true;
    } catch (error) {
      if (error instanceof ModelError) errors.push(error.message);
      else throw error;
      return false;
    }
  };
  const view = render(
    <div style={{ width: 1200, height: 800 }}>
      <MapContext.Provider
        value={{
          mapId: 'test-map',
          mapKey: 'test-key-0000000000',
          doc,
          store,
          user: { id: 'tester', name: 'Tester', color: '#2b4c7e' },
          readOnly: options.readOnly ?? false,
          run,
          undo: options.readOnly ? undefined : undo,
        }}
      >
        <ReactFlowProvider>
          <MapCanvas synced />
          {options.inFlow}
        </ReactFlowProvider>
        <Sidebar />
      </MapContext.Provider>
    </div>,
  );
  return { ...view, doc, store, undo, errors };
}
