// What a transaction changed in the nodes of a map, as history rows: a node created or removed, a
// field set (old → new, for plain values), or a list, note, media or metric part changed (its new
// value). Positions and sizes are left out: a drag is not history a team reads.
import * as Y from 'yjs';

export interface FieldChange {
  nodeId: string;
  field: string;
  oldValue: string | null;
  newValue: string | null;
}

/** Where a card is and how big: not history. */
const GEOMETRY = new Set(['x', 'y', 'width', 'height']);
const VALUE_MAX = 300;

/** A value as short JSON text (Yjs types as their JSON), or null for none. */
export function valueText(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  const plain = value instanceof Y.AbstractType ? (value.toJSON() as unknown) : value;
  if (plain instanceof Y.Doc) return null; // a Tiptap note's subdocument: its text is not copied here
  const text = JSON.stringify(plain) ?? null;
  return text !== null && text.length > VALUE_MAX ? `${text.slice(0, VALUE_MAX - 1)}…` : text;
}

/** Whether a node's own event changed only its geometry (a drag): skipped before `changes`, which costs. */
const onlyGeometry = (event: Y.YEvent<Y.AbstractType<unknown>>, nodes: Y.Map<unknown>): boolean => {
  if (event.target.parent !== nodes || !(event instanceof Y.YMapEvent)) return false;
  for (const key of event.keysChanged) if (!GEOMETRY.has(key)) return false;
  return true;
};

const labelOf = (node: unknown): string | null =>
  node instanceof Y.Map && typeof node.get('label') === 'string' ? valueText(node.get('label')) : null;

export function describeNodeChanges(
  events: readonly Y.YEvent<Y.AbstractType<unknown>>[],
  nodes: Y.Map<unknown>,
): FieldChange[] {
  const out: FieldChange[] = [];
  // a part (list, note, media, metrics) changed several times in one transaction is one row
  const parts = new Set<string>();
  for (const event of events) {
    if (event.target === nodes) {
      for (const [nodeId, change] of event.changes.keys) {
        if (change.action === 'add') {
          out.push({ nodeId, field: 'created', oldValue: null, newValue: labelOf(nodes.get(nodeId)) });
        } else if (change.action === 'delete') {
          out.push({ nodeId, field: 'removed', oldValue: labelOf(change.oldValue), newValue: null });
        }
      }
      continue;
    }
    if (onlyGeometry(event, nodes)) continue;
    const [nodeId, field] = event.path as [string | undefined, string | number | undefined];
    if (typeof nodeId !== 'string') continue;
    if (field === undefined) {
      // a field of the node itself
      const node = event.target as Y.Map<unknown>;
      for (const [key, change] of event.changes.keys) {
        if (GEOMETRY.has(key)) continue;
        const before = change.action === 'add' ? null : valueText(change.oldValue);
        const after = change.action === 'delete' ? null : valueText(node.get(key));
        if (before !== after) out.push({ nodeId, field: key, oldValue: before, newValue: after });
      }
    } else if (typeof field === 'string' && !parts.has(`${nodeId}\n${field}`)) {
      parts.add(`${nodeId}\n${field}`);
      const node = nodes.get(nodeId);
      const part = node instanceof Y.Map ? node.get(field) : undefined;
      out.push({ nodeId, field, oldValue: null, newValue: valueText(part) });
    }
  }
  return out;
}
