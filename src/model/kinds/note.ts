// A note: a free sticky note on the canvas; only the common fields.
import { defineKind, type NodeOf } from './fields';

export const NOTE_KIND = defineKind({
  kind: 'note',
  size: { w: 200, h: 120 },
  fields: {},
});

export type NoteNode = NodeOf<typeof NOTE_KIND>;
