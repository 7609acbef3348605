// The journey document schema of docs/ARCHITECTURE.md, as TypeScript types and the names of the Yjs
// roots. Node kinds and their fields are declared in kinds/ (one file per kind) and re-exported here.
// Invariants: `integrity.ts` checks them (validateJourney) and restores them (repairJourney) after a merge.
import * as Y from 'yjs';

/** The document schema's version (meta.schemaVersion); older maps are migrated (migrations.ts). */
export const SCHEMA_VERSION = 3;

/** Names of the top-level shared types of one map's `Y.Doc`. */
export const ROOT = {
  meta: 'meta',
  stageOrder: 'stageOrder',
  nodes: 'nodes',
  edges: 'edges',
  metricDefs: 'metricDefs',
  comments: 'comments',
} as const;

export { NODE_KINDS, DEFAULT_SIZE, type NodeKind, type JourneyNode } from './kinds/registry';
export { LANES, type Lane, type TouchpointNode } from './kinds/touchpoint';
export { CHANNEL_TYPES, CHANNEL_MEDIA, type ChannelType, type ChannelMedium, type ChannelNode } from './kinds/channel';
export { type StageNode } from './kinds/stage';
export { type OwnerNode } from './kinds/owner';
export { CHANNEL_PREFERENCES, NEED_WEIGHT_MAX, type ChannelPreference, type PersonaNode } from './kinds/persona';
export { NEED_PRIORITIES, type NeedPriority, type NeedNode } from './kinds/need';
export { type NoteNode } from './kinds/note';
export { LIMITS, EMOTION_MIN, EMOTION_MAX } from './limits';

/**
 * Who made a change: every `doc.transact` carries one, so undo and observers tell them apart. The
 * one vocabulary of the client and the server. Commands take the first six; the server's rooms also
 * write with `load` (the stored document read into a room), `relay` (an update another server
 * process stored and published), `resync` (the stored document applied again after the relay was
 * away) and `relay-completed` (a relayed update that let waiting local updates in).
 */
export type OriginKind =
  | 'local-user'
  | 'remote'
  | 'ingest'
  | 'import'
  | 'migration'
  | 'repair'
  | 'load'
  | 'relay'
  | 'resync'
  | 'relay-completed';
export interface Origin {
  kind: OriginKind;
  /** The acting user's id, for 'local-user' (scopes per-user undo). */
  userId?: string;
}
export const LOCAL_USER: Origin = { kind: 'local-user' };

export interface JourneyMeta {
  title: string;
  goal: string;
  description: string;
  schemaVersion: number;
  createdAt: string; // ISO time
  templateId: string;
}

export interface PathEdge {
  id: string;
  source: string; // a touchpoint id
  target: string; // a touchpoint id, never the source
  kind: 'path';
  label: string;
}

export const STAGE_COLORS = [
  '#4f7cac',
  '#5b9a8b',
  '#c08b3e',
  '#a2607e',
  '#6b6fb5',
  '#7d8f43',
  '#b4584c',
  '#4d8fa8',
] as const;

/** Default persona colours, picked by persona count like STAGE_COLORS. */
export const PERSONA_COLORS = ['#d1495b', '#00798c', '#edae49', '#30638e', '#8e6c8a', '#66a182'] as const;

/**
 * Stage columns are laid out from the stage order, not from a stage's stored x/y: columns abut left
 * to right from (originX, originY), each as wide as its stage's `w`, `gap` apart. Deriving them keeps
 * concurrent reorders conflict-free (only `stageOrder` changes). See `stageColumns()`.
 */
export const STAGE_LAYOUT = { originX: 0, originY: 0, gap: 14 } as const; // the canvas draws these columns (layoutStageColumns)

/** Typed access to the roots of a map's document. */
export function roots(doc: Y.Doc) {
  return {
    meta: doc.getMap<unknown>(ROOT.meta),
    stageOrder: doc.getArray<string>(ROOT.stageOrder),
    nodes: doc.getMap<Y.Map<unknown>>(ROOT.nodes),
    edges: doc.getMap<Y.Map<unknown>>(ROOT.edges),
    metricDefs: doc.getMap<unknown>(ROOT.metricDefs),
    comments: doc.getMap<Y.Array<unknown>>(ROOT.comments),
  };
}
