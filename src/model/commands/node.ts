// Commands that apply to any node: label, move, resize, remove.
import * as Y from 'yjs';
import { type Origin } from '../schema';
import { ModelError } from '../errors';
import { checkLabel, checkPoint, checkSize } from '../validate-input';
import { kindOf, requireNode, setIfChanged, write } from '../tx';
import { stageColumns } from '../queries';
import { strOrNull } from '../convert';
import { kindSpec } from '../kinds/registry';
import { rootMaps, stageOrderForWrite } from '../doc-roots';

/** Rename any node; an owner's or persona's name is its label, so both are written. */
export function setLabel(doc: Y.Doc, id: string, label: string, origin?: Origin): void {
  const m = requireNode(doc, id);
  const l = checkLabel(label);
  const k = kindOf(m);
  write(doc, origin, () => {
    setIfChanged(m, 'label', l);
    if (k === 'owner' || k === 'persona') setIfChanged(m, 'name', l);
  });
}

export interface NodeMove {
  id: string;
  x: number;
  y: number;
}

/** Move several nodes in one transaction (a multi-node drag is one undo step). Coordinates are in each node's own frame. */
export function moveNodes(doc: Y.Doc, moves: NodeMove[], origin?: Origin): void {
  if (!Array.isArray(moves)) throw new ModelError('invalid-value', 'moves must be an array');
  const checked = moves.map((mv, i) => {
    if (typeof mv !== 'object' || mv === null) throw new ModelError('invalid-value', `moves[${i}] must be {id, x, y}`);
    return { m: requireNode(doc, mv.id), pos: checkPoint(mv, `moves[${i}]`) };
  });
  write(doc, origin, () => {
    for (const { m, pos } of checked) {
      setIfChanged(m, 'x', pos.x);
      setIfChanged(m, 'y', pos.y);
    }
  });
}

export function moveNode(doc: Y.Doc, id: string, position: { x: number; y: number }, origin?: Origin): void {
  const pos = checkPoint(position);
  moveNodes(doc, [{ id, x: pos.x, y: pos.y }], origin);
}

/** Resize a node: w and h within 20..10000; a stage's h may be 0 (full canvas height). */
export function resizeNode(doc: Y.Doc, id: string, size: { w: number; h: number }, origin?: Origin): void {
  const m = requireNode(doc, id);
  if (typeof size !== 'object' || size === null) throw new ModelError('invalid-value', 'size must be {w, h}');
  const w = checkSize(size.w, 'w');
  const h = checkSize(size.h, 'h', kindOf(m) === 'stage');
  write(doc, origin, () => {
    setIfChanged(m, 'w', w);
    setIfChanged(m, 'h', h);
  });
}

/**
 * Remove nodes with every edge touching them and every reference to them, in one transaction:
 * a removed stage leaves stageOrder and its touchpoints become unassigned — their x,y converted
 * from column-relative to absolute (via stageColumns) so they stay where they were drawn; a removed
 * channel/owner/persona is cleared from the touchpoints and stages that named it. Comments on a
 * removed node go with it. Ids must exist ('not-found' otherwise); repeats are ignored.
 */
export function removeNodes(doc: Y.Doc, ids: string[], origin?: Origin): void {
  if (!Array.isArray(ids)) throw new ModelError('invalid-value', 'ids must be an array');
  for (const id of ids) requireNode(doc, id);
  const gone = new Set(ids);
  const { nodes, edges, comments } = rootMaps(doc);
  const columns = new Map(stageColumns(doc).map((c) => [c.id, c]));
  write(doc, origin, () => {
    const deadEdges: string[] = [];
    edges.forEach((e, id) => {
      if (e instanceof Y.Map && (gone.has(String(e.get('source'))) || gone.has(String(e.get('target')))))
        deadEdges.push(id);
    });
    for (const id of deadEdges) edges.delete(id);
    const stageOrder = stageOrderForWrite(doc);
    const order = stageOrder.toArray();
    for (let i = order.length - 1; i >= 0; i--) if (gone.has(order[i] ?? '')) stageOrder.delete(i, 1);
    nodes.forEach((m, id) => {
      if (gone.has(id) || !(m instanceof Y.Map)) return;
      clearRefs(m, gone, columns);
    });
    for (const id of gone) {
      nodes.delete(id);
      if (comments.has(id)) comments.delete(id);
    }
  });
}

/** Clears, in one surviving node, every reference (its kind table's `ref`/`refs`/`refMap` fields) to a removed node. */
function clearRefs(m: Y.Map<unknown>, gone: Set<string>, columns: Map<string, { x: number; y: number }>): void {
  for (const [key, f] of Object.entries(kindSpec(m.get('kind'))?.fields ?? {})) {
    if (f.type === 'refMap') {
      const map = m.get(key);
      if (map instanceof Y.Map) for (const ref of [...map.keys()]) if (gone.has(ref)) map.delete(ref);
      continue;
    }
    if (f.type === 'refs') {
      const list = m.get(key);
      if (!(list instanceof Y.Array)) continue;
      const items = list.toArray();
      for (let i = items.length - 1; i >= 0; i--) if (gone.has(String(items[i]))) list.delete(i, 1);
      continue;
    }
    if (f.type !== 'ref') continue;
    const target = strOrNull(m, key);
    if (target === null || !gone.has(target)) continue;
    // x,y were relative to the removed stage's column: make them absolute so the node stays put
    const col = f.frame ? columns.get(target) : undefined;
    const x = m.get('x');
    const y = m.get('y');
    if (col && typeof x === 'number' && typeof y === 'number') {
      m.set('x', x + col.x);
      m.set('y', y + col.y);
    }
    m.set(key, null);
  }
}

export function removeNode(doc: Y.Doc, id: string, origin?: Origin): void {
  removeNodes(doc, [id], origin);
}
