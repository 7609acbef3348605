// Large removals (issue 17, finding 5; the rule is the model's largeRemoval): the room checks an
// editor's update's delete set before applying it (mayRemoveMuch: cheap, nothing is snapshotted for
// ordinary edits), snapshots the document if it might, and confirms after applying; the snapshot is
// then stored as an automatic version "Before deleting …", so everything up to that moment can be
// restored.
import * as Y from 'yjs';
import {
  REMOVAL_MIN_NODES,
  REMOVAL_VERSION_PREFIX,
  ROOT,
  isLargeNodeRemoval,
  type LargeRemoval,
} from '../../src/model';

export { largeRemoval, shapeOf, type LargeRemoval } from '../../src/model';

/**
 * Whether an update with the delete set `ds` deletes enough of the live node entries, or the title
 * entry, to be a large removal. Takes the delete set the frame check decoded: decoding the update a
 * second time here cost the relay as much as applying it.
 */
export function mayRemoveMuch(doc: Y.Doc, ds: ReturnType<typeof Y.decodeUpdate>['ds']): boolean {
  if (ds.clients.size === 0) return false;
  const title = doc.getMap<unknown>(ROOT.meta)._map.get('title');
  const titleDeleted = title !== undefined && !title.deleted && Y.isDeleted(ds, title.id);
  // each deleted node entry is an item of its own: a delete set shorter than the minimum cannot remove
  // that many, and a move (one or two deleted positions) is decided without reading every node
  if (deletedCount(ds) < REMOVAL_MIN_NODES) return titleDeleted;
  const nodes = doc.getMap<unknown>(ROOT.nodes);
  let deleted = 0;
  for (const item of nodes._map.values()) if (!item.deleted && Y.isDeleted(ds, item.id)) deleted++;
  return isLargeNodeRemoval(deleted, nodes.size) || titleDeleted;
}

/** How many item clocks a delete set covers (at most REMOVAL_MIN_NODES are counted). */
function deletedCount(ds: ReturnType<typeof Y.decodeUpdate>['ds']): number {
  let count = 0;
  for (const ranges of ds.clients.values()) {
    for (const range of ranges) {
      count += range.len;
      if (count >= REMOVAL_MIN_NODES) return count;
    }
  }
  return count;
}

/** The automatic version's name. */
export function removalVersionName(removal: LargeRemoval): string {
  const nodes =
    removal.nodesRemoved >= REMOVAL_MIN_NODES ? `${removal.nodesRemoved} of ${removal.nodesBefore} nodes` : '';
  const what = [nodes, removal.titleRemoved ? 'the title' : ''].filter(Boolean).join(' and ');
  return `${REMOVAL_VERSION_PREFIX} ${what}`;
}
