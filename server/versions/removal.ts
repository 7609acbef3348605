// Large removals (issue 17, finding 5): an editor's transaction that removes at least 20 % of the
// map's nodes (and at least 3), or its title. The room checks an update's delete set before applying
// it (mayRemoveMuch: cheap, nothing is snapshotted for ordinary edits), snapshots the document if it
// might, and confirms after applying (largeRemoval); the snapshot is then stored as an automatic
// version "Before deleting …", so everything up to that moment can be restored.
import * as Y from 'yjs';
import { ROOT } from '../../src/model';

export const REMOVAL_SHARE = 0.2;
export const REMOVAL_MIN_NODES = 3;

export interface MapShape {
  nodes: number;
  title: string;
}

export interface LargeRemoval {
  nodesBefore: number;
  nodesRemoved: number;
  titleRemoved: boolean;
}

export function shapeOf(doc: Y.Doc): MapShape {
  const title = doc.getMap<unknown>(ROOT.meta).get('title');
  return { nodes: doc.getMap<unknown>(ROOT.nodes).size, title: typeof title === 'string' ? title.trim() : '' };
}

/** Whether `update` deletes enough of the live node entries, or the title entry, to be a large removal. */
export function mayRemoveMuch(doc: Y.Doc, update: Uint8Array): boolean {
  const { ds } = Y.decodeUpdate(update);
  if (ds.clients.size === 0) return false;
  const nodes = doc.getMap<unknown>(ROOT.nodes);
  let deleted = 0;
  for (const item of nodes._map.values()) if (!item.deleted && Y.isDeleted(ds, item.id)) deleted++;
  if (deleted >= REMOVAL_MIN_NODES && deleted >= nodes.size * REMOVAL_SHARE) return true;
  const title = doc.getMap<unknown>(ROOT.meta)._map.get('title');
  return title !== undefined && !title.deleted && Y.isDeleted(ds, title.id);
}

/** The removal between two shapes of the map, or null when it is not a large one (additions offset deletions). */
export function largeRemoval(before: MapShape, after: MapShape): LargeRemoval | null {
  const nodesRemoved = before.nodes - after.nodes;
  const many = nodesRemoved >= REMOVAL_MIN_NODES && nodesRemoved >= before.nodes * REMOVAL_SHARE;
  const titleRemoved = before.title !== '' && after.title === '';
  return many || titleRemoved ? { nodesBefore: before.nodes, nodesRemoved: Math.max(0, nodesRemoved), titleRemoved } : null;
}

/** The automatic version's name. */
export function removalVersionName(removal: LargeRemoval): string {
  const nodes = removal.nodesRemoved >= REMOVAL_MIN_NODES ? `${removal.nodesRemoved} of ${removal.nodesBefore} nodes` : '';
  const what = [nodes, removal.titleRemoved ? 'the title' : ''].filter(Boolean).join(' and ');
  return `Before deleting ${what}`;
}
