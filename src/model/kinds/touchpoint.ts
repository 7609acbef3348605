// A touchpoint: one moment of the journey, in a stage's column (x,y relative to it) or free.
import { EMOTION_MAX, EMOTION_MIN } from '../limits';
import { defineKind, type NodeOf } from './fields';

export const LANES = ['front', 'back'] as const;
export type Lane = (typeof LANES)[number];

export const TOUCHPOINT_KIND = defineKind({
  kind: 'touchpoint',
  size: { w: 220, h: 96 },
  shared: ['notes', 'media', 'metrics'],
  fields: {
    stageId: { type: 'ref', target: 'stage', frame: true },
    lane: { type: 'enum', values: LANES, fallback: 'front' },
    channelId: { type: 'ref', target: 'channel' },
    personaIds: { type: 'refs', target: 'persona' },
    needIds: { type: 'refs', target: 'need' },
    emotion: { type: 'number', integer: true, min: EMOTION_MIN, max: EMOTION_MAX, fallback: 0 },
    painPoints: { type: 'list' },
    opportunities: { type: 'list' },
  },
});

export type TouchpointNode = NodeOf<typeof TOUCHPOINT_KIND>;
