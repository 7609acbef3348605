// Comment threads on nodes: the `comments` root maps a node id to a Y.Array of comment Y.Maps, in the
// order they were written. A comment is a Y.Map so that an edit and a resolve by two users merge.
// The first comment on a node creates its array: two users writing the very first comment of the
// same node at the same moment both create one and one array wins (the other comment is lost).
import * as Y from 'yjs';
import { LIMITS, type Origin } from './schema';
import { ModelError } from './errors';
import { idOrNew } from './ids';
import { checkLabel, checkText } from './validate-input';
import { kindOf, requireNode, write } from './tx';
import { str } from './convert';
import { rootMaps } from './doc-roots';

export interface Comment {
  id: string;
  author: string; // display name when written
  authorId: string; // the writer's user id: only they may edit the text
  text: string; // 1..2000 characters, trimmed
  createdAt: string; // ISO time
  editedAt?: string; // ISO time of the last text edit; absent if never edited
  resolved: boolean;
  mentions: string[]; // names mentioned as @Name, as spelled in the owner list / knownNames
}

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

export function isIsoTime(v: unknown): v is string {
  return typeof v === 'string' && ISO.test(v) && !Number.isNaN(Date.parse(v));
}

/** An ISO time (normalised to UTC `toISOString`), or now when `at` is undefined. */
export function checkTime(at: unknown, what = 'at'): string {
  if (at === undefined) return new Date().toISOString();
  if (!isIsoTime(at))
    throw new ModelError('invalid-value', `${what} must be an ISO date-time like 2024-05-01T10:00:00Z`);
  return new Date(at).toISOString();
}

export function checkCommentText(text: unknown): string {
  const t = checkText(text, 'comment text', LIMITS.textMax);
  if (t.length === 0) throw new ModelError('invalid-value', 'comment text must not be empty');
  return t;
}

export function checkUserId(v: unknown, what: string): string {
  return checkLabel(v, what); // any non-empty id of ≤ 200 characters: ids come from the auth layer
}

const WORD_CHAR = /[\p{L}\p{N}_]/u;

/**
 * The names mentioned in `text`: an `@` (not preceded by a letter or digit, so e-mail addresses do
 * not count) followed by a candidate name, case-insensitively, and then not by a letter or digit.
 * At each `@` the longest matching name wins ("@Anna Maria" beats "@Anna"). Names are returned as
 * spelled in `candidates`, each once, in order of first mention.
 */
export function parseMentions(text: string, candidates: readonly string[]): string[] {
  const names = [...new Set(candidates.map((n) => n.trim()).filter((n) => n.length > 0))].sort(
    (a, b) => b.length - a.length,
  );
  const lower = text.toLowerCase();
  const found: string[] = [];
  for (let i = lower.indexOf('@'); i >= 0; i = lower.indexOf('@', i + 1)) {
    if (i > 0 && WORD_CHAR.test(text.charAt(i - 1))) continue;
    const hit = names.find((n) => {
      const end = i + 1 + n.length;
      return lower.startsWith(n.toLowerCase(), i + 1) && (end >= text.length || !WORD_CHAR.test(text.charAt(end)));
    });
    if (hit !== undefined && !found.includes(hit)) found.push(hit);
  }
  return found;
}

/** Owner names of the map plus the caller's known names (e.g. collaborators present). */
function mentionCandidates(doc: Y.Doc, knownNames: unknown): string[] {
  if (knownNames !== undefined && (!Array.isArray(knownNames) || knownNames.some((n) => typeof n !== 'string'))) {
    throw new ModelError('invalid-value', 'knownNames must be an array of strings');
  }
  const names: string[] = [...((knownNames as string[] | undefined) ?? [])];
  rootMaps(doc).nodes.forEach((m) => {
    if (m instanceof Y.Map && kindOf(m) === 'owner') names.push(str(m, 'name', str(m, 'label')));
  });
  return names;
}

/** The Y.Map of a comment (used by addComment and by the JSON import). */
export function commentToYMap(c: Comment): Y.Map<unknown> {
  const m = new Y.Map<unknown>();
  m.set('id', c.id);
  m.set('author', c.author);
  m.set('authorId', c.authorId);
  m.set('text', c.text);
  m.set('createdAt', c.createdAt);
  if (c.editedAt !== undefined) m.set('editedAt', c.editedAt);
  m.set('resolved', c.resolved);
  m.set('mentions', [...c.mentions]); // a plain array: always replaced whole
  return m;
}

