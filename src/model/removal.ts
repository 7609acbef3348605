// What counts as a large removal from a map (issue 17, finding 5): at least 20 % of its nodes (and at
// least 3), or its title. The server stores an automatic version just before such a change; the app
// offers to restore it. One rule for both.
import type * as Y from 'yjs';
import { ROOT } from './schema';

export const REMOVAL_SHARE = 0.2;
export const REMOVAL_MIN_NODES = 3;
/** How the server names the automatic version it stores just before one (the app looks it up by this). */
export const REMOVAL_VERSION_PREFIX = 'Before deleting';

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

/** Whether this many of this many nodes is a large share. */
export function isLargeNodeRemoval(removed: number, total: number): boolean {
  return removed >= REMOVAL_MIN_NODES && removed >= total * REMOVAL_SHARE;
}

/** The removal between two shapes of the map, or null when it is not a large one (additions offset deletions). */
export function largeRemoval(before: MapShape, after: MapShape): LargeRemoval | null {
  const nodesRemoved = before.nodes - after.nodes;
  const many = isLargeNodeRemoval(nodesRemoved, before.nodes);
  const titleRemoved = before.title !== '' && after.title === '';
  return many || titleRemoved
    ? { nodesBefore: before.nodes, nodesRemoved: Math.max(0, nodesRemoved), titleRemoved }
    : null;
}
