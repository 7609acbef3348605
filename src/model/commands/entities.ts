// Channels, owners, personas and notes: the nodes that touchpoints and stages refer to.
import * as Y from 'yjs';
import { LIMITS, PERSONA_COLORS, type ChannelMedium, type ChannelType, type Origin } from '../schema';
import { idOrNew } from '../ids';
import {
  checkChannelMedium,
  checkChannelType,
  checkColor,
  checkEmail,
  checkLabel,
  checkList,
  checkPoint,
  checkText,
} from '../validate-input';
import {
  createNode,
  kindOf,
  listField,
  replaceList,
  requireFreeId,
  requireNode,
  setIfChanged,
  write,
  yStrings,
} from '../tx';
import { rootMaps } from '../doc-roots';
import { requireNeedIds } from './needs';

export interface AddChannelArgs {
  label: string;
  type: ChannelType;
  medium: ChannelMedium;
  x?: number;
  y?: number;
  /** Needs the channel serves (ids of need nodes). */
  needIds?: string[];
  id?: string;
}

export function addChannel(doc: Y.Doc, args: AddChannelArgs, origin?: Origin): string {
  const id = requireFreeId(doc, idOrNew(args.id));
  const label = checkLabel(args.label);
  const type = checkChannelType(args.type);
  const medium = checkChannelMedium(args.medium);
  const needIds = requireNeedIds(doc, args.needIds ?? []);
  const pos = checkPoint({ x: args.x ?? 0, y: args.y ?? 0 });
  write(doc, origin, () =>
    createNode(doc, id, 'channel', label, pos, {
      type,
      medium,
      needIds: yStrings(needIds),
      needs: new Y.Array<string>(),
    }),
  );
  return id;
}

export function setChannelKind(
  doc: Y.Doc,
  channelId: string,
  kind: { type?: ChannelType; medium?: ChannelMedium },
  origin?: Origin,
): void {
  const m = requireNode(doc, channelId, ['channel'], 'channel');
  const type = kind.type === undefined ? undefined : checkChannelType(kind.type);
  const medium = kind.medium === undefined ? undefined : checkChannelMedium(kind.medium);
  write(doc, origin, () => {
    if (type !== undefined) setIfChanged(m, 'type', type);
    if (medium !== undefined) setIfChanged(m, 'medium', medium);
  });
}

export interface AddOwnerArgs {
  name: string;
  role?: string;
  email?: string;
  x?: number;
  y?: number;
  id?: string;
}

export function addOwner(doc: Y.Doc, args: AddOwnerArgs, origin?: Origin): string {
  const id = requireFreeId(doc, idOrNew(args.id));
  const name = checkLabel(args.name, 'name');
  const role = checkText(args.role ?? '', 'role', LIMITS.labelMax);
  const email = checkEmail(args.email ?? '');
  const pos = checkPoint({ x: args.x ?? 0, y: args.y ?? 0 });
  write(doc, origin, () => createNode(doc, id, 'owner', name, pos, { name, role, email }));
  return id;
}

/** Role and e-mail of an owner (its name is its label: use setLabel). */
export function setOwnerDetails(
  doc: Y.Doc,
  ownerId: string,
  details: { role?: string; email?: string },
  origin?: Origin,
): void {
  const m = requireNode(doc, ownerId, ['owner'], 'owner');
  const role = details.role === undefined ? undefined : checkText(details.role, 'role', LIMITS.labelMax);
  const email = details.email === undefined ? undefined : checkEmail(details.email);
  write(doc, origin, () => {
    if (role !== undefined) setIfChanged(m, 'role', role);
    if (email !== undefined) setIfChanged(m, 'email', email);
  });
}

export interface AddPersonaArgs {
  name: string;
  description?: string;
  color?: string;
  x?: number;
  y?: number;
  id?: string;
}

export function addPersona(doc: Y.Doc, args: AddPersonaArgs, origin?: Origin): string {
  const id = requireFreeId(doc, idOrNew(args.id));
  const name = checkLabel(args.name, 'name');
  const description = checkText(args.description ?? '', 'description');
  const pos = checkPoint({ x: args.x ?? 0, y: args.y ?? 0 });
  let count = 0;
  rootMaps(doc).nodes.forEach((m) => {
    if (m instanceof Y.Map && kindOf(m) === 'persona') count++;
  });
  const color =
    args.color === undefined
      ? (PERSONA_COLORS[count % PERSONA_COLORS.length] ?? PERSONA_COLORS[0])
      : checkColor(args.color);
  write(doc, origin, () =>
    createNode(doc, id, 'persona', name, pos, {
      name,
      description,
      goals: new Y.Array<string>(),
      frustrations: new Y.Array<string>(),
      color,
      needWeights: new Y.Map<unknown>(),
      channelPrefs: new Y.Map<unknown>(),
      channelShares: new Y.Map<unknown>(),
    }),
  );
  return id;
}

export interface PersonaDetails {
  description?: string;
  color?: string;
  goals?: string[];
  frustrations?: string[];
}

export function setPersonaDetails(doc: Y.Doc, personaId: string, details: PersonaDetails, origin?: Origin): void {
  const m = requireNode(doc, personaId, ['persona'], 'persona');
  const description = details.description === undefined ? undefined : checkText(details.description, 'description');
  const color = details.color === undefined ? undefined : checkColor(details.color);
  const goals = details.goals === undefined ? undefined : checkList(details.goals, 'goals');
  const frustrations = details.frustrations === undefined ? undefined : checkList(details.frustrations, 'frustrations');
  write(doc, origin, () => {
    if (description !== undefined) setIfChanged(m, 'description', description);
    if (color !== undefined) setIfChanged(m, 'color', color);
    if (goals) replaceList(listField(m, 'goals'), goals);
    if (frustrations) replaceList(listField(m, 'frustrations'), frustrations);
  });
}

export interface AddNoteArgs {
  label: string;
  x: number;
  y: number;
  id?: string;
}

export function addNote(doc: Y.Doc, args: AddNoteArgs, origin?: Origin): string {
  const id = requireFreeId(doc, idOrNew(args.id));
  const label = checkLabel(args.label);
  const pos = checkPoint({ x: args.x, y: args.y });
  write(doc, origin, () => createNode(doc, id, 'note', label, pos, {}));
  return id;
}
