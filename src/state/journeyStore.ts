// The doc→view bridge: observes one map's Y.Doc and keeps a zustand store of React Flow nodes and
// edges. Only the model nodes touched by a transaction are re-read; everything else keeps its
// identity, so one remote change re-renders one node. Local-only flow state (selection, measured
// size, an in-progress drag) is kept across doc updates and never written to the doc.
import * as Y from 'yjs';
import { applyEdgeChanges, applyNodeChanges, type EdgeChange, type NodeChange } from '@xyflow/react';
import { createStore, type StoreApi } from 'zustand/vanilla';
import {
  edgeFromYMap,
  firstNoteLine,
  nodeFromYMap,
  openCommentCounts,
  readMedia,
  readMeta,
  roots,
  type MediaRef,
  type JourneyMeta,
  type JourneyNode,
  type MetricDef,
  type OwnerNode,
  type PathEdge,
  type StageNode,
} from '../model';
import type { StageColumn } from './layout';
import { MetricsTracker } from './metrics/metricsTracker';
import type { NodeMetrics } from './metrics/metricViews';
import { useUi } from './uiStore';
import { ViewCache, deriveView } from './journeyView';
import { arrangeView } from './arrangeView';
import type { Obstacle } from './edgeRoute';
import type { JourneyFlowNode, PathFlowEdge } from './viewTypes';

export interface JourneyViewState {
  meta: JourneyMeta;
  stages: StageNode[];
  columns: StageColumn[];
  nodes: JourneyFlowNode[];
  /**
   * The nodes where the doc has them, without local state (drags, selection, sizes): a new array only
   * when the doc changes, for views that need not follow a drag frame by frame (the emotion curve).
   */
  placedNodes: JourneyFlowNode[];
  edges: PathFlowEdge[];
  /** How much taller than its default the touchpoints lane is drawn (arrangeView). */
  laneGrowth: number;
  /** The cards' boxes where they are drawn; a new array only when the layout changes (not on drag frames). */
  cardBoxes: Obstacle[];
  /** Model nodes by id, for panels and commands that need the current values. */
  modelNodes: ReadonlyMap<string, JourneyNode>;
  /** The map's owners; the same array object until an owner changes (stage headers subscribe). */
  owners: OwnerNode[];
  /** The map's metric definitions in force; the same array until one changes. */
  metricDefs: MetricDef[];
  /** Metrics of each touchpoint, channel and stage (for the inspector and panels). */
  nodeMetrics: ReadonlyMap<string, NodeMetrics>;
}

export interface JourneyStore extends StoreApi<JourneyViewState> {
  /** True when some default metric definitions are not stored in the doc yet. */
  missingDefaultMetricDefs(): boolean;
  applyNodeChanges(changes: NodeChange<JourneyFlowNode>[]): void;
  applyEdgeChanges(changes: EdgeChange<PathFlowEdge>[]): void;
  /** Re-derives from the doc and drops local positions (a drag that the doc did not take). */
  resetPositions(): void;
  /**
   * Draws nodes that other people are dragging at their live positions (never written to the doc).
   * A node this person is dragging is left alone.
   */
  showLivePositions(positions: ReadonlyMap<string, { x: number; y: number }>): void;
  /** Puts nodes back where the doc has them (another person's drag ended without moving them). */
  restoreDocPositions(ids: Iterable<string>): void;
  destroy(): void;
}

function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((item, i) => item === b[i]);
}

/**
 * What a measured node gets besides its size: no estimated handles (journeyView's cardHandles), so
 * React Flow reads its real ones from the DOM from now on.
 */
const REAL_HANDLES = { handles: undefined };

/** The nodes placed so that none overlaps (arrangeView); the same array when nothing moved. */
function arranged(nodes: JourneyFlowNode[]): { nodes: JourneyFlowNode[]; laneGrowth: number; cardBoxes: Obstacle[] } {
  const view = arrangeView(nodes);
  return {
    nodes: sameItems(view.nodes, nodes) ? nodes : view.nodes,
    laneGrowth: view.laneGrowth,
    cardBoxes: view.cardBoxes,
  };
}

