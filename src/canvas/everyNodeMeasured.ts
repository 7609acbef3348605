// Whether React Flow has drawn and measured every node. Its own `nodesInitialized` cannot tell: the
// estimated handles (journeyView's cardHandles) make a node that was never mounted count as ready.
import type { InternalNode } from '@xyflow/react';

export function everyNodeMeasured(nodeLookup: ReadonlyMap<string, InternalNode>): boolean {
  if (nodeLookup.size === 0) return false;
  for (const node of nodeLookup.values()) {
    if (node.hidden) continue;
    if (!node.measured.width || !node.measured.height || node.internals.handleBounds === undefined) return false;
  }
  return true;
}
