// The journey canvas: React Flow over the doc→view store. Every edit goes through a model command;
// React Flow's own state changes (selection, measuring, in-progress drags) stay local.
import { useCallback, useEffect, useState, type MouseEvent, type ReactNode } from 'react';
import {
  Background,
  BackgroundVariant,
  ControlButton,
  Controls,
  Panel,
  ReactFlow,
  useReactFlow,
  useStore as useFlowState,
  useStoreApi as useFlowStoreApi,
  type Connection,
  type EdgeChange,
  type NodeChange,
  type OnDelete,
} from '@xyflow/react';
import { useStore } from 'zustand';
import { useNamedNodes } from './a11y/useNamedNodes';
import { Maximize } from 'lucide-react';
import { LOCAL_USER, addTouchpoint, connect, removeEdge, removeNodes, roots } from '../model';
import { type JourneyFlowNode, type PathFlowEdge } from '../state/viewTypes';
import { edgeTypes, nodeTypes } from './flowTypes';
import { useMap } from '../state/session';
import { touchpointAtPoint } from '../state/placement';
import { Toolbar } from './Toolbar';
import { useDragToDoc } from './useDragToDoc';
import { useJourneyActions } from './useJourneyActions';
import { useShortcuts } from './useShortcuts';
import { ShortcutHelp } from './ShortcutHelp';
import { StageDeleteDialog } from './StageDeleteDialog';
import { EmptyMapHint } from './EmptyMapHint';
import { DETAIL_ZOOM, FAR_CLASS, nodesBox, openingViewport } from '../state/layout';
import { useFitNodes } from './useFitNodes';
import { useKeepMapClear } from './useKeepMapClear';
import { everyNodeMeasured } from './everyNodeMeasured';
import { useUi } from '../state/uiStore';
import { useCanvasFocus } from './useCanvasFocus';
import { FocusOverlay } from './focus/FocusOverlay';
import { usePresenceBroadcast } from './presence/usePresenceBroadcast';
import { RemoteCursors } from './presence/RemoteCursors';
import { RemoteSelections } from './presence/RemoteSelections';
import { useFollow } from './presence/useFollow';
import { useRemoteDrags } from './presence/useRemoteDrags';
import { t as translateNow, useT } from '../i18n';
import { MetricsControls } from './metrics/MetricsControls';
import { ObservedLayer } from './observed/ObservedLayer';
import { useFileDrop, type FileDropTarget } from './useFileDrop';
import { CardBoxesContext } from './edges/cardBoxes';
import { OverviewMap } from './OverviewMap';
import { StillEdges } from './edges/StillEdges';
import { useEdgeHandoff } from './edges/useEdgeHandoff';
import { useSketchedDrag } from './dragInProgress';
import './detail.css';

const MINIMAP_COLORS: Record<string, string> = {
  stage: '#dfe6f0',
  touchpoint: '#4f7cac',
  channel: '#8a94a6',
  owner: '#c08b3e',
  note: '#f2d675',
};
const NO_NODES: JourneyFlowNode[] = [];
const NO_EDGES: PathFlowEdge[] = [];
const minimapColor = (node: JourneyFlowNode) => MINIMAP_COLORS[node.type] ?? 'transparent';

export interface JourneyCanvasProps {
  /** The server's copy is here. */
  synced: boolean;
  /** This browser's offline copy is loaded; counts as loaded when it has content (a first visit's empty copy must not decide the opening view). */
  localReady?: boolean;
  /** What a file dropped on the map does (the app's CSV import); none: drops are ignored. */
  fileDrop?: FileDropTarget;
  /** Extra buttons at the end of the metrics bar (the app's CSV import button), for editors. */
  metricsActions?: ReactNode;
}