function carryLocalState<T extends { id: string; selected?: boolean }>(
  derived: T[],
  current: T[],
  lastDerived: Map<string, T>,
): T[] {
  const currentById = new Map(current.map((item) => [item.id, item]));
  const next = derived.map((item) => {
    const local = currentById.get(item.id);
    if (!local) return item;
    if (lastDerived.get(item.id) === item) return local; // unchanged in the doc: keep the local object
    const { selected, measured, dragging, position } = local as T & {
      measured?: unknown;
      dragging?: boolean;
      position?: unknown;
    };
    // a node being dragged here stays under the pointer: the doc gets its position on drop
    return {
      ...item,
      selected,
      ...(measured ? { measured, ...REAL_HANDLES } : {}),
      ...(dragging ? { dragging, position } : {}),
    };
  });
  // nothing changed (a drag moves nodes, not edges): keep the array, so React Flow skips its update
  return sameItems(next, current) ? current : next;
}

export function createJourneyStore(doc: Y.Doc): JourneyStore {
  const { nodes: yNodes, edges: yEdges, stageOrder, meta: yMeta } = roots(doc);
  const modelNodes = new Map<string, JourneyNode>();
  const modelEdges = new Map<string, PathEdge>();
  const noteLines = new Map<string, string>();
  const media = new Map<string, readonly MediaRef[]>();
  const cache = new ViewCache();
  const metrics = new MetricsTracker(doc);
  let lastNodes = new Map<string, JourneyFlowNode>();
  let lastEdges = new Map<string, PathFlowEdge>();

  const readNodeInto = (id: string) => {
    const ymap = yNodes.get(id);
    noteLines.delete(id);
    media.delete(id);
    if (!ymap) return void modelNodes.delete(id);
    try {
      const node = nodeFromYMap(id, ymap);
      modelNodes.set(id, node);
      if (node.kind === 'touchpoint') {
        noteLines.set(id, firstNoteLine(doc, id));
        media.set(id, readMedia(doc, id));
      }
    } catch {
      modelNodes.delete(id); // a node another client is still writing, or malformed: skip, don't crash the view
    }
  };
  const readEdgeInto = (id: string) => {
    const ymap = yEdges.get(id);
    if (!ymap) return void modelEdges.delete(id);
    try {
      modelEdges.set(id, edgeFromYMap(id, ymap));
    } catch {
      modelEdges.delete(id);
    }
  };
  yNodes.forEach((_value, id) => readNodeInto(id));
  yEdges.forEach((_value, id) => readEdgeInto(id));

  const derive = (current: JourneyViewState | null, keepLocal: boolean) => {
    const { colorBy, cardMetrics } = useUi.getState();
    const metricData = metrics.snapshot(modelNodes, { colorBy, cardMetrics });
    const view = deriveView(
      {
        nodes: modelNodes,
        stageOrder: stageOrder.toArray(),
        edges: modelEdges,
        noteLines,
        media,
        openComments: openCommentCounts(doc),
        metricViews: metricData.views,
      },
      cache,
    );
    const { nodes, laneGrowth, cardBoxes } = arranged(
      current && keepLocal ? carryLocalState(view.nodes, current.nodes, lastNodes) : view.nodes,
    );
    const edges = current && keepLocal ? carryLocalState(view.edges, current.edges, lastEdges) : view.edges;
    lastNodes = new Map(view.nodes.map((node) => [node.id, node]));
    lastEdges = new Map(view.edges.map((edge) => [edge.id, edge]));
    const owners = [...modelNodes.values()].filter((node): node is OwnerNode => node.kind === 'owner');
    const previousOwners = current && 'owners' in current ? (current as JourneyViewState).owners : null;
    return {
      stages: view.stages,
      columns: view.columns,
      nodes,
      placedNodes: view.nodes,
      laneGrowth,
      cardBoxes,
      edges,
      modelNodes: new Map(modelNodes),
      owners: previousOwners && sameItems(previousOwners, owners) ? previousOwners : owners,
      metricDefs: metricData.defs,
      nodeMetrics: metricData.nodeMetrics,
    };
  };

  const store = createStore<JourneyViewState>(() => ({ meta: readMeta(doc), ...derive(null, false) }));

  type DeepEvents = Parameters<Parameters<typeof yNodes.observeDeep>[0]>[0];
  /** Ids of the entries of a root map that a transaction touched, at any depth. */
  const changedIds = (events: DeepEvents, root: Y.Map<Y.Map<unknown>>) => {
    const ids = new Set<string>();
    for (const event of events) {
      if (event.target === root && event instanceof Y.YMapEvent) event.keysChanged.forEach((key) => ids.add(key));
      else if (typeof event.path[0] === 'string') ids.add(event.path[0]);
    }
    return ids;
  };
  const onNodes = (events: DeepEvents) => changedIds(events, yNodes).forEach(readNodeInto);
  const onEdges = (events: DeepEvents) => changedIds(events, yEdges).forEach(readEdgeInto);
  yNodes.observeDeep(onNodes);
  yEdges.observeDeep(onEdges);
  // One re-derivation per transaction, after every observer has updated the model maps.
  const onAfterTransaction = (transaction: Y.Transaction) => {
    if (transaction.changed.size === 0 && transaction.changedParentTypes.size === 0) return;
    const metaChanged = [...transaction.changed.keys()].some((type) => (type as unknown) === yMeta);
    store.setState((state) => ({ ...derive(state, true), ...(metaChanged ? { meta: readMeta(doc) } : {}) }));
  };
  doc.on('afterTransaction', onAfterTransaction);
  // The colour-by metric and the cards' key metrics are UI state: a change re-derives the view.
  const offUi = useUi.subscribe((ui, before) => {
    if (ui.colorBy !== before.colorBy || ui.cardMetrics !== before.cardMetrics)
      store.setState((state) => derive(state, true));
  });

  /** Replaces the positions of some nodes; the same state (no re-render) when none differs. */
  const placeNodes = (positionOf: (node: JourneyFlowNode) => { x: number; y: number } | undefined) =>
    store.setState((state) => {
      let changed = false;
      const nodes = state.nodes.map((node) => {
        const position = positionOf(node);
        if (!position || node.dragging || (node.position.x === position.x && node.position.y === position.y))
          return node;
        changed = true;
        return { ...node, position };
      });
      return changed ? { nodes } : state;
    });

  return Object.assign(store, {
    showLivePositions(positions: ReadonlyMap<string, { x: number; y: number }>) {
      if (positions.size > 0) placeNodes((node) => positions.get(node.id));
    },
    restoreDocPositions(ids: Iterable<string>) {
      const wanted = new Set(ids);
      if (wanted.size > 0) placeNodes((node) => (wanted.has(node.id) ? lastNodes.get(node.id)?.position : undefined));
    },
    missingDefaultMetricDefs: () => metrics.missingDefaults(),
    applyNodeChanges(changes: NodeChange<JourneyFlowNode>[]) {
      const measuredNow = new Set(changes.filter((change) => change.type === 'dimensions').map((change) => change.id));
      store.setState((state) => {
        const nodes = applyNodeChanges(changes, state.nodes);
        // a drag frame only moves the dragged nodes; a drop, a new size or a new node re-arranges
        if (measuredNow.size === 0 && !changes.some((change) => change.type === 'position' && !change.dragging))
          return { nodes };
        return arranged(
          nodes.map((node) => (measuredNow.has(node.id) && node.handles ? { ...node, ...REAL_HANDLES } : node)),
        );
      });
    },
    applyEdgeChanges(changes: EdgeChange<PathFlowEdge>[]) {
      store.setState((state) => ({ edges: applyEdgeChanges(changes, state.edges) }));
    },
    resetPositions() {
      store.setState((state) => {
        const fresh = derive(state, false);
        const selected = new Set(state.nodes.filter((node) => node.selected).map((node) => node.id));
        const measured = new Map(state.nodes.map((node) => [node.id, node.measured]));
        return {
          ...fresh,
          ...arranged(
            fresh.nodes.map((node) => {
              const size = measured.get(node.id);
              return { ...node, selected: selected.has(node.id), measured: size, ...(size ? REAL_HANDLES : {}) };
            }),
          ),
        };
      });
    },
    destroy() {
      yNodes.unobserveDeep(onNodes);
      yEdges.unobserveDeep(onEdges);
      doc.off('afterTransaction', onAfterTransaction);
      metrics.destroy();
      offUi();
    },
  });
}
