// Owner queries: which stages a person answers for, which stages nobody does, and how much that is.
// `stage.ownerId` is the truth (the people rail is a view of it); a stage whose ownerId names no
// owner (a merge with a removal, before repair) counts as unowned.
import type * as Y from 'yjs';
import { type StageNode } from './schema';
import { readNodes, stagesInOrder, touchpointsByStage } from './queries';
import { openCommentCounts } from './comments-queries';

/** The stages owned by `ownerId`, in stage order ([] for an unknown owner). */
export function stagesOwnedBy(doc: Y.Doc, ownerId: string): StageNode[] {
  return stagesInOrder(doc).filter((s) => s.ownerId === ownerId);
}

/** Stages without a (valid) owner, in stage order. */
export function unownedStages(doc: Y.Doc): StageNode[] {
  const owners = new Set(readNodes(doc).flatMap((n) => (n.kind === 'owner' ? [n.id] : [])));
  return stagesInOrder(doc).filter((s) => s.ownerId === null || !owners.has(s.ownerId));
}

export interface OwnerWorkload {
  /** Stages owned. */
  stages: number;
  /** Touchpoints (both lanes) inside those stages. */
  touchpoints: number;
  /** Unresolved comments on those stages and on their touchpoints. */
  openComments: number;
}

export function ownerWorkload(doc: Y.Doc, ownerId: string): OwnerWorkload {
  const owned = stagesOwnedBy(doc, ownerId);
  const byStage = touchpointsByStage(doc);
  const open = openCommentCounts(doc);
  let touchpoints = 0;
  let openComments = 0;
  for (const s of owned) {
    const tps = byStage.get(s.id) ?? [];
    touchpoints += tps.length;
    openComments += open.get(s.id) ?? 0;
    for (const t of tps) openComments += open.get(t.id) ?? 0;
  }
  return { stages: owned.length, touchpoints, openComments };
}
