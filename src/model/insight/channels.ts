// Channel analysis: the stage × channel inventory and the channel transitions along the path.
import * as Y from 'yjs';
import {
  EMOTION_MAX,
  EMOTION_MIN,
  type ChannelNode,
  type ChannelPreference,
  type ChannelType,
  type PersonaNode,
  type TouchpointNode,
} from '../schema';
import { appliesToPersona } from '../personas';
import { byPosition, journeyPath, readEdges, readNodes, stagesInOrder } from '../queries';
import { readMetricDef, type MetricDef } from '../metrics/defs';
import { readMetricValue } from '../metrics/read';

export interface ChannelInventory {
  stages: Array<{ id: string; label: string }>; // stage order
  channels: Array<{
    id: string;
    label: string;
    type: ChannelType;
    touchpoints: number;
    stageIds: string[];
    /** How many personas prefer / avoid the channel (kinds/persona.ts channelPrefs). */
    preferredBy: number;
    avoidedBy: number;
  }>; // by position
  /** matrix[s][c]: touchpoints of stages[s] through channels[c]. */
  matrix: number[][];
  /** Channels of each type, and the touchpoints (staged or not) that go through them. */
  byType: Record<ChannelType, { channels: number; touchpoints: number }>;
  /** Stages none of whose touchpoints has a channel (stages without touchpoints included). */
  uncoveredStages: string[];
  /** Channels used in ≥ 2 stages and in ≥ 3 stages or ≥ half of the stages. */
  multiStageChannels: string[];
  touchpointsWithoutChannel: number;
}

function journeyParts(doc: Y.Doc) {
  const nodes = readNodes(doc);
  const channels = nodes.filter((n): n is ChannelNode => n.kind === 'channel').sort(byPosition);
  const touchpoints = nodes.filter((n): n is TouchpointNode => n.kind === 'touchpoint');
  const personas = nodes.filter((n): n is PersonaNode => n.kind === 'persona');
  return { channels, touchpoints, personas, channelIds: new Set(channels.map((c) => c.id)) };
}

export function channelInventory(doc: Y.Doc): ChannelInventory {
  const stages = stagesInOrder(doc);
  const { channels, touchpoints, channelIds, personas } = journeyParts(doc);
  const countBy = (channelId: string, pref: ChannelPreference) =>
    personas.filter((p) => p.channelPrefs[channelId] === pref).length;
  const sIdx = new Map(stages.map((s, i) => [s.id, i]));
  const cIdx = new Map(channels.map((c, i) => [c.id, i]));
  const matrix = stages.map(() => channels.map(() => 0));
  const perChannel = channels.map(() => ({ touchpoints: 0, stages: new Set<string>() }));
  const covered = new Set<string>();
  let withoutChannel = 0;
  for (const t of touchpoints) {
    const c = t.channelId !== null && channelIds.has(t.channelId) ? cIdx.get(t.channelId) : undefined;
    if (c === undefined) {
      withoutChannel++;
      continue;
    }
    const pc = perChannel[c];
    if (pc) pc.touchpoints++;
    const s = t.stageId === null ? undefined : sIdx.get(t.stageId);
    if (s === undefined || t.stageId === null) continue;
    const row = matrix[s];
    if (row) row[c] = (row[c] ?? 0) + 1;
    pc?.stages.add(t.stageId);
    covered.add(t.stageId);
  }
  const byType: ChannelInventory['byType'] = {
    digital: { channels: 0, touchpoints: 0 },
    physical: { channels: 0, touchpoints: 0 },
  };
  channels.forEach((c, i) => {
    byType[c.type].channels++;
    byType[c.type].touchpoints += perChannel[i]?.touchpoints ?? 0;
  });
  const orderOf = (ids: Set<string>) => stages.filter((s) => ids.has(s.id)).map((s) => s.id);
  return {
    stages: stages.map((s) => ({ id: s.id, label: s.label })),
    channels: channels.map((c, i) => ({
      id: c.id,
      label: c.label,
      type: c.type,
      touchpoints: perChannel[i]?.touchpoints ?? 0,
      stageIds: orderOf(perChannel[i]?.stages ?? new Set()),
      preferredBy: countBy(c.id, 'preferred'),
      avoidedBy: countBy(c.id, 'avoided'),
    })),
    matrix,
    byType,
    uncoveredStages: stages.filter((s) => !covered.has(s.id)).map((s) => s.id),
    multiStageChannels: channels
      .filter((_, i) => {
        const n = perChannel[i]?.stages.size ?? 0;
        return n >= 2 && (n >= 3 || n * 2 >= stages.length);
      })
      .map((c) => c.id),
    touchpointsWithoutChannel: withoutChannel,
  };
}

export interface ChannelTransition {
  edgeId: string;
  sourceId: string;
  targetId: string;
  fromChannelId: string;
  toChannelId: string;
  /** source.emotion − target.emotion: positive means the customer feels worse after the switch. */
  emotionDrop: number;
  /** The target's drop-off and customer-effort (ces) values, or null when unknown. */
  dropoff: number | null;
  effort: number | null;
  /** The preference cost of the target channel (see preferenceBadness), or null when no persona states one. */
  preference: number | null;
  /** 0..1, higher is worse; see TRANSITION_WEIGHTS. */
  score: number;
}

