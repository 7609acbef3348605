// Pure derivation of React Flow nodes and edges from the journey's model nodes. It reuses the
// previous flow object whenever its inputs are the same objects, so React Flow (and our memoised
// node components) re-render only the nodes that changed.
import { MarkerType, Position, type NodeHandle } from '@xyflow/react';
import {
  layoutStageColumns,
  orderStages,
  type ChannelNode,
  type JourneyNode,
  type MediaRef,
  type OwnerNode,
  type PathEdge,
  type StageNode,
  type TouchpointNode,
} from '../model';
import { CANVAS_HEIGHT, ESTIMATED_SIZE, LAYOUT, columnsWidth, laneTop, type StageColumn } from './layout';
import type { NodeMetricView } from './metrics/metricViews';
import { EMOTION_NODE_ID, LANES_NODE_ID, type JourneyFlowNode, type PathFlowEdge } from './viewTypes';

export interface ModelSnapshot {
  nodes: ReadonlyMap<string, JourneyNode>;
  stageOrder: readonly string[];
  edges: ReadonlyMap<string, PathEdge>;
  /** First line of each node's notes, for the cards. */
  noteLines: ReadonlyMap<string, string>;
  media: ReadonlyMap<string, readonly MediaRef[]>;
  /** Open comments per node, for the cards' badges. */
  openComments?: ReadonlyMap<string, number>;
  /** Heat and key metrics of touchpoints, channels and stages (each keeps its identity while unchanged). */
  metricViews?: ReadonlyMap<string, NodeMetricView>;
}

const NO_MEDIA: readonly MediaRef[] = [];

/**
 * Where a node's handles are before it is drawn. React Flow mounts (to measure) every node that has
 * no handle bounds, visible or not; with these it can leave the nodes out of view unmounted and
 * still draw their edges. Once a node is measured, its real handles replace these (journeyStore).
 */
const NO_HANDLES: NodeHandle[] = [];
const HANDLE_SIZE = 9; // .react-flow__handle
function cardHandles(width: number, height: number): NodeHandle[] {
  const y = height / 2 - HANDLE_SIZE / 2;
  return [
    {
      id: null,
      type: 'target',
      position: Position.Left,
      x: -HANDLE_SIZE / 2,
      y,
      width: HANDLE_SIZE,
      height: HANDLE_SIZE,
    },
    {
      id: null,
      type: 'source',
      position: Position.Right,
      x: width - HANDLE_SIZE / 2,
      y,
      width: HANDLE_SIZE,
      height: HANDLE_SIZE,
    },
  ];
}

export interface DerivedView {
  stages: StageNode[];
  columns: StageColumn[];
  nodes: JourneyFlowNode[];
  edges: PathFlowEdge[];
}

/** Remembers each flow object with the inputs it was made from. */
export class ViewCache {
  private readonly entries = new Map<string, { inputs: readonly unknown[]; value: unknown }>();

  reuse<T>(id: string, inputs: readonly unknown[], make: () => T): T {
    const entry = this.entries.get(id);
    if (
      entry &&
      entry.inputs.length === inputs.length &&
      entry.inputs.every((input, i) => Object.is(input, inputs[i]))
    ) {
      return entry.value as T;
    }
    const value = make();
    this.entries.set(id, { inputs, value });
    return value;
  }

  retainOnly(ids: ReadonlySet<string>): void {
    for (const id of this.entries.keys()) if (!ids.has(id)) this.entries.delete(id);
  }
}

/** Stages in `stageOrder`, each once; stages missing from the order follow, by id (the model's orderStages). */
export function orderedStages(snapshot: ModelSnapshot): StageNode[] {
  const stages: StageNode[] = [];
  for (const node of snapshot.nodes.values()) if (node.kind === 'stage') stages.push(node);
  return orderStages(stages, snapshot.stageOrder);
}

