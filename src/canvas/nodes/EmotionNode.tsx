// The emotion lane: a curve through the touchpoints in stage order, with a face and the number at
// each point. It reads the nodes where the doc has them: it follows remote edits and a drag once
// the card is dropped (redrawing a map-wide SVG on every drag frame cost a third of the frame rate).
import { memo, useMemo } from 'react';
import { appliesToPersona, type TouchpointNode } from '../../model';
import { useUi } from '../../state/uiStore';
import type { NodeProps } from '@xyflow/react';
import { useStore } from 'zustand';
import type { EmotionFlowNode } from '../../state/viewTypes';
import { useMap } from '../../state/session';
import { emotionCurvePoints, smoothPath } from '../emotionCurve';
import { emotionLook } from '../../ui/EmotionScale';
import { LAYOUT } from '../../state/layout';

const PADDING = 24;

/** While the map is read for one persona, the curve follows only the touchpoints that apply to it. */
function usePersonaFilter(): ((touchpoint: TouchpointNode) => boolean) | undefined {
  const { store } = useMap();
  const focus = useUi((state) => state.focus);
  const modelNodes = useStore(store, (state) => state.modelNodes);
  return useMemo(() => {
    if (focus?.kind !== 'persona') return undefined;
    const personaIds = new Set(
      [...modelNodes.values()].filter((node) => node.kind === 'persona').map((node) => node.id),
    );
    return (touchpoint: TouchpointNode) => appliesToPersona(touchpoint, focus.id, personaIds);
  }, [focus, modelNodes]);
}

function EmotionNodeView({ data }: NodeProps<EmotionFlowNode>) {
  const { store } = useMap();
  const nodes = useStore(store, (state) => state.placedNodes);
  const stageOrder = useStore(store, (state) => state.stages);
  const edges = useStore(store, (state) => state.edges);
  const keep = usePersonaFilter();
  const height = LAYOUT.lanes.find((lane) => lane.id === 'emotion')?.height ?? 150;
  const yOf = (emotion: number) => PADDING + ((2 - emotion) / 4) * (height - 2 * PADDING);
  const points = emotionCurvePoints(
    nodes,
    stageOrder.map((stage) => stage.id),
    { edges, keep },
  ).map((point) => ({ ...point, y: yOf(point.emotion) }));
  return (
    <svg className="emotion-curve" width={data.width} height={height} aria-hidden>
      <line x1={0} x2={data.width} y1={yOf(0)} y2={yOf(0)} className="emotion-zero" />
      <path d={smoothPath(points)} className="emotion-path" />
      {points.map((point) => (
        <EmotionPoint key={point.id} x={point.x} y={point.y} emotion={point.emotion} />
      ))}
    </svg>
  );
}

/** One point of the curve; memoised, so a drag re-renders the points that moved, not all of them. */
const EmotionPoint = memo(function EmotionPoint({ x, y, emotion }: { x: number; y: number; emotion: number }) {
  const look = emotionLook(emotion);
  return (
    <g transform={`translate(${x}, ${y})`}>
      <circle r={11} fill={look.ink} /* white digits need the darker shade */ />
      <text y={4} textAnchor="middle" className="emotion-value">
        {emotion > 0 ? `+${emotion}` : emotion}
      </text>
    </g>
  );
});

export const EmotionNode = memo(EmotionNodeView);
