// Touchpoint commands. A touchpoint's x,y are relative to its stage column while it has a stageId
// (the canvas draws it as a child of the stage) and absolute otherwise.
import * as Y from 'yjs';
import { DEFAULT_SIZE, type Lane, type Origin } from '../schema';
import { ModelError } from '../errors';
import { idOrNew } from '../ids';
import { checkEmotion, checkLabel, checkLane, checkList, checkPoint } from '../validate-input';
import {
  listField,
  replaceIdSet,
  replaceList,
  requireFreeId,
  requireNode,
  requireRef,
  setIfChanged,
  write,
} from '../tx';
import { strOrNull } from '../convert';
import { rootMaps } from '../doc-roots';

export interface AddTouchpointArgs {
  stageId: string | null;
  label: string;
  channelId?: string | null;
  x?: number;
  y?: number;
  lane?: Lane;
  id?: string;
}

const GAP = 16;
const HEADER = 64;

/** Default spot for a touchpoint given no position: stacked under the others of its stage. */
function nextSlot(doc: Y.Doc, stageId: string | null): { x: number; y: number } {
  let n = 0;
  rootMaps(doc).nodes.forEach((m) => {
    if (m instanceof Y.Map && m.get('kind') === 'touchpoint' && strOrNull(m, 'stageId') === stageId) n++;
  });
  return { x: GAP, y: HEADER + n * (DEFAULT_SIZE.touchpoint.h + GAP) };
}

export function addTouchpoint(doc: Y.Doc, args: AddTouchpointArgs, origin?: Origin): string {
  const id = requireFreeId(doc, idOrNew(args.id));
  const label = checkLabel(args.label);
  const stageId = requireRef(doc, args.stageId, 'stage');
  const channelId = requireRef(doc, args.channelId, 'channel');
  const lane = args.lane === undefined ? 'front' : checkLane(args.lane);
  const slot = nextSlot(doc, stageId);
  const pos = checkPoint({ x: args.x ?? slot.x, y: args.y ?? slot.y });
  const { nodes } = rootMaps(doc);
  write(doc, origin, () => {
    const m = new Y.Map<unknown>();
    nodes.set(id, m);
    m.set('kind', 'touchpoint');
    m.set('label', label);
    m.set('x', pos.x);
    m.set('y', pos.y);
    m.set('w', DEFAULT_SIZE.touchpoint.w);
    m.set('h', DEFAULT_SIZE.touchpoint.h);
    m.set('stageId', stageId);
    m.set('lane', lane);
    m.set('channelId', channelId);
    m.set('personaIds', new Y.Array<string>());
    m.set('needIds', new Y.Array<string>());
    m.set('emotion', 0);
    m.set('painPoints', new Y.Array<string>());
    m.set('opportunities', new Y.Array<string>());
    // Rich notes live in their own fragment from the start, so two editors never race to create it.
    m.set('notes', new Y.XmlFragment());
    m.set('media', new Y.Array<unknown>());
    m.set('metrics', new Y.Map<unknown>());
  });
  return id;
}

/**
 * Move a touchpoint to another stage (or to none). `position` — its new coordinates in the new
 * frame (relative to the stage, absolute when stageId is null) — is written in the same transaction;
 * without it x,y are left as they are.
 */
export function setTouchpointStage(
  doc: Y.Doc,
  touchpointId: string,
  stageId: string | null,
  position?: { x: number; y: number },
  origin?: Origin,
): void {
  const m = requireNode(doc, touchpointId, ['touchpoint'], 'touchpoint');
  const stage = requireRef(doc, stageId, 'stage');
  const pos = position === undefined ? undefined : checkPoint(position);
  write(doc, origin, () => {
    setIfChanged(m, 'stageId', stage);
    if (pos) {
      setIfChanged(m, 'x', pos.x);
      setIfChanged(m, 'y', pos.y);
    }
  });
}

export function setTouchpointChannel(
  doc: Y.Doc,
  touchpointId: string,
  channelId: string | null,
  origin?: Origin,
): void {
  const m = requireNode(doc, touchpointId, ['touchpoint'], 'touchpoint');
  const channel = requireRef(doc, channelId, 'channel');
  write(doc, origin, () => setIfChanged(m, 'channelId', channel));
}

export function setTouchpointLane(doc: Y.Doc, touchpointId: string, lane: Lane, origin?: Origin): void {
  const m = requireNode(doc, touchpointId, ['touchpoint'], 'touchpoint');
  const l = checkLane(lane);
  write(doc, origin, () => setIfChanged(m, 'lane', l));
}

/**
 * Make the touchpoint's personas exactly `personaIds` (a set; duplicates ignored). Written as a diff
 * — drop the ones no longer wanted, append the new ones — so concurrent edits by two users merge.
 */
export function setTouchpointPersonas(doc: Y.Doc, touchpointId: string, personaIds: string[], origin?: Origin): void {
  const m = requireNode(doc, touchpointId, ['touchpoint'], 'touchpoint');
  if (!Array.isArray(personaIds)) throw new ModelError('invalid-value', 'personaIds must be an array');
  const wanted = [...new Set(personaIds)];
  for (const p of wanted) requireNode(doc, p, ['persona'], 'persona');
  write(doc, origin, () => replaceIdSet(listField(m, 'personaIds'), wanted));
}

export function setEmotion(doc: Y.Doc, touchpointId: string, emotion: number, origin?: Origin): void {
  const m = requireNode(doc, touchpointId, ['touchpoint'], 'touchpoint');
  const e = checkEmotion(emotion);
  write(doc, origin, () => setIfChanged(m, 'emotion', e));
}

export type TouchpointListField = 'painPoints' | 'opportunities';

/** Replace a touchpoint's pain points or opportunities (items trimmed, non-empty, ≤ 500 chars). */
export function setTouchpointList(
  doc: Y.Doc,
  touchpointId: string,
  field: TouchpointListField,
  items: string[],
  origin?: Origin,
): void {
  const m = requireNode(doc, touchpointId, ['touchpoint'], 'touchpoint');
  if (field !== 'painPoints' && field !== 'opportunities')
    throw new ModelError('invalid-value', 'field must be painPoints or opportunities');
  const list = checkList(items, field);
  write(doc, origin, () => replaceList(listField(m, field), list));
}
