// A persona: who lives the journey; touchpoints list the personas they apply to. Its name is its label.
import { LIMITS } from '../limits';
import { defineKind, type NodeOf } from './fields';

/** How a persona feels about a channel (absent: not known). */
export const CHANNEL_PREFERENCES = ['preferred', 'acceptable', 'avoided'] as const;
export type ChannelPreference = (typeof CHANNEL_PREFERENCES)[number];
/** How much a need matters to a persona: 1 a little, 2 much, 3 most (absent: not one of its needs). */
export const NEED_WEIGHT_MAX = 3;

export const PERSONA_KIND = defineKind({
  kind: 'persona',
  size: { w: 200, h: 80 },
  fields: {
    name: { type: 'text', max: LIMITS.labelMax, min: 1, fallbackToLabel: true },
    description: { type: 'text', max: LIMITS.textMax },
    goals: { type: 'list' },
    frustrations: { type: 'list' },
    color: { type: 'color', fallback: '#888888' },
    /** The persona's photo: the id of an image MediaRef in the persona's own `media` (absent: no photo). */
    photoMediaId: { type: 'mediaId', optional: true },
    needWeights: {
      type: 'refMap',
      target: 'need',
      value: { type: 'number', integer: true, min: 1, max: NEED_WEIGHT_MAX, fallback: 2 },
    },
    channelPrefs: {
      type: 'refMap',
      target: 'channel',
      value: { type: 'enum', values: CHANNEL_PREFERENCES, fallback: 'acceptable' },
    },
    /** Per channel, the share (%) of the persona's customers who prefer it, where known. */
    channelShares: {
      type: 'refMap',
      target: 'channel',
      value: { type: 'number', integer: false, min: 0, max: 100, fallback: 0 },
    },
  },
});

export type PersonaNode = NodeOf<typeof PERSONA_KIND>;
