// An owner: a person or team responsible for stages. Its name is its label (setLabel writes both).
import { LIMITS } from '../limits';
import { defineKind, type NodeOf } from './fields';

export const OWNER_KIND = defineKind({
  kind: 'owner',
  size: { w: 170, h: 52 },
  fields: {
    name: { type: 'text', max: LIMITS.labelMax, min: 1, fallbackToLabel: true },
    role: { type: 'text', max: LIMITS.labelMax },
    email: {
      type: 'text',
      max: LIMITS.labelMax,
      pattern: { re: /^[^\s@]+@[^\s@]+$/, message: 'must be empty or look like name@domain' },
    },
  },
});

export type OwnerNode = NodeOf<typeof OWNER_KIND>;
