// Top right of the canvas: "colour by" a metric (with its legend), which key metrics the cards show,
// and whatever actions the app adds (the CSV import). The choices are UI state (useUi); the derived view applies them.
import { memo, useEffect, useLayoutEffect, useRef, useState, type ReactNode, type RefObject } from 'react';
import { Panel, useStore as useFlowStore } from '@xyflow/react';
import { useStore } from 'zustand';
import { ListChecks, Palette } from 'lucide-react';
import { useUi } from '../../state/uiStore';
import { useMap } from '../../state/session';
import { useLanguage, useT } from '../../i18n';
import { HeatLegend } from './HeatLegend';
import { useMetricText } from '../../state/metrics/format';
import { useFitNodes } from '../useFitNodes';
import { coversMap } from '../overlayCover';
import '../../ui/metrics.css';

export const MetricsControls = memo(function MetricsControls({ actions }: { actions?: ReactNode }) {
  const { store } = useMap();
  const t = useT();
  const text = useMetricText();
  const defs = useStore(store, (state) => state.metricDefs);
  const colorBy = useUi((state) => state.colorBy);
  const setColorBy = useUi((state) => state.setColorBy);
  const colorDef = defs.find((def) => def.key === colorBy);
  const fit = useFitBesideToolbar(Boolean(colorDef));
  useMakeRoomForLegend(fit.ref, colorDef?.key);
  return (
    <Panel position="top-right" className={`metrics-panel ${fit.className}`} style={fit.style}>
      <div className="metrics-controls" ref={fit.ref}>
        <div className="metrics-bar" role="toolbar" aria-label={t('metrics.bar')}>
          <label>
            <Palette size={15} aria-hidden /> <span className="bar-text">{t('metrics.colorBy')}</span>
            <select
              aria-label={t('metrics.colorBy')}
              value={colorDef ? colorDef.key : ''}
              onChange={(event) => setColorBy(event.target.value || null)}
              data-testid="color-by"
            >
              <option value="">{t('metrics.colorByNone')}</option>
              {defs.map((def) => (
                <option key={def.key} value={def.key}>
                  {text.label(def)}
                </option>
              ))}
            </select>
          </label>
          <CardMetricsMenu />
          {actions}
        </div>
        {colorDef && <HeatLegend def={colorDef} />}
      </div>
    </Panel>
  );
});

/**
 * The legend opens under the bar, over the map: when it lands on a node, fit the map again (the fit
 * leaves room under every panel along the top), instead of leaving it hidden until the next Fit.
 */
function useMakeRoomForLegend(ref: RefObject<HTMLDivElement | null>, metric: string | undefined) {
  const fitView = useFitNodes();
  useEffect(() => {
    if (!metric) return;
    // after the bar has found its place (layout effects) and been painted
    const frame = requestAnimationFrame(() => {
      const legend = ref.current?.querySelector('.heat-legend');
      const root = ref.current?.closest('.react-flow');
      if (legend && root && coversMap(legend, root)) fitView({ duration: 250 });
    });
    return () => cancelAnimationFrame(frame);
  }, [metric, ref, fitView]);
}

type Fit = 'full' | 'compact' | 'below';

/**
 * Keeps the bar clear of the map toolbar, measured (both grow with the language's words): beside it
 * with words, beside it without them, or under it. Starts over when the canvas's width, the
 * language or the legend changes.
 */
function useFitBesideToolbar(legend: boolean) {
  const ref = useRef<HTMLDivElement>(null);
  const width = useFlowStore((state) => state.width);
  const language = useLanguage((state) => state.language);
  const [fit, setFit] = useState<{ mode: Fit; top?: number }>({ mode: 'full' });
  useLayoutEffect(() => setFit({ mode: 'full' }), [width, language, legend]);
  useLayoutEffect(() => {
    const panel = ref.current?.closest('.react-flow__panel');
    const toolbar = panel?.parentElement?.querySelector('.react-flow__panel.top.left');
    if (!panel || !toolbar || width === 0 || fit.mode === 'below') return;
    const bar = panel.getBoundingClientRect();
    const tools = toolbar.getBoundingClientRect();
    if (bar.left >= tools.right + 8) return;
    if (fit.mode === 'full') setFit({ mode: 'compact' });
    else setFit({ mode: 'below', top: tools.bottom - (panel.parentElement?.getBoundingClientRect().top ?? 0) + 8 });
  }, [width, fit.mode]);
  return {
    ref,
    className: fit.mode === 'full' ? '' : fit.mode === 'compact' ? 'is-compact' : 'is-compact is-below',
    style: fit.top === undefined ? undefined : { top: fit.top },
  };
}

/** Which one or two metrics the touchpoint cards show. */
function CardMetricsMenu() {
  const { store } = useMap();
  const t = useT();
  const text = useMetricText();
  const [open, setOpen] = useState(false);
  const defs = useStore(store, (state) => state.metricDefs);
  const chosen = useUi((state) => state.cardMetrics);
  const setChosen = useUi((state) => state.setCardMetrics);
  const toggle = (key: string) => {
    if (chosen.includes(key)) setChosen(chosen.filter((k) => k !== key));
    else setChosen([...chosen, key].slice(-2)); // at most two: the oldest choice gives way
  };
  return (
    <div className="toolbar-menu">
      <button
        type="button"
        aria-haspopup="menu"
        aria-expanded={open}
        onClick={() => setOpen((value) => !value)}
        title={t('metrics.cardMetricsHint')}
        aria-label={t('metrics.cardMetrics')}
      >
        <ListChecks size={15} aria-hidden /> <span className="bar-text">{t('metrics.cardMetrics')}</span>
      </button>
      {open && (
        <div className="menu is-right card-metrics-menu" role="menu" onMouseLeave={() => setOpen(false)}>
          <p>{t('metrics.cardMetricsHint')}</p>
          {defs.map((def) => (
            <label key={def.key}>
              <input
                type="checkbox"
                role="menuitemcheckbox"
                aria-checked={chosen.includes(def.key)}
                checked={chosen.includes(def.key)}
                onChange={() => toggle(def.key)}
              />
              {text.label(def)}
            </label>
          ))}
        </div>
      )}
    </div>
  );
}
