// The options of a PNG or PDF export, its progress and a Cancel that stops it between steps.
// The map is read from React Flow (bounds of every node) and from the store; the legend strip is
// rendered off screen for the PNG only while it is being exported.
import { useEffect, useId, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { useReactFlow, useStoreApi } from '@xyflow/react';
import { useStore } from 'zustand';
import { useMap } from '../state/session';
import { useUi } from '../state/uiStore';
import { useLanguage, useT, type MessageKey } from '../i18n';
import { metricText } from '../state/metrics/format';
import { ExportCancelled, type ExportStep } from './download';
import { ExportLegend } from './Legend';
import { activeColorBy, legendData, type LegendData } from './legend';
import { MAP_PADDING } from './mapImage';
import { exportPdf, exportPng, type CanvasSource } from './exportFiles';
import { withEveryNodeMounted } from './everyNodeMounted';
import { PdfOptionsFields, PngOptionsFields, type PdfChoice, type PngChoice } from './ExportOptions';

export type DialogFormat = 'png' | 'pdf';

const STEP_TEXT: Record<ExportStep, MessageKey> = {
  prepare: 'export.step.prepare',
  render: 'export.step.render',
  encode: 'export.step.encode',
  pdf: 'export.step.pdf',
};

export function ExportDialog({ format, onClose }: { format: DialogFormat; onClose: () => void }) {
  const { doc, store } = useMap();
  const meta = useStore(store, (state) => state.meta);
  const flow = useReactFlow();
  const flowStore = useStoreApi();
  const notify = useUi((state) => state.notify);
  const language = useLanguage((state) => state.language);
  const t = useT();
  const headingId = useId();
  const [png, setPng] = useState<PngChoice>({ scale: 2, transparent: false });
  const [pdf, setPdf] = useState<PdfChoice>({
    layout: 'a3',
    posterPaper: 'a4',
    columns: 3,
    version: '',
    appendix: true,
    scale: 2,
  });
  const [progress, setProgress] = useState<{ fraction: number; step: ExportStep } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [legend, setLegend] = useState<{ data: LegendData; width: number } | null>(null);
  const legendRef = useRef<HTMLDivElement>(null);
  const abort = useRef<AbortController | null>(null);
  useEffect(() => () => abort.current?.abort(), []);

  const title = meta.title || t('map.untitled');
  const date = new Date().toLocaleDateString(language);
  const running = progress !== null;

  const source = (): CanvasSource => {
    // this map's own canvas (a version preview may draw another React Flow on the page)
    const viewport = flowStore.getState().domNode?.querySelector<HTMLElement>('.react-flow__viewport');
    const nodes = flow.getNodes();
    if (!viewport || nodes.length === 0) throw new Error(t('export.emptyMap'));
    return { viewport, bounds: flow.getNodesBounds(nodes) };
  };

  const start = async () => {
    const controller = new AbortController();
    abort.current = controller;
    setError(null);
    setProgress({ fraction: 0, step: 'prepare' });
    const onProgress = (fraction: number, step: ExportStep) => setProgress({ fraction, step });
    try {
      const outcome = await withEveryNodeMounted(
        flowStore,
        async () => {
          const from = source();
          const text = metricText(language);
          const data = legendData(doc, store.getState().modelNodes.values(), activeColorBy(), text);
          if (format === 'png') {
            // render the legend at the image's width now, so it can be measured and captured
            flushSync(() => setLegend({ data, width: Math.ceil(from.bounds.width + 2 * MAP_PADDING) }));
            return exportPng(from, {
              title,
              scale: png.scale,
              transparent: png.transparent,
              legend: legendRef.current,
              signal: controller.signal,
              onProgress,
            });
          } else {
            const layout =
              pdf.layout === 'poster'
                ? ({ kind: 'poster', paper: pdf.posterPaper, columns: pdf.columns } as const)
                : ({ kind: 'fit', paper: pdf.layout } as const);
            return exportPdf(doc, from, {
              title,
              goal: meta.goal,
              date,
              version: pdf.version.trim(),
              scale: pdf.scale,
              layout,
              appendix: pdf.appendix,
              legend: data,
              unassignedStage: t('export.unassigned'),
              metricText: text,
              t,
              signal: controller.signal,
              onProgress,
            });
          }
        },
        controller.signal,
      );
      notify(
        outcome.reducedScale
          ? t('export.reduced', { file: outcome.fileName, scale: outcome.reducedScale })
          : t('export.saved', { file: outcome.fileName }),
        'info',
      );
      onClose();
    } catch (caught) {
      if (caught instanceof ExportCancelled) return;
      setError(t('export.failed', { reason: caught instanceof Error ? caught.message : String(caught) }));
    } finally {
      abort.current = null;
      setProgress(null);
      setLegend(null);
    }
  };

  const cancel = () => {
    if (abort.current) abort.current.abort();
    else onClose();
  };

  return (
    <div className="export-backdrop" onKeyDown={(event) => event.key === 'Escape' && cancel()}>
      <div
        className="export-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby={headingId}
        data-testid="export-dialog"
      >
        <h2 id={headingId}>{t(format === 'png' ? 'export.dialog.png' : 'export.dialog.pdf')}</h2>
        <fieldset disabled={running} className="export-fields">
          {format === 'png' ? (
            <PngOptionsFields value={png} onChange={setPng} />
          ) : (
            <PdfOptionsFields value={pdf} onChange={setPdf} />
          )}
        </fieldset>
        {progress && (
          <div className="export-progress" aria-live="polite">
            <progress max={1} value={progress.fraction} aria-label={t('export.progress')} />
            <span>
              {t(STEP_TEXT[progress.step])} {Math.round(progress.fraction * 100)} %
            </span>
          </div>
        )}
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <div className="export-actions">
          <button type="button" onClick={cancel}>
            {t(running ? 'export.cancel' : 'export.close')}
          </button>
          <button type="button" className="primary" disabled={running} onClick={() => void start()} autoFocus>
            {t('export.start')}
          </button>
        </div>
      </div>
      {legend && (
        <div className="export-offscreen" aria-hidden>
          <ExportLegend
            ref={legendRef}
            data={legend.data}
            title={title}
            subtitle={[meta.goal, date].filter(Boolean).join(' · ')}
            width={legend.width}
          />
        </div>
      )}
    </div>
  );
}