/**
 * score = Σ wᵢ·badnessᵢ / Σ wᵢ over the components that are known, each badness in 0..1:
 * emotion = max(0, emotionDrop) / 4 (the largest possible drop); dropoff and effort = the target's
 * value placed in its definition's min..max range, oriented so that 1 is the worst end (defaults:
 * drop-off 0..100 %, effort 1..7); preference = how much the personas taking the step dislike the
 * channel they are switched into (preferenceBadness). Emotion is always known; unknown parts do not
 * count for or against.
 */
export const TRANSITION_WEIGHTS = { emotion: 0.4, dropoff: 0.35, effort: 0.25, preference: 0.35 } as const;

/** A switch into an avoided channel costs most; into an acceptable one a little; a preferred one nothing. */
export const PREFERENCE_BADNESS: Record<ChannelPreference, number> = { avoided: 1, acceptable: 0.3, preferred: 0 };

/**
 * The preference cost of switching into `channelId` at touchpoint `t`: the mean PREFERENCE_BADNESS of
 * the personas the step applies to (only `personaId` when given) that state a preference for the
 * channel; null when none does.
 */
export function preferenceBadness(
  t: TouchpointNode,
  channelId: string,
  personas: readonly PersonaNode[],
  personaId: string | null,
): number | null {
  const ids = new Set(personas.map((p) => p.id));
  const stated = personas
    .filter((p) => (personaId === null || p.id === personaId) && appliesToPersona(t, p.id, ids))
    .map((p) => p.channelPrefs[channelId])
    .filter((v): v is ChannelPreference => v !== undefined);
  return stated.length === 0 ? null : stated.reduce((s, v) => s + PREFERENCE_BADNESS[v], 0) / stated.length;
}

/** A value's badness in 0..1 within its def's range (1 = the worse end); null without a usable range. */
export function badness(def: MetricDef | undefined, value: number | null): number | null {
  if (value === null || !def || def.min === undefined || def.max === undefined || def.max <= def.min) return null;
  const x = Math.min(1, Math.max(0, (value - def.min) / (def.max - def.min)));
  return def.better === 'lower' ? x : 1 - x;
}

/**
 * Path edges whose touchpoints have different channels, worst first (score, then emotion drop, then
 * path order). `personaId`: the preference cost is that persona's (default: every persona's).
 */
export function channelTransitions(doc: Y.Doc, personaId: string | null = null): ChannelTransition[] {
  const { touchpoints, channelIds, personas } = journeyParts(doc);
  const byId = new Map(touchpoints.map((t) => [t.id, t]));
  const pathPos = new Map(journeyPath(doc).map((t, i) => [t.id, i]));
  const dropDef = readMetricDef(doc, 'dropoff');
  const effortDef = readMetricDef(doc, 'ces');
  const maxDrop = EMOTION_MAX - EMOTION_MIN;
  const out: Array<ChannelTransition & { pos: number }> = [];
  for (const e of readEdges(doc)) {
    const s = byId.get(e.source);
    const t = byId.get(e.target);
    if (!s || !t || s.channelId === null || t.channelId === null || s.channelId === t.channelId) continue;
    if (!channelIds.has(s.channelId) || !channelIds.has(t.channelId)) continue;
    const emotionDrop = s.emotion - t.emotion;
    const dropoff = readMetricValue(doc, t.id, 'dropoff');
    const effort = readMetricValue(doc, t.id, 'ces');
    const preference = preferenceBadness(t, t.channelId, personas, personaId);
    const parts: Array<[number, number | null]> = [
      [TRANSITION_WEIGHTS.emotion, Math.max(0, emotionDrop) / maxDrop],
      [TRANSITION_WEIGHTS.dropoff, badness(dropDef, dropoff)],
      [TRANSITION_WEIGHTS.effort, badness(effortDef, effort)],
      [TRANSITION_WEIGHTS.preference, preference],
    ];
    let num = 0;
    let den = 0;
    for (const [w, b] of parts) {
      if (b === null) continue;
      num += w * b;
      den += w;
    }
    const score = den > 0 ? num / den : 0;
    const pos = Math.min(pathPos.get(s.id) ?? Infinity, pathPos.get(t.id) ?? Infinity);
    out.push({
      edgeId: e.id,
      sourceId: s.id,
      targetId: t.id,
      fromChannelId: s.channelId,
      toChannelId: t.channelId,
      emotionDrop,
      dropoff,
      effort,
      preference,
      score,
      pos,
    });
  }
  out.sort(
    (a, b) => b.score - a.score || b.emotionDrop - a.emotionDrop || a.pos - b.pos || (a.edgeId < b.edgeId ? -1 : 1),
  );
  return out.map(({ pos: _pos, ...t }) => t);
}
