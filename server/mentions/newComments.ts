// The comments a transaction added, read from the events of the `comments` root (nodeId → Y.Array
// of comment Y.Maps): a node's first comment arrives as a new array on the root, later ones as
// insertions into the node's array.
import * as Y from 'yjs';
import { commentFromYMap, type Comment } from '../../src/model';

export interface AddedComment {
  nodeId: string;
  comment: Comment;
}

function commentsOf(items: Iterable<Y.Item>): Y.Map<unknown>[] {
  const maps: Y.Map<unknown>[] = [];
  for (const item of items) {
    if (item.deleted) continue;
    for (const content of item.content.getContent()) if (content instanceof Y.Map) maps.push(content);
  }
  return maps;
}

export function addedComments(
  events: readonly Y.YEvent<Y.AbstractType<unknown>>[],
  root: Y.Map<unknown>,
): AddedComment[] {
  const found = new Map<string, AddedComment>();
  const add = (nodeId: string, maps: Iterable<unknown>) => {
    for (const map of maps) {
      const comment = commentFromYMap(map);
      if (comment) found.set(`${nodeId}\n${comment.id}`, { nodeId, comment });
    }
  };
  for (const event of events) {
    if (event.target === root) {
      for (const [nodeId, change] of event.changes.keys) {
        const thread = root.get(nodeId);
        if (change.action !== 'delete' && thread instanceof Y.Array) add(nodeId, thread.toArray());
      }
    } else if (event.target instanceof Y.Array && event.target.parent === root) {
      const nodeId = event.target._item?.parentSub;
      if (nodeId) add(nodeId, commentsOf(event.changes.added));
    }
  }
  return [...found.values()];
}
