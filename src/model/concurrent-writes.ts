// Which writes a merge replaced without their writer's knowledge. A Y.Map key holds the last write in
// Yjs's order; each write remembers the write it replaced when it was made (its origin). A remote
// write whose origin is not the write it now replaces was made without seeing that write: the two
// were concurrent (typed at the same time, or one side was offline), and one person's text is gone.
import * as Y from 'yjs';

/** The item holding a key's current value (Yjs keeps it in the map's internal `_map`). */
function currentItem(map: Y.Map<unknown>, key: string): Y.Item | undefined {
  return map._map.get(key);
}

/**
 * After a remote change of `key`: true when the value it replaced was written by `clientId` and the
 * remote writer had not seen it. Call it from an observer of the remote transaction.
 */
export function replacedConcurrently(map: Y.Map<unknown>, key: string, clientId: number): boolean {
  const item = currentItem(map, key);
  if (!item || item.id.client === clientId) return false;
  const replaced = item.left;
  if (!(replaced instanceof Y.Item) || replaced.id.client !== clientId) return false;
  return !item.origin || !Y.compareIDs(item.origin, replaced.id);
}

/** The client id that wrote the key's current value, or null when the key was never written. */
export function lastWriterOf(map: Y.Map<unknown>, key: string): number | null {
  return currentItem(map, key)?.id.client ?? null;
}
