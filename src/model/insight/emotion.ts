// The emotion curve along the customer's way, and where it is lowest.
import * as Y from 'yjs';
import { journeyPath, stagesInOrder } from '../queries';

export interface EmotionPoint {
  touchpointId: string;
  stageId: string | null;
  emotion: number; // −2..2
}

/** One point per touchpoint along journeyPath (stages in order, unassigned touchpoints last). */
export function emotionCurve(doc: Y.Doc): EmotionPoint[] {
  return journeyPath(doc).map((t) => ({ touchpointId: t.id, stageId: t.stageId, emotion: t.emotion }));
}

export interface StageEmotion {
  stageId: string;
  label: string;
  /** Null when the stage has no touchpoints. */
  mean: number | null;
  min: number | null;
  count: number;
}

export interface EmotionSummary {
  stages: StageEmotion[]; // stage order
  /** The 3 lowest-emotion touchpoints, lowest first; ties in path order. */
  lowestMoments: Array<EmotionPoint & { label: string }>;
}

export function emotionSummary(doc: Y.Doc): EmotionSummary {
  const path = journeyPath(doc);
  const stages = stagesInOrder(doc).map((s) => {
    const e = path.filter((t) => t.stageId === s.id).map((t) => t.emotion);
    return {
      stageId: s.id,
      label: s.label,
      mean: e.length === 0 ? null : e.reduce((a, b) => a + b, 0) / e.length,
      min: e.length === 0 ? null : Math.min(...e),
      count: e.length,
    };
  });
  const lowestMoments = path
    .map((t, pos) => ({ t, pos }))
    .sort((a, b) => a.t.emotion - b.t.emotion || a.pos - b.pos)
    .slice(0, 3)
    .map(({ t }) => ({ touchpointId: t.id, stageId: t.stageId, emotion: t.emotion, label: t.label }));
  return { stages, lowestMoments };
}
