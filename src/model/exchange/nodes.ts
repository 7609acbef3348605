// Checking one node of a journey file: its kind's fields with the command rules (labels 1..200,
// emotion −2..2, enums…), its notes tree, media refs, metrics and extra fields. References between
// nodes are checked afterwards, once every node is known (validate.ts).
import { CHANNEL_MEDIA, CHANNEL_TYPES, DEFAULT_SIZE, EMOTION_MAX, EMOTION_MIN, LANES, LIMITS, NODE_KINDS, type JourneyNode, type NodeKind } from '../schema';
import { mediaRefProblem, isMediaId, type MediaRef } from '../media';
import { checkJson, checkNotes, fail, type JsonObject } from './yjson';
import { KIND_KEYS, type JourneyJsonNode } from './export';
import { arr, color, coordinate, id, idOrNull, integer, label, obj, oneOf, size, text, textList, type Obj } from './fields';

const EMAIL = /^[^\s@]+@[^\s@]+$/;

interface Common {
  id: string;
  kind: NodeKind;
  label: string;
  x: number;
  y: number;
  w: number;
  h: number;
}

function kindFields(n: Obj, p: string, common: Common): JourneyNode {
  switch (common.kind) {
    case 'stage':
      return { ...common, kind: 'stage', ownerId: idOrNull(n.ownerId, `${p}.ownerId`), goal: text(n.goal, `${p}.goal`), color: color(n.color, `${p}.color`) };
    case 'touchpoint':
      return {
        ...common,
        kind: 'touchpoint',
        stageId: idOrNull(n.stageId, `${p}.stageId`),
        lane: oneOf(LANES, n.lane, `${p}.lane`),
        channelId: idOrNull(n.channelId, `${p}.channelId`),
        personaIds: arr(n.personaIds, `${p}.personaIds`).map((x, i) => id(x, `${p}.personaIds[${i}]`)),
        emotion: integer(n.emotion, `${p}.emotion`, EMOTION_MIN, EMOTION_MAX),
        painPoints: textList(n.painPoints, `${p}.painPoints`),
        opportunities: textList(n.opportunities, `${p}.opportunities`),
      };
    case 'channel':
      return {
        ...common,
        kind: 'channel',
        type: oneOf(CHANNEL_TYPES, n.type, `${p}.type`),
        medium: oneOf(CHANNEL_MEDIA, n.medium, `${p}.medium`),
        needs: textList(n.needs, `${p}.needs`),
      };
    case 'owner': {
      const email = text(n.email, `${p}.email`, LIMITS.labelMax);
      if (email !== '' && !EMAIL.test(email)) fail(`${p}.email`, 'must be empty or look like name@domain');
      return { ...common, kind: 'owner', name: label(n.name, `${p}.name`), role: text(n.role, `${p}.role`, LIMITS.labelMax), email };
    }
    case 'persona': {
      if (n.photoMediaId !== undefined && !isMediaId(n.photoMediaId)) fail(`${p}.photoMediaId`, 'must be a sha-256 (64 lower-case hex characters)');
      return {
        ...common,
        kind: 'persona',
        name: label(n.name, `${p}.name`),
        description: text(n.description, `${p}.description`),
        goals: textList(n.goals, `${p}.goals`),
        frustrations: textList(n.frustrations, `${p}.frustrations`),
        color: color(n.color, `${p}.color`),
        ...(n.photoMediaId !== undefined ? { photoMediaId: n.photoMediaId as string } : {}),
      };
    }
    case 'note':
      return { ...common, kind: 'note' };
  }
}

function media(v: unknown, p: string): MediaRef[] {
  const seen = new Set<string>();
  return arr(v, p).map((r, i) => {
    const problem = mediaRefProblem(r);
    if (problem !== null) {
      const field = /^(\w+): (.*)$/.exec(problem); // "name: must be…" → path …[i].name
      fail(field ? `${p}[${i}].${field[1]}` : `${p}[${i}]`, field?.[2] ?? problem);
    }
    const m = r as MediaRef;
    if (seen.has(m.id)) fail(`${p}[${i}].id`, `repeats media ${m.id}`);
    seen.add(m.id);
    return { id: m.id, name: m.name, mime: m.mime, size: m.size, kind: m.kind };
  });
}

/** One node of the file, checked and normalised (references not yet checked). */
export function checkNode(v: unknown, p: string): JourneyJsonNode {
  const n = obj(v, p);
  const kind = oneOf(NODE_KINDS, n.kind, `${p}.kind`);
  const common = {
    id: id(n.id, `${p}.id`),
    kind,
    label: label(n.label, `${p}.label`),
    x: coordinate(n.x, `${p}.x`),
    y: coordinate(n.y, `${p}.y`),
    w: n.w === undefined ? DEFAULT_SIZE[kind].w : size(n.w, `${p}.w`, false),
    h: n.h === undefined ? DEFAULT_SIZE[kind].h : size(n.h, `${p}.h`, kind === 'stage'),
  };
  const out: JourneyJsonNode = { ...kindFields(n, p, common) };
  if (n.notes !== undefined) out.notes = checkNotes(n.notes, `${p}.notes`);
  if (n.media !== undefined) out.media = media(n.media, `${p}.media`);
  if (n.metrics !== undefined) out.metrics = checkJson(n.metrics, `${p}.metrics`);
  if (n.extra !== undefined) {
    const extra = obj(n.extra, `${p}.extra`);
    const reserved = ['kind', 'label', 'x', 'y', 'w', 'h', 'notes', 'media', 'metrics', ...KIND_KEYS[kind]];
    for (const k of Object.keys(extra)) if (reserved.includes(k)) fail(`${p}.extra.${k}`, 'is a field of the node, not an extra');
    out.extra = checkJson(extra, `${p}.extra`) as JsonObject;
  }
  return out;
}
