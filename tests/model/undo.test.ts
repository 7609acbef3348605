// Per-person undo with two users: undo reverts only the local person's commands.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addStage, addTouchpoint, moveNodes, readNode, setLabel, stagesInOrder } from '../../src/model';
import { createUndo } from '../../src/state/undo';

function pair() {
  const a = new Y.Doc();
  const b = new Y.Doc();
  a.on('update', (u: Uint8Array, origin: unknown) => origin !== 'net' && Y.applyUpdate(b, u, 'net'));
  b.on('update', (u: Uint8Array, origin: unknown) => origin !== 'net' && Y.applyUpdate(a, u, 'net'));
  return { a, b };
}

describe('per-person undo', () => {
  it('undoes my change and leaves the other person’s change in place', () => {
    const { a, b } = pair();
    const undoA = createUndo(a);
    addStage(a, { label: 'Need', id: 'need' });
    undoA.stopCapturing();
    addStage(b, { label: 'Buy', id: 'buy' }); // Bob, remotely
    setLabel(a, 'need', 'Research');
    undoA.undo();
    expect(stagesInOrder(a).map((s) => s.label)).toEqual(['Need', 'Buy']);
    undoA.undo();
    expect(stagesInOrder(a).map((s) => s.label)).toEqual(['Buy']);
    expect(stagesInOrder(b).map((s) => s.label)).toEqual(['Buy']);
    undoA.redo();
    expect(stagesInOrder(b).map((s) => s.label)).toEqual(['Need', 'Buy']);
  });

  it('never puts remote changes or metric ingests in my stack', () => {
    const { a, b } = pair();
    const undoA = createUndo(a);
    addStage(b, { label: 'Remote stage', id: 'remote' });
    addStage(a, { label: 'Ingested', id: 'ingested' }, { kind: 'ingest' });
    expect(undoA.state.getState().canUndo).toBe(false);
  });

  it('undoes a drag written once per frame as one step', () => {
    const { a } = pair();
    addStage(a, { label: 'Need', id: 'need' });
    addTouchpoint(a, { stageId: 'need', label: 'Search', id: 'tp', x: 10, y: 100 });
    const undoA = createUndo(a);
    undoA.stopCapturing();
    for (let x = 12; x <= 60; x += 4) moveNodes(a, [{ id: 'tp', x, y: 100 }]);
    undoA.stopCapturing();
    undoA.undo();
    expect(readNode(a, 'tp')).toMatchObject({ x: 10, y: 100 });
  });
});
