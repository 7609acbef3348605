// The journey document schema of docs/ARCHITECTURE.md, as TypeScript types and the names of the Yjs roots.
// Invariants are written on the fields; `integrity.ts` checks them (validateJourney) and restores them (repairJourney)
// after a merge.
import * as Y from 'yjs';

export const SCHEMA_VERSION = 1;

/** Names of the top-level shared types of one map's `Y.Doc`. */
export const ROOT = {
  meta: 'meta',
  stageOrder: 'stageOrder',
  nodes: 'nodes',
  edges: 'edges',
  metricDefs: 'metricDefs',
  comments: 'comments',
} as const;

export const NODE_KINDS = ['stage', 'touchpoint', 'channel', 'owner', 'persona', 'note'] as const;
export type NodeKind = (typeof NODE_KINDS)[number];

export const LANES = ['front', 'back'] as const;
export type Lane = (typeof LANES)[number];

export const CHANNEL_TYPES = ['digital', 'physical'] as const;
export type ChannelType = (typeof CHANNEL_TYPES)[number];

export const CHANNEL_MEDIA = ['web', 'email', 'phone', 'messaging', 'social', 'store', 'kiosk', 'review', 'other'] as const;
export type ChannelMedium = (typeof CHANNEL_MEDIA)[number];

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

export const LIMITS = {
  /** Labels are trimmed; empty labels are refused. */
  labelMax: 200,
  textMax: 2000,
  listItemMax: 500,
  idMax: 64,
  coordinateAbsMax: 1_000_000,
  sizeMin: 20,
  sizeMax: 10_000,
} as const;

export interface JourneyMeta {
  title: string;
  goal: string;
  description: string;
  schemaVersion: number;
  createdAt: string; // ISO time
  templateId: string;
}

interface NodeCommon {
  id: string;
  label: string;
  /** Touchpoints with a stageId: relative to their stage column's top-left. Others: absolute. */
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface StageNode extends NodeCommon {
  kind: 'stage';
  ownerId: string | null; // an existing owner node, or null
  goal: string;
  color: string; // #rrggbb
}

export interface TouchpointNode extends NodeCommon {
  kind: 'touchpoint';
  stageId: string | null; // an existing stage node, or null (unassigned)
  lane: Lane;
  channelId: string | null; // an existing channel node, or null
  personaIds: string[]; // existing persona nodes
  emotion: number; // integer −2..2
  painPoints: string[];
  opportunities: string[];
}

export interface ChannelNode extends NodeCommon {
  kind: 'channel';
  type: ChannelType;
  medium: ChannelMedium;
  needs: string[];
}

export interface OwnerNode extends NodeCommon {
  kind: 'owner';
  name: string;
  role: string;
  email: string;
}

export interface PersonaNode extends NodeCommon {
  kind: 'persona';
  name: string;
  description: string;
  goals: string[];
  frustrations: string[];
  color: string;
  /** The persona's photo: the id of an image MediaRef in the persona's own `media` (absent: no photo). */
  photoMediaId?: string;
}

export interface NoteNode extends NodeCommon {
  kind: 'note';
}

/** A plain, read-only snapshot of one node (what queries return; never written back whole). */
export type JourneyNode = StageNode | TouchpointNode | ChannelNode | OwnerNode | PersonaNode | NoteNode;

export interface PathEdge {
  id: string;
  source: string; // a touchpoint id
  target: string; // a touchpoint id, never the source
  kind: 'path';
  label: string;
}

/** Default sizes by kind, used when a command does not give one. */
export const DEFAULT_SIZE: Record<NodeKind, { w: number; h: number }> = {
  stage: { w: 300, h: 0 }, // a stage's height is the canvas's; only its width is the user's
  touchpoint: { w: 220, h: 96 },
  channel: { w: 160, h: 44 },
  owner: { w: 170, h: 52 },
  persona: { w: 200, h: 80 },
  note: { w: 200, h: 120 },
};

export const STAGE_COLORS = ['#4f7cac', '#5b9a8b', '#c08b3e', '#a2607e', '#6b6fb5', '#7d8f43', '#b4584c', '#4d8fa8'] as const;

/** Default persona colours, picked by persona count like STAGE_COLORS. */
export const PERSONA_COLORS = ['#d1495b', '#00798c', '#edae49', '#30638e', '#8e6c8a', '#66a182'] as const;

/**
 * Stage columns are laid out from the stage order, not from a stage's stored x/y: columns abut left
 * to right from (originX, originY), each as wide as its stage's `w`, `gap` apart. Deriving them keeps
 * concurrent reorders conflict-free (only `stageOrder` changes). See `stageColumns()`.
 */
export const STAGE_LAYOUT = { originX: 0, originY: 0, gap: 14 } as const; // the canvas draws these columns (layoutStageColumns)

export const EMOTION_MIN = -2;
export const EMOTION_MAX = 2;

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