export function deriveView(snapshot: ModelSnapshot, cache: ViewCache): DerivedView {
  const stages = orderedStages(snapshot);
  const columns = layoutStageColumns(stages);
  const columnById = new Map(columns.map((column) => [column.id, column]));
  const all = [...snapshot.nodes.values()];
  const byId = snapshot.nodes;

  const touchpointsPerStage = new Map<string, number>();
  const channelUsage = new Map<string, number>();
  const stagesPerOwner = new Map<string, number>();
  for (const node of all) {
    if (node.kind === 'touchpoint') {
      if (node.stageId) touchpointsPerStage.set(node.stageId, (touchpointsPerStage.get(node.stageId) ?? 0) + 1);
      if (node.channelId) channelUsage.set(node.channelId, (channelUsage.get(node.channelId) ?? 0) + 1);
    } else if (node.kind === 'stage' && node.ownerId) {
      stagesPerOwner.set(node.ownerId, (stagesPerOwner.get(node.ownerId) ?? 0) + 1);
    }
  }
  const ownerOf = (stage: StageNode): OwnerNode | null => {
    const owner = stage.ownerId ? byId.get(stage.ownerId) : undefined;
    return owner?.kind === 'owner' ? owner : null;
  };
  const channelOf = (touchpoint: TouchpointNode): ChannelNode | null => {
    const channel = touchpoint.channelId ? byId.get(touchpoint.channelId) : undefined;
    return channel?.kind === 'channel' ? channel : null;
  };

  const width = Math.max(columnsWidth(columns), 600);
  const nodes: JourneyFlowNode[] = [
    cache.reuse(LANES_NODE_ID, [width], () => ({
      id: LANES_NODE_ID,
      type: 'lanes' as const,
      position: { x: -LAYOUT.laneLabelWidth, y: 0 },
      data: { width },
      width: width + LAYOUT.laneLabelWidth,
      height: CANVAS_HEIGHT,
      handles: NO_HANDLES,
      draggable: false,
      selectable: false,
      focusable: false,
      deletable: false,
      zIndex: -2,
    })),
  ];
  const emotionLane = LAYOUT.lanes.find((lane) => lane.id === 'emotion');
  nodes.push(
    cache.reuse(EMOTION_NODE_ID, [width], () => ({
      id: EMOTION_NODE_ID,
      type: 'emotion' as const,
      position: { x: 0, y: laneTop('emotion') },
      data: { width },
      width,
      height: emotionLane?.height ?? 0,
      handles: NO_HANDLES,
      draggable: false,
      selectable: false,
      focusable: false,
      deletable: false,
      zIndex: 0,
    })),
  );
  // Parents come before their children, as React Flow requires.
  for (const stage of stages) {
    const column = columnById.get(stage.id);
    if (!column) continue;
    const owner = ownerOf(stage);
    const count = touchpointsPerStage.get(stage.id) ?? 0;
    const metrics = snapshot.metricViews?.get(stage.id);
    nodes.push(
      cache.reuse(stage.id, [stage, column.x, column.w, owner, count, metrics], () => ({
        id: stage.id,
        type: 'stage' as const,
        position: { x: column.x, y: 0 },
        data: { stage, owner, touchpointCount: count, metrics },
        width: column.w,
        height: CANVAS_HEIGHT,
        dragHandle: '.stage-drag-handle',
        handles: NO_HANDLES,
        zIndex: -1,
      })),
    );
  }
  for (const node of all) {
    if (node.kind === 'touchpoint') {
      const channel = channelOf(node);
      const parentId = node.stageId && columnById.has(node.stageId) ? node.stageId : undefined;
      const noteLine = snapshot.noteLines.get(node.id) ?? '';
      const openComments = snapshot.openComments?.get(node.id) ?? 0;
      const media = snapshot.media.get(node.id) ?? NO_MEDIA;
      const metrics = snapshot.metricViews?.get(node.id);
      nodes.push(
        cache.reuse(node.id, [node, channel, parentId, noteLine, media, openComments, metrics], () => ({
          id: node.id,
          type: 'touchpoint' as const,
          position: { x: node.x, y: node.y },
          data: { touchpoint: node, channel, noteLine, media, openComments, metrics },
          parentId,
          width: node.w, // the height follows the card's content
          initialHeight: ESTIMATED_SIZE.touchpointHeight,
          handles: cardHandles(node.w, ESTIMATED_SIZE.touchpointHeight),
        })),
      );
    } else if (node.kind === 'channel') {
      const usage = channelUsage.get(node.id) ?? 0;
      const metrics = snapshot.metricViews?.get(node.id);
      nodes.push(
        cache.reuse(node.id, [node, usage, metrics], () => ({
          id: node.id,
          type: 'channel' as const,
          position: { x: node.x, y: node.y },
          data: { channel: node, usage, metrics },
          initialWidth: ESTIMATED_SIZE.channel.width,
          initialHeight: ESTIMATED_SIZE.channel.height,
          handles: NO_HANDLES,
        })),
      );
    } else if (node.kind === 'owner') {
      const stageCount = stagesPerOwner.get(node.id) ?? 0;
      nodes.push(
        cache.reuse(node.id, [node, stageCount], () => ({
          id: node.id,
          type: 'owner' as const,
          position: { x: node.x, y: node.y },
          data: { owner: node, stageCount },
          initialWidth: ESTIMATED_SIZE.owner.width,
          initialHeight: ESTIMATED_SIZE.owner.height,
          handles: NO_HANDLES,
        })),
      );
    } else if (node.kind === 'note') {
      nodes.push(
        cache.reuse(node.id, [node], () => ({
          id: node.id,
          type: 'note' as const,
          position: { x: node.x, y: node.y },
          data: { note: node },
          width: node.w,
          height: node.h,
          handles: NO_HANDLES,
        })),
      );
    }
  }

  const edges: PathFlowEdge[] = [];
  for (const edge of snapshot.edges.values()) {
    const source = byId.get(edge.source);
    const target = byId.get(edge.target);
    if (source?.kind !== 'touchpoint' || target?.kind !== 'touchpoint') continue;
    const transition = Boolean(source.channelId && target.channelId && source.channelId !== target.channelId);
    edges.push(
      cache.reuse(`edge:${edge.id}`, [edge, source.channelId, target.channelId], () => ({
        id: edge.id,
        type: 'path' as const,
        source: edge.source,
        target: edge.target,
        label: edge.label || undefined,
        data: { transition, fromChannel: source.channelId, toChannel: target.channelId },
        markerEnd: { type: MarkerType.ArrowClosed, width: 18, height: 18 },
      })),
    );
  }
  cache.retainOnly(
    new Set([
      LANES_NODE_ID,
      EMOTION_NODE_ID,
      ...snapshot.nodes.keys(),
      ...[...snapshot.edges.keys()].map((id) => `edge:${id}`),
    ]),
  );
  return { stages, columns, nodes, edges };
}
