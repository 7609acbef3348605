// Customer needs: the need nodes themselves, which needs a touchpoint or channel serves, and what a
// persona says about needs and channels (kinds/need.ts, kinds/persona.ts).
import * as Y from 'yjs';
import {
  CHANNEL_PREFERENCES,
  NEED_PRIORITIES,
  NEED_WEIGHT_MAX,
  type ChannelPreference,
  type NeedPriority,
  type Origin,
} from '../schema';
import { ModelError } from '../errors';
import { idOrNew } from '../ids';
import { checkLabel, checkText } from '../validate-input';
import { createNode, listField, replaceIdSet, requireFreeId, requireNode, setIfChanged, write } from '../tx';

/** The ids, each an existing need (before a transaction). */
export function requireNeedIds(doc: Y.Doc, ids: unknown): string[] {
  if (!Array.isArray(ids)) throw new ModelError('invalid-value', 'needIds must be an array');
  for (const id of ids) requireNode(doc, id, ['need'], 'need');
  return [...new Set(ids as string[])];
}

function checkPriority(v: unknown): NeedPriority {
  if (typeof v !== 'string' || !(NEED_PRIORITIES as readonly string[]).includes(v))
    throw new ModelError('invalid-value', `priority must be one of ${NEED_PRIORITIES.join(', ')}`);
  return v as NeedPriority;
}

export interface AddNeedArgs {
  label: string;
  description?: string;
  priority?: NeedPriority;
  id?: string;
}

export function addNeed(doc: Y.Doc, args: AddNeedArgs, origin?: Origin): string {
  const id = requireFreeId(doc, idOrNew(args.id));
  const label = checkLabel(args.label);
  const description = checkText(args.description ?? '', 'description');
  const priority = checkPriority(args.priority ?? 'medium');
  write(doc, origin, () => createNode(doc, id, 'need', label, { x: 0, y: 0 }, { description, priority }));
  return id;
}

/** A need's description and priority (its label: setLabel). */
export function setNeedDetails(
  doc: Y.Doc,
  needId: string,
  details: { description?: string; priority?: NeedPriority },
  origin?: Origin,
): void {
  const m = requireNode(doc, needId, ['need'], 'need');
  const description = details.description === undefined ? undefined : checkText(details.description, 'description');
  const priority = details.priority === undefined ? undefined : checkPriority(details.priority);
  write(doc, origin, () => {
    if (description !== undefined) setIfChanged(m, 'description', description);
    if (priority !== undefined) setIfChanged(m, 'priority', priority);
  });
}

/** Make the needs a touchpoint or channel serves exactly `needIds` (a set, written as a diff). */
export function setServedNeeds(doc: Y.Doc, nodeId: string, needIds: string[], origin?: Origin): void {
  const m = requireNode(doc, nodeId, ['touchpoint', 'channel'], 'touchpoint or channel');
  const wanted = requireNeedIds(doc, needIds);
  write(doc, origin, () => replaceIdSet(listField(m, 'needIds'), wanted));
}

/** The persona's map field `key`, (re)created if a bad merge left something else there. */
function refMap(m: Y.Map<unknown>, key: string): Y.Map<unknown> {
  const v = m.get(key);
  if (v instanceof Y.Map) return v as Y.Map<unknown>;
  const fresh = new Y.Map<unknown>();
  m.set(key, fresh);
  return fresh;
}

function setEntry(map: Y.Map<unknown>, key: string, value: unknown): void {
  if (value === null) {
    if (map.has(key)) map.delete(key);
  } else if (map.get(key) !== value) map.set(key, value);
}

/** How much a need matters to a persona: 1..NEED_WEIGHT_MAX, or null (not one of its needs). */
export function setPersonaNeedWeight(
  doc: Y.Doc,
  personaId: string,
  needId: string,
  weight: number | null,
  origin?: Origin,
): void {
  const m = requireNode(doc, personaId, ['persona'], 'persona');
  requireNode(doc, needId, ['need'], 'need');
  if (weight !== null && !(Number.isInteger(weight) && weight >= 1 && weight <= NEED_WEIGHT_MAX))
    throw new ModelError('invalid-value', `weight must be an integer 1..${NEED_WEIGHT_MAX} or null`);
  write(doc, origin, () => setEntry(refMap(m, 'needWeights'), needId, weight));
}

/**
 * How a persona feels about a channel (null: not known) and, optionally, the share (0..100 %) of its
 * customers who prefer the channel (null: not known; undefined: leave as it is).
 */
export function setPersonaChannelPreference(
  doc: Y.Doc,
  personaId: string,
  channelId: string,
  preference: ChannelPreference | null,
  share?: number | null,
  origin?: Origin,
): void {
  const m = requireNode(doc, personaId, ['persona'], 'persona');
  requireNode(doc, channelId, ['channel'], 'channel');
  if (preference !== null && !(CHANNEL_PREFERENCES as readonly string[]).includes(preference))
    throw new ModelError('invalid-value', `preference must be one of ${CHANNEL_PREFERENCES.join(', ')} or null`);
  if (share !== undefined && share !== null && !(Number.isFinite(share) && share >= 0 && share <= 100))
    throw new ModelError('invalid-value', 'share must be a number 0..100 or null');
  write(doc, origin, () => {
    setEntry(refMap(m, 'channelPrefs'), channelId, preference);
    if (share !== undefined) setEntry(refMap(m, 'channelShares'), channelId, share);
  });
}