export function JourneyCanvas({ synced, localReady = false, fileDrop, metricsActions }: JourneyCanvasProps) {
  const { doc, store, readOnly, run, undo, presence } = useMap();
  const presenceHandlers = usePresenceBroadcast();
  const stopFollowingOnOwnMove = useFollow(presence);
  useRemoteDrags(presence, store);
  useCanvasFocus();
  const nodes = useStore(store, (state) => state.nodes);
  const edges = useStore(store, (state) => state.edges);
  const cardBoxes = useStore(store, (state) => state.cardBoxes);
  const stageCount = useStore(store, (state) => state.stages.length);
  const hasContent = useStore(store, (state) => state.modelNodes.size > 0);
  const loaded = synced || (localReady && hasContent);
  const flow = useReactFlow<JourneyFlowNode, PathFlowEdge>();
  const actions = useJourneyActions();
  const t = useT();
  const { queueMoves, onNodeDragStart, onNodeDragStop } = useDragToDoc();
  const { className: dropClass, ...dropHandlers } = useFileDrop(fileDrop, readOnly);
  useShortcuts(actions, store, readOnly, undo);

  // Where the map opens, once it is loaded (openingViewport): a map that fits whole at a readable
  // zoom is fitted again exactly once its cards are measured; a bigger one opens at its start. The
  // nodes reach React Flow only then, so it never mounts the nodes of a viewport it leaves at once
  // (a pane without a size, as in tests without layout, gets no opening viewport: nothing waits).
  const [opening, setOpening] = useState<'waiting' | 'fitting' | 'done'>('waiting');
  const flowStore = useFlowStoreApi();
  const paneReady = useFlowState((state) => state.width > 0 && state.height > 0);
  const hasNodes = nodes.length > 0;
  const measured = useFlowState(
    useCallback((state) => opening === 'fitting' && everyNodeMeasured(state.nodeLookup), [opening]),
  );
  useEffect(() => {
    if (!loaded || !paneReady || !hasNodes || opening !== 'waiting') return;
    const { width, height } = flowStore.getState();
    const view = openingViewport(nodesBox(store.getState().nodes), { width, height });
    void flow.setViewport(view);
    setOpening(view.fitsWhole ? 'fitting' : 'done');
  }, [loaded, paneReady, hasNodes, opening, flow, flowStore, store]);
  const fit = useFitNodes();
  useKeepMapClear();
  useEffect(() => {
    if (opening !== 'fitting' || !measured) return;
    setOpening('done');
    fit();
  }, [opening, measured, fit]);
  const holdBack = opening === 'waiting' && paneReady;
  const namedNodes = useNamedNodes(nodes); // each card's accessible name (a11y/nodeNames.ts)
  const shown = holdBack ? NO_NODES : namedNodes;
  // a drag with the whole map in view: React Flow gets only the moving cards' edges, the others
  // stand still as one picture until the drop (edges/StillEdges.tsx, edges/useEdgeHandoff.ts)
  const [shownEdges, stillEdgeIds] = useEdgeHandoff(holdBack ? NO_EDGES : edges, useSketchedDrag());
  // Only the nodes in view are mounted, except while an export draws the whole map (and while the
  // pane has no size yet, when nothing would count as in view).
  const renderAll = useUi((state) => state.renderAllNodes);
  // level of detail (detail.css): flips only when the zoom crosses the line, so nothing re-renders while zooming
  const far = useFlowState((state) => state.transform[2] < DETAIL_ZOOM);

  const onNodesChange = useCallback(
    (changes: NodeChange<JourneyFlowNode>[]) => {
      // Removal goes through onDelete (a model command); the doc then removes the nodes from the view.
      const local = changes.filter((change) => change.type !== 'remove' && !(readOnly && change.type === 'position'));
      // first: it reads where a key-moved node was, and marks key moves as in flight
      store.applyNodeChanges(readOnly ? local : queueMoves(local));
    },
    [queueMoves, readOnly, store],
  );
  const onEdgesChange = useCallback(
    (changes: EdgeChange<PathFlowEdge>[]) =>
      store.applyEdgeChanges(changes.filter((change) => change.type !== 'remove')),
    [store],
  );
  const onDelete: OnDelete<JourneyFlowNode, PathFlowEdge> = useCallback(
    ({ nodes: gone, edges: goneEdges }) => {
      const { edges: yEdges, nodes: yNodes } = roots(doc);
      // a stage holding touchpoints is never deleted with them silently (React Flow adds a deleted
      // parent's children): the dialog asks what to do with them (StageDeleteDialog)
      const asked = gone.find((node) => node.type === 'stage' && gone.some((child) => child.parentId === node.id));
      if (asked) useUi.getState().askToDeleteStage(asked.id);
      const kept = new Set(
        asked ? [asked.id, ...gone.filter((node) => node.parentId === asked.id).map((node) => node.id)] : [],
      );
      run(() =>
        doc.transact(() => {
          // a peer may have removed some of them already; the model refuses unknown ids
          const ids = gone.map((node) => node.id).filter((id) => yNodes.has(id) && !kept.has(id));
          if (ids.length) removeNodes(doc, ids);
          for (const edge of goneEdges)
            if (yEdges.has(edge.id) && !kept.has(edge.source) && !kept.has(edge.target)) removeEdge(doc, edge.id);
        }, LOCAL_USER),
      );
    },
    [doc, run],
  );
  const onConnect = useCallback(
    (connection: Connection) => run(() => connect(doc, { source: connection.source, target: connection.target })),
    [doc, run],
  );
  const onDoubleClick = useCallback(
    (event: MouseEvent) => {
      if (readOnly || !(event.target as HTMLElement).classList.contains('react-flow__pane')) return;
      const point = flow.screenToFlowPosition({ x: event.clientX, y: event.clientY });
      const placement = touchpointAtPoint(store.getState().columns, point);
      run(() => addTouchpoint(doc, { ...placement, label: translateNow('new.touchpoint') }));
    },
    [doc, flow, readOnly, run, store],
  );

  return (
    <div
      className={`canvas ${dropClass} ${far ? FAR_CLASS : ''}`}
      {...dropHandlers}
      onDoubleClick={onDoubleClick}
      onPointerMove={presenceHandlers.onPointerMove}
      onPointerLeave={presenceHandlers.onPointerLeave}
    >
      <CardBoxesContext.Provider value={cardBoxes}>
        <ReactFlow<JourneyFlowNode, PathFlowEdge>
          nodes={shown}
          edges={shownEdges}
          nodeTypes={nodeTypes}
          edgeTypes={edgeTypes}
          onNodesChange={onNodesChange}
          onEdgesChange={onEdgesChange}
          onDelete={onDelete}
          onConnect={onConnect}
          onNodeDragStart={onNodeDragStart}
          onNodeDragStop={onNodeDragStop}
          onMoveStart={stopFollowingOnOwnMove}
          nodesDraggable={!readOnly}
          nodesConnectable={!readOnly}
          edgesReconnectable={false}
          deleteKeyCode={readOnly ? null : ['Delete', 'Backspace']}
          multiSelectionKeyCode={['Shift', 'Meta', 'Control']}
          selectionKeyCode="Shift"
          zoomOnDoubleClick={false}
          minZoom={0.1}
          maxZoom={2.5}
          snapToGrid={false}
          onlyRenderVisibleElements={!renderAll && paneReady}
          proOptions={{ hideAttribution: true }}
        >
          <Background variant={BackgroundVariant.Dots} gap={24} size={1} color="#c9d1dc" />
          <Panel position="top-left">
            <Toolbar actions={actions} readOnly={readOnly} undo={undo} />
          </Panel>
          {loaded && stageCount === 0 && (
            <Panel position="top-center">
              <EmptyMapHint readOnly={readOnly} onAddStage={actions.addStage} />
            </Panel>
          )}
          {presence && <RemoteCursors presence={presence} />}
          {presence && <RemoteSelections presence={presence} />}
          {stillEdgeIds && <StillEdges ids={stillEdgeIds} />}
          <FocusOverlay />
          <ShortcutHelp />
          <StageDeleteDialog />
          <MetricsControls actions={readOnly ? null : metricsActions} />
          <ObservedLayer />
          <Controls showInteractive={false} showFitView={false} position="bottom-left">
            <ControlButton
              onClick={() => fit({ duration: 250 })}
              title={t('toolbar.fitHint')}
              aria-label={t('toolbar.fitHint')}
            >
              <Maximize aria-hidden style={{ fill: 'none' }} />
            </ControlButton>
          </Controls>
          <OverviewMap
            pannable
            zoomable
            nodeColor={minimapColor}
            position="bottom-right"
            ariaLabel={t('canvas.overview')}
          />
        </ReactFlow>
      </CardBoxesContext.Provider>
    </div>
  );
}
