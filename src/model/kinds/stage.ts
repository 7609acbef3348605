// A stage: one column of the journey, laid out from stageOrder (queries.ts stageColumns).
import { LIMITS } from '../limits';
import { defineKind, type NodeOf } from './fields';

export const STAGE_KIND = defineKind({
  kind: 'stage',
  size: { w: 300, h: 0 }, // a stage's height is the canvas's; only its width is the user's
  zeroHeight: true,
  fields: {
    ownerId: { type: 'ref', target: 'owner' },
    goal: { type: 'text', max: LIMITS.textMax },
    color: { type: 'color', fallback: '#888888' },
  },
});

export type StageNode = NodeOf<typeof STAGE_KIND>;
