// A persona: who lives the journey; touchpoints list the personas they apply to. Its name is its label.
import { LIMITS } from '../limits';
import { defineKind, type NodeOf } from './fields';

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
  },
});

export type PersonaNode = NodeOf<typeof PERSONA_KIND>;
