// Read side of comments: plain snapshots, tolerant of odd data (entries that are not comments are
// skipped). Threads of nodes that no longer exist (a comment merged with a concurrent removal) are
// ignored by the counts and thread lists.
import * as Y from 'yjs';
import { compareIds } from './queries';
import { rootMaps } from './doc-roots';
import { type Comment } from './comments';

/** A comment Y.Map as a plain Comment, or null when it lacks an id or text. */
export function commentFromYMap(m: unknown): Comment | null {
  if (!(m instanceof Y.Map)) return null;
  const s = (k: string) => {
    const v = m.get(k);
    return typeof v === 'string' ? v : '';
  };
  const id = s('id');
  const text = s('text');
  if (!id || !text) return null;
  const mentions = m.get('mentions');
  const editedAt = m.get('editedAt');
  return {
    id,
    author: s('author'),
    authorId: s('authorId'),
    text,
    createdAt: s('createdAt'),
    ...(typeof editedAt === 'string' ? { editedAt } : {}),
    resolved: m.get('resolved') === true,
    mentions: Array.isArray(mentions) ? mentions.filter((x): x is string => typeof x === 'string') : [],
  };
}

/** A node's comments in thread order (oldest first). */
export function readComments(doc: Y.Doc, nodeId: string): Comment[] {
  const t = rootMaps(doc).comments.get(nodeId);
  if (!(t instanceof Y.Array)) return [];
  return t.toArray().flatMap((m) => {
    const c = commentFromYMap(m);
    return c ? [c] : [];
  });
}

/** Every existing node's comment thread, by node id. */
function threads(doc: Y.Doc): Array<[string, Comment[]]> {
  const { comments, nodes } = rootMaps(doc);
  const out: Array<[string, Comment[]]> = [];
  comments.forEach((_t, nodeId) => {
    if (nodes.get(nodeId) instanceof Y.Map) out.push([nodeId, readComments(doc, nodeId)]);
  });
  return out.sort((a, b) => compareIds(a[0], b[0]));
}

/** Unresolved comments per node; only nodes with at least one are present (the card's badge). */
export function openCommentCounts(doc: Y.Doc): Map<string, number> {
  const out = new Map<string, number>();
  for (const [nodeId, list] of threads(doc)) {
    const n = list.filter((c) => !c.resolved).length;
    if (n > 0) out.set(nodeId, n);
  }
  return out;
}

export interface OpenThread {
  nodeId: string;
  /** The node's unresolved comments, oldest first. */
  open: Comment[];
  /** createdAt of the newest unresolved comment (threads are sorted by it, newest first). */
  latestAt: string;
}

function timeOf(iso: string): number {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? 0 : t;
}

/** Every node with unresolved comments, the thread with the newest open comment first (ties by node id). */
export function openThreads(doc: Y.Doc): OpenThread[] {
  const out: OpenThread[] = [];
  for (const [nodeId, list] of threads(doc)) {
    const open = list.filter((c) => !c.resolved);
    if (open.length === 0) continue;
    const latest = open.reduce((a, b) => (timeOf(b.createdAt) > timeOf(a.createdAt) ? b : a));
    out.push({ nodeId, open, latestAt: latest.createdAt });
  }
  return out.sort((a, b) => timeOf(b.latestAt) - timeOf(a.latestAt) || compareIds(a.nodeId, b.nodeId));
}

/** Every node whose comments are all resolved (a thread someone closed), newest comment first. */
export function resolvedThreads(doc: Y.Doc): { nodeId: string; comments: Comment[] }[] {
  const out: { nodeId: string; comments: Comment[]; latest: number }[] = [];
  for (const [nodeId, list] of threads(doc)) {
    if (list.length === 0 || list.some((c) => !c.resolved)) continue;
    out.push({ nodeId, comments: list, latest: Math.max(...list.map((c) => timeOf(c.createdAt))) });
  }
  return out
    .sort((a, b) => b.latest - a.latest || compareIds(a.nodeId, b.nodeId))
    .map(({ nodeId, comments }) => ({ nodeId, comments }));
}

export interface Mention {
  nodeId: string;
  comment: Comment;
}

/**
 * The comments of existing nodes that mention `name` (as parsed when they were written, compared
 * case-insensitively), newest first; a person's own comments are left out.
 */
export function mentionsOf(doc: Y.Doc, name: string): Mention[] {
  const wanted = name.trim().toLowerCase();
  if (!wanted) return [];
  const out: Mention[] = [];
  for (const [nodeId, list] of threads(doc)) {
    for (const comment of list) {
      if (comment.author.trim().toLowerCase() === wanted) continue;
      if (comment.mentions.some((mentioned) => mentioned.trim().toLowerCase() === wanted))
        out.push({ nodeId, comment });
    }
  }
  return out.sort(
    (a, b) => timeOf(b.comment.createdAt) - timeOf(a.comment.createdAt) || compareIds(a.comment.id, b.comment.id),
  );
}
