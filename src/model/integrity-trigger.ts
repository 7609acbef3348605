// Whether a transaction can have broken an invariant that `repairJourney` restores. Repair scans
// the whole map; most transactions (a move, a label, a note, a metric) cannot break anything, so
// the server asks this first and skips the scan for them.
import * as Y from 'yjs';
import { ROOT } from './schema';

/** Fields of a node or edge that `validateJourney` checks (references, kinds and enums). */
const CHECKED_FIELDS = new Set(['kind', 'stageId', 'channelId', 'ownerId', 'personaIds', 'lane', 'type', 'medium', 'emotion', 'source', 'target']);
/** Roots whose entries are checked as a whole (added or removed entries can dangle or repeat). */
const CHECKED_ROOTS = [ROOT.nodes, ROOT.edges, ROOT.stageOrder, ROOT.comments] as const;

export function repairMayBeNeeded(doc: Y.Doc, transaction: Y.Transaction): boolean {
  const roots = new Set<unknown>(CHECKED_ROOTS.map((name) => doc.share.get(name)));
  for (const [type, keys] of transaction.changed) {
    if (roots.has(type)) return true;
    const parent = type._item?.parent;
    // a field of a node or edge map (a child of the nodes or edges root)
    if (type instanceof Y.Map && roots.has(parent) && [...keys].some((key) => key !== null && CHECKED_FIELDS.has(key))) return true;
    // a list field of a node (personaIds is a Y.Array inside the node's map)
    if (type instanceof Y.Array && type._item?.parentSub === 'personaIds') return true;
  }
  return false;
}
