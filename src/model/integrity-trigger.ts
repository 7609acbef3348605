// Whether a transaction can have broken an invariant that `repairJourney` restores. Repair scans
// the whole map; most transactions (a move, a label, a note, a metric) cannot break anything, so
// the server asks this first and skips the scan for them. Which node fields matter comes from the
// kind tables: a reference always (its target may be gone), any other field or x/y/w/h only when
// its new value is not one repair would keep (a stock client writing x = 1e300, a wrong type).
import * as Y from 'yjs';
import { ROOT } from './schema';
import { kindSpec } from './kinds/registry';
import { GEOMETRY_KEYS, fieldFix, geometryFix, type GeometryKey } from './kinds/stored';

/** Fields of an edge that `validateJourney` checks. */
const EDGE_FIELDS = new Set(['source', 'target']);
/** Roots whose entries are checked as a whole (added or removed entries can dangle or repeat). */
const CHECKED_ROOTS = [ROOT.nodes, ROOT.edges, ROOT.stageOrder, ROOT.comments] as const;

function isGeometryKey(key: string): key is GeometryKey {
  return (GEOMETRY_KEYS as readonly string[]).includes(key);
}

/** Whether the current value of `key` in node map `m` needs a repair scan. */
function nodeFieldNeedsCheck(m: Y.Map<unknown>, key: string): boolean {
  if (key === 'kind') return true;
  const spec = kindSpec(m.get('kind'));
  if (isGeometryKey(key)) return geometryFix(key, m.get(key), spec) !== null;
  if (key === 'label') return m.has('label') && typeof m.get('label') !== 'string';
  const f = spec?.fields[key];
  if (!f) return false;
  if (f.type === 'ref' || f.type === 'refs' || f.type === 'refMap') return true;
  return fieldFix(m.get(key), f, m.get('label')) !== null;
}

// Asked for every update the server relays: it allocates nothing for the common case (a move).
export function repairMayBeNeeded(doc: Y.Doc, transaction: Y.Transaction): boolean {
  const nodesRoot = doc.share.get(ROOT.nodes);
  const edgesRoot = doc.share.get(ROOT.edges);
  for (const [type, keys] of transaction.changed) {
    const parent = type._item?.parent;
    if (!parent) {
      // a root type
      for (const name of CHECKED_ROOTS) if (doc.share.get(name) === type) return true;
    } else if (type instanceof Y.Map && parent === nodesRoot) {
      for (const key of keys) if (key !== null && nodeFieldNeedsCheck(type, key)) return true;
    } else if (type instanceof Y.Map && parent === edgesRoot) {
      for (const key of keys) if (key !== null && EDGE_FIELDS.has(key)) return true;
    } else if (parent instanceof Y.Map && parent._item?.parent === nodesRoot) {
      // a part of a node: a list of references (personaIds) can gain a dangling or repeated id, a
      // map of references (channelPrefs) a dangling key or an odd value
      const key = type._item?.parentSub;
      const f = key ? kindSpec(parent.get('kind'))?.fields[key] : undefined;
      if (type instanceof Y.Array && f?.type === 'refs') return true;
      if (type instanceof Y.Map && f?.type === 'refMap') return true;
    }
  }
  return false;
}
