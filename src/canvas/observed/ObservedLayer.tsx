// The "Observed" overlay, mounted inside <ReactFlow>: the steps customers take drawn over the map
// (width by customers; a step the map does not design dashed in another colour; a step back or a
// repeat arcing over the cards), each card's customers and drop-out, the designed edges nobody takes
// greyed, and the legend. Drawn in the viewport (so it pans, zooms and exports with the map) and
// never intercepting the pointer: the map stays editable under it.
import { memo, useCallback, useEffect, useMemo } from 'react';
import { Panel, useStore as useFlowState } from '@xyflow/react';
import { ViewportLayer } from '../ViewportLayer';
import { useMap } from '../../state/session';
import { useObserved } from '../../state/observed/observedStore';
import { formatDuration, variantSteps, type ObservedView } from '../../state/observed/observedView';
import { useT } from '../../i18n';
import { cssEscape } from '../focus/dimming';
import { boxesKey, parseBoxes, stepCurve, type Box } from './geometry';
import { useObservedView } from './useObservedView';
import { useFlowsSignal } from './useFlowsSignal';
import { ObservedLegend } from './ObservedLegend';
import './observed.css';

export function ObservedLayer() {
  const { mapId, mapKey, store } = useMap();
  const attach = useObserved((state) => state.attach);
  useEffect(() => attach(mapId, mapKey), [attach, mapId, mapKey]);
  useFlowsSignal(mapId);
  const view = useObservedView(store);
  const on = useObserved((state) => state.on);
  if (!on) return null;
  return (
    <>
      {view && <UnusedEdgeStyles unused={view.unused} />}
      {view && <ObservedDrawing view={view} />}
      <Panel position="bottom-left" className="observed-legend-panel">
        <ObservedLegend />
      </Panel>
    </>
  );
}

/** Designed edges nobody takes, greyed through one stylesheet (as the map focus dims). */
const UnusedEdgeStyles = memo(function UnusedEdgeStyles({ unused }: { unused: readonly string[] }) {
  if (unused.length === 0) return null;
  const edges = unused.map((id) => `.react-flow__edge[data-id="${cssEscape(id)}"]`);
  const labels = unused.map((id) => `.edge-label[data-edge-id="${cssEscape(id)}"]`);
  const css = `${edges.map((s) => `${s} .react-flow__edge-path`).join(',\n')} { stroke: #b8bec8 !important; stroke-dasharray: 2 4; opacity: 0.7; }\n${labels.join(',\n')} { opacity: 0.45; filter: grayscale(1); }`;
  return <style data-testid="observed-unused-styles">{css}</style>;
});

const ObservedDrawing = memo(function ObservedDrawing({ view }: { view: ObservedView }) {
  const t = useT();
  const flows = useObserved((state) => (state.flows.status === 'idle' ? null : state.flows.data));
  const variantIndex = useObserved((state) => state.variant);
  const ids = useMemo(() => {
    const set = new Set<string>(view.cards.keys());
    for (const edge of view.edges) set.add(edge.source).add(edge.target);
    return [...set].sort();
  }, [view]);
  const key = useFlowState(useCallback((state) => boxesKey(state.nodeLookup, ids), [ids]));
  const boxes = useMemo(() => parseBoxes(key), [key]);
  const highlighted = useMemo(() => {
    const path = variantIndex === null ? null : flows?.variants[variantIndex]?.path;
    return path ? { steps: variantSteps(path), nodes: new Set(path) } : null;
  }, [flows, variantIndex]);

  return (
    <ViewportLayer>
      <svg
        className={`observed-layer ${highlighted ? 'has-highlight' : ''}`}
        data-testid="observed-layer"
        width={1}
        height={1}
        aria-hidden
      >
        <defs>
          <marker
            id="observed-arrow-designed"
            viewBox="0 0 10 10"
            refX="8"
            refY="5"
            markerWidth="10"
            markerHeight="10"
            markerUnits="userSpaceOnUse"
            orient="auto-start-reverse"
          >
            <path d="M 0 0 L 10 5 L 0 10 z" className="observed-arrow is-designed" />
          </marker>
          <marker
            id="observed-arrow-detour"
            viewBox="0 0 10 10"
            refX="8"
            refY="5"
            markerWidth="10"
            markerHeight="10"
            markerUnits="userSpaceOnUse"
            orient="auto-start-reverse"
          >
            <path d="M 0 0 L 10 5 L 0 10 z" className="observed-arrow is-detour" />
          </marker>
        </defs>
        {view.edges.map((edge) => {
          const from = boxes.get(edge.source);
          const to = boxes.get(edge.target);
          if (!from || !to) return null;
          const curve = stepCurve(from, edge.source === edge.target ? from : to, edge.back);
          const lit = highlighted?.steps.has(edge.key) ?? false;
          const text = t('observed.edgeLabel', { n: edge.cases, time: formatDuration(edge.medianSeconds) });
          const kind = edge.designed ? 'is-designed' : 'is-detour';
          return (
            <g
              key={edge.key}
              className={`observed-step ${kind} ${edge.back ? 'is-back' : ''} ${lit ? 'is-highlighted' : ''}`}
            >
              <path
                d={curve.path}
                className="observed-edge"
                data-testid="observed-edge"
                data-source={edge.source}
                data-target={edge.target}
                data-designed={String(edge.designed)}
                data-back={String(edge.back)}
                data-cases={edge.cases}
                strokeWidth={edge.width}
                markerEnd={`url(#observed-arrow-${edge.designed ? 'designed' : 'detour'})`}
              />
              <StepLabel x={curve.labelX} y={curve.labelY} text={text} testKey={edge.key} />
            </g>
          );
        })}
      </svg>
      {[...view.cards].map(([id, card]) => {
        const box = boxes.get(id);
        if (!box) return null;
        const dim = highlighted ? !highlighted.nodes.has(id) : false;
        return <CardFigures key={id} id={id} box={box} cases={card.cases} dropOut={card.dropOut} dim={dim} />;
      })}
    </ViewportLayer>
  );
});

/** Width of a label's box: 11 px semibold text is about 6.6 px a character, plus padding. */
const labelWidth = (text: string) => Math.ceil([...text].length * 6.6 + 12);

function StepLabel({ x, y, text, testKey }: { x: number; y: number; text: string; testKey: string }) {
  const width = labelWidth(text);
  return (
    <g className="observed-label" data-step={testKey} transform={`translate(${x}, ${y})`}>
      <rect x={-width / 2} y={-9} width={width} height={18} rx={4} />
      <text textAnchor="middle" dominantBaseline="central">
        {text}
      </text>
    </g>
  );
}

function CardFigures({
  id,
  box,
  cases,
  dropOut,
  dim,
}: {
  id: string;
  box: Box;
  cases: number;
  dropOut: number;
  dim: boolean;
}) {
  const t = useT();
  return (
    <div
      className={`observed-card ${dim ? 'is-dim' : ''}`}
      data-testid="observed-card"
      data-id={id}
      style={{ left: box.x, top: box.y - 24, width: box.w }}
    >
      <span className="observed-chip" title={t('observed.cardCustomersHint')}>
        {t(cases === 1 ? 'observed.cardCustomersOne' : 'observed.cardCustomers', { n: cases })}
      </span>
      {dropOut > 0 && (
        <span className="observed-chip is-dropout" title={t('observed.cardDropOutHint')}>
          {t('observed.cardDropOut', { n: dropOut })}
        </span>
      )}
    </div>
  );
}
