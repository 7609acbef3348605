// The React Flow view of a journey: node and edge types with their data. Derived from the doc,
// never written back whole.
import type { Edge, Node } from '@xyflow/react';
import type { ChannelNode, MediaRef, NoteNode, OwnerNode, StageNode, TouchpointNode } from '../model';
import type { NodeMetricView } from './metrics/metricViews';

// `metrics`: heat and key metrics (absent in views made without the metrics bridge).
export type StageFlowNode = Node<
  { stage: StageNode; owner: OwnerNode | null; touchpointCount: number; metrics?: NodeMetricView },
  'stage'
>;
export type TouchpointFlowNode = Node<
  {
    touchpoint: TouchpointNode;
    channel: ChannelNode | null;
    noteLine: string;
    media: readonly MediaRef[];
    openComments?: number;
    metrics?: NodeMetricView;
  },
  'touchpoint'
>;
export type ChannelFlowNode = Node<{ channel: ChannelNode; usage: number; metrics?: NodeMetricView }, 'channel'>;
export type OwnerFlowNode = Node<{ owner: OwnerNode; stageCount: number }, 'owner'>;
export type NoteFlowNode = Node<{ note: NoteNode }, 'note'>;
/** `laneGrowth`: how much taller than its default the touchpoints lane is drawn (arrangeView). */
export type LanesFlowNode = Node<{ width: number; laneGrowth?: number }, 'lanes'>;
export type EmotionFlowNode = Node<{ width: number }, 'emotion'>;

export type JourneyFlowNode =
  StageFlowNode | TouchpointFlowNode | ChannelFlowNode | OwnerFlowNode | NoteFlowNode | LanesFlowNode | EmotionFlowNode;

export type PathFlowEdge = Edge<{ transition: boolean; fromChannel: string | null; toChannel: string | null }, 'path'>;

export const LANES_NODE_ID = '__lanes';
export const EMOTION_NODE_ID = '__emotion';
/** Nodes the view adds for drawing; they are not in the doc. */
export const VIEW_ONLY_IDS: ReadonlySet<string> = new Set([LANES_NODE_ID, EMOTION_NODE_ID]);