/** The node's thread array, created on the first comment (call inside a transaction). */
function threadForWrite(doc: Y.Doc, nodeId: string): Y.Array<unknown> {
  const { comments } = rootMaps(doc);
  const t = comments.get(nodeId);
  if (t instanceof Y.Array) return t;
  const a = new Y.Array<unknown>();
  comments.set(nodeId, a);
  return a;
}

function findComment(doc: Y.Doc, nodeId: string, commentId: unknown): Y.Map<unknown> {
  requireNode(doc, nodeId);
  const t = rootMaps(doc).comments.get(nodeId);
  const found =
    t instanceof Y.Array ? t.toArray().find((c) => c instanceof Y.Map && c.get('id') === commentId) : undefined;
  if (!(found instanceof Y.Map))
    throw new ModelError('not-found', `comment ${String(commentId)} does not exist on ${nodeId}`);
  return found;
}

export interface AddCommentArgs {
  nodeId: string;
  text: string;
  author: string;
  authorId: string;
  /** Extra names that `@Name` may mention, besides the map's owners. */
  knownNames?: string[];
  id?: string;
  /** ISO time; default now. */
  at?: string;
}

/** Add a comment at the end of the node's thread; returns its id. */
export function addComment(doc: Y.Doc, args: AddCommentArgs, origin?: Origin): string {
  requireNode(doc, args.nodeId);
  const text = checkCommentText(args.text);
  const author = checkLabel(args.author, 'author');
  const authorId = checkUserId(args.authorId, 'authorId');
  const createdAt = checkTime(args.at);
  const id = idOrNew(args.id);
  const existing = rootMaps(doc).comments.get(args.nodeId);
  if (existing instanceof Y.Array && existing.toArray().some((c) => c instanceof Y.Map && c.get('id') === id)) {
    throw new ModelError('duplicate', `comment id ${id} is already used on ${args.nodeId}`);
  }
  const mentions = parseMentions(text, mentionCandidates(doc, args.knownNames));
  write(doc, origin, () => {
    threadForWrite(doc, args.nodeId).push([
      commentToYMap({ id, author, authorId, text, createdAt, resolved: false, mentions }),
    ]);
  });
  return id;
}

export interface EditCommentArgs {
  nodeId: string;
  commentId: string;
  text: string;
  /** The editing user's id: must be the comment's authorId ('forbidden' otherwise). */
  editorId: string;
  knownNames?: string[];
  at?: string;
}

/** Replace a comment's text (author only); mentions are parsed again and editedAt set. Same text: no-op. */
export function editComment(doc: Y.Doc, args: EditCommentArgs, origin?: Origin): void {
  const c = findComment(doc, args.nodeId, args.commentId);
  const text = checkCommentText(args.text);
  const editorId = checkUserId(args.editorId, 'editorId');
  if (c.get('authorId') !== editorId) throw new ModelError('forbidden', 'only the author of a comment may edit it');
  const editedAt = checkTime(args.at);
  const mentions = parseMentions(text, mentionCandidates(doc, args.knownNames));
  write(doc, origin, () => {
    if (c.get('text') === text) return;
    c.set('text', text);
    c.set('editedAt', editedAt);
    c.set('mentions', mentions);
  });
}

/** Resolve or reopen a comment (anyone may). */
export function setCommentResolved(
  doc: Y.Doc,
  nodeId: string,
  commentId: string,
  resolved: boolean,
  origin?: Origin,
): void {
  const c = findComment(doc, nodeId, commentId);
  if (typeof resolved !== 'boolean') throw new ModelError('invalid-value', 'resolved must be a boolean');
  write(doc, origin, () => {
    if (c.get('resolved') !== resolved) c.set('resolved', resolved);
  });
}

/** Resolve or reopen every comment of the node's thread in one transaction (one undo step). */
export function setThreadResolved(doc: Y.Doc, nodeId: string, resolved: boolean, origin?: Origin): void {
  requireNode(doc, nodeId);
  if (typeof resolved !== 'boolean') throw new ModelError('invalid-value', 'resolved must be a boolean');
  const thread = rootMaps(doc).comments.get(nodeId);
  write(doc, origin, () => {
    if (!(thread instanceof Y.Array)) return;
    for (const c of thread.toArray())
      if (c instanceof Y.Map && c.get('resolved') !== resolved) c.set('resolved', resolved);
  });
}
