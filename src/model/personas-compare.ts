// Comparing two personas stage by stage: which steps each takes, how each feels, and where they
// differ most. Which touchpoints apply to a persona follows the rule in personas.ts (no personaIds =
// everyone). Means and curves take every touchpoint of both lanes, as emotionCurve does.
import type * as Y from 'yjs';
import { type ChannelPreference, type PersonaNode, type TouchpointNode } from './schema';
import { byPosition, journeyPath, readNodes, stagesInOrder } from './queries';
import { appliesToPersona, personaIdSet } from './personas';

export interface StageComparison {
  stageId: string;
  /** Touchpoint ids (journey-path order) that apply only to A, only to B, to both. */
  onlyA: string[];
  onlyB: string[];
  both: string[];
  /** Mean emotion of A's touchpoints in the stage; null when A has none there. */
  emotionA: number | null;
  emotionB: number | null;
  /**
   * |emotionA − emotionB| (0 when either is null) + the number of touchpoints that apply to one
   * persona only (onlyA + onlyB). 0 means the stage reads the same for both.
   */
  difference: number;
}

export interface PersonaCurvePoint {
  touchpointId: string;
  stageId: string | null;
  emotion: number;
}

export interface PersonaComparison {
  a: string;
  b: string;
  stages: StageComparison[];
  /** Up to two stage ids with the largest difference (> 0), largest first; ties keep stage order. */
  mostDifferent: string[];
  /** Each persona's emotion curve: its touchpoints along the journey path. */
  curveA: PersonaCurvePoint[];
  curveB: PersonaCurvePoint[];
  /** Every channel (canvas order) with each persona's preference and share, null where not known. */
  channels: Array<{
    channelId: string;
    a: ChannelPreference | null;
    b: ChannelPreference | null;
    shareA: number | null;
    shareB: number | null;
  }>;
  /** The needs either persona weighs, with each one's weight (null: not one of its needs). */
  needs: Array<{ needId: string; a: number | null; b: number | null }>;
}

/** The two personas' channel preferences and need weights side by side. */
function preferencesSideBySide(doc: Y.Doc, a: string, b: string): Pick<PersonaComparison, 'channels' | 'needs'> {
  const nodes = readNodes(doc);
  const persona = (id: string) => nodes.find((n): n is PersonaNode => n.kind === 'persona' && n.id === id);
  const pa = persona(a);
  const pb = persona(b);
  const channels = nodes.filter((n) => n.kind === 'channel').sort(byPosition);
  const needs = nodes
    .filter((n) => n.kind === 'need')
    .filter((n) => pa?.needWeights[n.id] !== undefined || pb?.needWeights[n.id] !== undefined);
  return {
    channels: channels.map((c) => ({
      channelId: c.id,
      a: pa?.channelPrefs[c.id] ?? null,
      b: pb?.channelPrefs[c.id] ?? null,
      shareA: pa?.channelShares[c.id] ?? null,
      shareB: pb?.channelShares[c.id] ?? null,
    })),
    needs: needs.map((n) => ({ needId: n.id, a: pa?.needWeights[n.id] ?? null, b: pb?.needWeights[n.id] ?? null })),
  };
}

function mean(tps: readonly TouchpointNode[]): number | null {
  return tps.length === 0 ? null : tps.reduce((s, t) => s + t.emotion, 0) / tps.length;
}

function curve(path: readonly TouchpointNode[]): PersonaCurvePoint[] {
  return path.map((t) => ({ touchpointId: t.id, stageId: t.stageId, emotion: t.emotion }));
}

/** Compare personas `a` and `b` (ids that name no persona see only the touchpoints meant for everyone). */
export function comparePersonas(doc: Y.Doc, a: string, b: string): PersonaComparison {
  const path = journeyPath(doc);
  const personas = personaIdSet(doc);
  const pathA = path.filter((t) => appliesToPersona(t, a, personas));
  const pathB = path.filter((t) => appliesToPersona(t, b, personas));
  const inA = new Set(pathA.map((t) => t.id));
  const inB = new Set(pathB.map((t) => t.id));
  const stages = stagesInOrder(doc).map((s): StageComparison => {
    const here = path.filter((t) => t.stageId === s.id);
    const tpsA = here.filter((t) => inA.has(t.id));
    const tpsB = here.filter((t) => inB.has(t.id));
    const onlyA = tpsA.filter((t) => !inB.has(t.id)).map((t) => t.id);
    const onlyB = tpsB.filter((t) => !inA.has(t.id)).map((t) => t.id);
    const both = tpsA.filter((t) => inB.has(t.id)).map((t) => t.id);
    const emotionA = mean(tpsA);
    const emotionB = mean(tpsB);
    const gap = emotionA === null || emotionB === null ? 0 : Math.abs(emotionA - emotionB);
    return { stageId: s.id, onlyA, onlyB, both, emotionA, emotionB, difference: gap + onlyA.length + onlyB.length };
  });
  const mostDifferent = stages
    .map((s, i) => ({ s, i }))
    .filter(({ s }) => s.difference > 0)
    .sort((x, y) => y.s.difference - x.s.difference || x.i - y.i)
    .slice(0, 2)
    .map(({ s }) => s.stageId);
  return {
    a,
    b,
    stages,
    mostDifferent,
    curveA: curve(pathA),
    curveB: curve(pathB),
    ...preferencesSideBySide(doc, a, b),
  };
}
