// Media references: the bytes live on the server, addressed by their sha-256; a node keeps only the
// refs, in its `media` Y.Array of plain objects (a ref never changes, so it is never a Y.Map).
// Touchpoints get the array at creation; other kinds get it lazily on their first attach.
import * as Y from 'yjs';
import { type Origin } from './schema';
import { ModelError } from './errors';
import { requireNode, write } from './tx';
import { rootMaps } from './doc-roots';

export const MEDIA_KINDS = ['image', 'audio', 'video', 'document'] as const;
export type MediaKind = (typeof MEDIA_KINDS)[number];

export interface MediaRef {
  id: string; // sha-256 of the bytes: 64 lower-case hex characters
  name: string; // 1..255 characters, no path separators or control characters
  mime: string; // type/subtype, lower-case
  size: number; // bytes, integer ≥ 0
  kind: MediaKind;
}

export const MEDIA_NAME_MAX = 255;
const SHA256 = /^[0-9a-f]{64}$/;
const MIME = /^[a-z0-9][a-z0-9!#$&^_.+-]{0,63}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}$/;
// eslint-disable-next-line no-control-regex -- control characters are exactly what a name may not hold
const BAD_NAME_CHAR = /[\u0000-\u001f\u007f-\u009f/\\]/;

export function isMediaId(v: unknown): v is string {
  return typeof v === 'string' && SHA256.test(v);
}

/** The kind a MIME type displays as: image/*, audio/*, video/*; everything else is a document. */
export function mediaKindOf(mime: string): MediaKind {
  const type = typeof mime === 'string' ? mime.trim().toLowerCase().split('/')[0] : '';
  return type === 'image' || type === 'audio' || type === 'video' ? type : 'document';
}

/** Why `v` is not a MediaRef (a message naming the field), or null when it is one. */
export function mediaRefProblem(v: unknown): string | null {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return 'must be an object {id, name, mime, size, kind}';
  const r = v as Record<string, unknown>;
  if (!isMediaId(r.id)) return 'id: must be a sha-256 (64 lower-case hex characters)';
  const name = r.name;
  if (typeof name !== 'string' || name.length === 0 || name.length > MEDIA_NAME_MAX)
    return `name: must be 1..${MEDIA_NAME_MAX} characters`;
  if (BAD_NAME_CHAR.test(name) || name === '.' || name === '..')
    return 'name: must not contain path separators or control characters';
  if (typeof r.mime !== 'string' || !MIME.test(r.mime)) return 'mime: must be a lower-case MIME type like image/png';
  if (typeof r.size !== 'number' || !Number.isSafeInteger(r.size) || r.size < 0) return 'size: must be an integer ≥ 0';
  if (typeof r.kind !== 'string' || !(MEDIA_KINDS as readonly string[]).includes(r.kind))
    return `kind: must be one of ${MEDIA_KINDS.join(', ')}`;
  return null;
}

/** A validated copy of `ref` holding exactly the MediaRef fields (mime lower-cased first). */
export function checkMediaRef(ref: unknown, what = 'media'): MediaRef {
  const r = typeof ref === 'object' && ref !== null && !Array.isArray(ref) ? (ref as Record<string, unknown>) : null;
  const candidate = r && typeof r.mime === 'string' ? { ...r, mime: r.mime.trim().toLowerCase() } : ref;
  const problem = mediaRefProblem(candidate);
  if (problem !== null) throw new ModelError('invalid-value', `${what}.${problem}`);
  const c = candidate as MediaRef;
  return { id: c.id, name: c.name, mime: c.mime, size: c.size, kind: c.kind };
}

export function checkMediaId(v: unknown, what = 'media id'): string {
  if (!isMediaId(v)) throw new ModelError('invalid-value', `${what} must be a sha-256 (64 lower-case hex characters)`);
  return v;
}

/** The node's media array, created if missing (call inside a transaction). */
export function mediaField(m: Y.Map<unknown>): Y.Array<unknown> {
  const v = m.get('media');
  if (v instanceof Y.Array) return v;
  const a = new Y.Array<unknown>();
  m.set('media', a);
  return a;
}

/**
 * Attach a media ref to any node. A ref whose id is already on the node is a no-op (the same
 * bytes, perhaps uploaded twice). Two users attaching the very first media of a non-touchpoint node
 * at the same moment both create the array and one of them wins: the other's ref is lost.
 */
export function attachMedia(doc: Y.Doc, nodeId: string, ref: MediaRef, origin?: Origin): void {
  const m = requireNode(doc, nodeId);
  const r = checkMediaRef(ref);
  const present = readMediaOf(m).some((x) => x.id === r.id);
  write(doc, origin, () => {
    if (!present) mediaField(m).push([r]);
  });
}

/**
 * Remove a media ref (every copy of it, as concurrent attaches can leave two) from a node; an id
 * that is not there is a no-op. A persona's photo that was this media is cleared with it.
 */
export function detachMedia(doc: Y.Doc, nodeId: string, mediaId: string, origin?: Origin): void {
  const m = requireNode(doc, nodeId);
  const id = checkMediaId(mediaId);
  write(doc, origin, () => {
    const list = m.get('media');
    if (list instanceof Y.Array) {
      const items = list.toArray();
      for (let i = items.length - 1; i >= 0; i--) {
        const it = items[i];
        if (typeof it === 'object' && it !== null && (it as { id?: unknown }).id === id) list.delete(i, 1);
      }
    }
    if (m.get('photoMediaId') === id) m.delete('photoMediaId');
  });
}

/** The valid refs of a node map, each id once (first kept), in attach order. */
export function readMediaOf(m: Y.Map<unknown>): MediaRef[] {
  const list = m.get('media');
  if (!(list instanceof Y.Array)) return [];
  const seen = new Set<string>();
  const out: MediaRef[] = [];
  for (const it of list.toArray()) {
    if (mediaRefProblem(it) !== null) continue;
    const r = it as MediaRef;
    if (seen.has(r.id)) continue;
    seen.add(r.id);
    out.push({ id: r.id, name: r.name, mime: r.mime, size: r.size, kind: r.kind });
  }
  return out;
}

/** A node's media refs (tolerant: invalid entries and repeats are skipped; [] for a missing node). */
export function readMedia(doc: Y.Doc, nodeId: string): MediaRef[] {
  const m = rootMaps(doc).nodes.get(nodeId);
  return m instanceof Y.Map ? readMediaOf(m) : [];
}
