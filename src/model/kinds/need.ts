// A customer need (to talk to a person, to follow up at any time…): touchpoints and channels say
// which needs they serve, personas how much each need matters to them. Not drawn on the canvas: the
// needs × channels matrix and the census view show them.
import { LIMITS } from '../limits';
import { defineKind, type NodeOf } from './fields';

export const NEED_PRIORITIES = ['high', 'medium', 'low'] as const;
export type NeedPriority = (typeof NEED_PRIORITIES)[number];

export const NEED_KIND = defineKind({
  kind: 'need',
  size: { w: 200, h: 44 },
  fields: {
    description: { type: 'text', max: LIMITS.textMax },
    priority: { type: 'enum', values: NEED_PRIORITIES, fallback: 'medium' },
  },
});

export type NeedNode = NodeOf<typeof NEED_KIND>;
