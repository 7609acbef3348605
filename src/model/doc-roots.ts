// Access to the document's roots without side effects. `doc.getArray` makes an (empty) transaction
// the first time it is called on a doc, which would break "one command = one transaction" and
// "repair does not transact when nothing is wrong". So the model gets its maps here (getMap has no
// such effect), reads stageOrder without defining it, and defines it only inside a command's write.
import * as Y from 'yjs';
import { ROOT } from './schema';

export function rootMaps(doc: Y.Doc) {
  return {
    meta: doc.getMap<unknown>(ROOT.meta),
    nodes: doc.getMap<Y.Map<unknown>>(ROOT.nodes),
    edges: doc.getMap<Y.Map<unknown>>(ROOT.edges),
    comments: doc.getMap<unknown>(ROOT.comments),
  };
}

/** stageOrder for writing: call only inside a transaction. */
export function stageOrderForWrite(doc: Y.Doc): Y.Array<string> {
  return doc.getArray<string>(ROOT.stageOrder);
}

/**
 * stageOrder's current contents, without defining the root. Walks the item list, which works both for
 * a Y.Array and for the untyped placeholder Yjs keeps for a root that arrived in a remote update
 * before anyone asked for it.
 */
export function readStageOrder(doc: Y.Doc): unknown[] {
  const t = doc.share.get(ROOT.stageOrder);
  if (t === undefined) return [];
  if (t instanceof Y.Array) return t.toArray();
  const out: unknown[] = [];
  for (let item = t._start; item !== null; item = item.right) {
    if (!item.deleted && item.countable) out.push(...item.content.getContent());
  }
  return out;
}
