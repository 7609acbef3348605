// The four exports as actions: each one reads the map (model queries, the canvas DOM), builds the
// file and saves it. PNG and PDF are long and report progress; all of them can be cancelled.
import type * as Y from 'yjs';
import type { Rect } from '@xyflow/react';
import { exportJourney } from '../model';
import type { Language, Translate } from '../i18n';
import { downloadBlob, fileBaseName, throwIfCancelled, yieldToBrowser, type Progress } from './download';
import { canvasToPngBlob, renderMapImage } from './mapImage';
import { COMMA_CSV, SEMICOLON_CSV, touchpointCsv } from './csv';
import { touchpointTable } from './rows';
import type { LegendData } from './legend';
import type { PdfLayout } from './pdf';
import type { MetricText } from '../state/metrics/format';

export interface CanvasSource {
  /** `.react-flow__viewport` of the open map. */
  viewport: HTMLElement;
  /** The whole map's bounds (React Flow's getNodesBounds of every node). */
  bounds: Rect;
}

export interface LongExport {
  signal?: AbortSignal;
  onProgress?: Progress;
}

/** What an export tells the person afterwards: the scale used when the requested one did not fit. */
export interface ExportOutcome {
  fileName: string;
  reducedScale: number | null;
}

export async function exportPng(
  source: CanvasSource,
  options: LongExport & { title: string; scale: number; transparent: boolean; legend: HTMLElement | null },
): Promise<ExportOutcome> {
  const image = await renderMapImage({
    ...source,
    scale: options.scale,
    background: options.transparent ? null : '#ffffff',
    legend: options.legend,
    signal: options.signal,
    onProgress: options.onProgress,
  });
  options.onProgress?.(0.9, 'encode');
  await yieldToBrowser();
  throwIfCancelled(options.signal);
  const blob = await canvasToPngBlob(image.canvas);
  throwIfCancelled(options.signal);
  const fileName = `${fileBaseName(options.title)}.png`;
  downloadBlob(blob, fileName);
  options.onProgress?.(1, 'encode');
  return { fileName, reducedScale: image.plan.reduced ? image.plan.scale : null };
}

export interface PdfOptions extends LongExport {
  title: string;
  goal: string;
  date: string;
  version: string;
  scale: number;
  layout: PdfLayout;
  appendix: boolean;
  legend: LegendData;
  unassignedStage: string;
  metricText: MetricText;
  t: Translate;
}

export async function exportPdf(doc: Y.Doc, source: CanvasSource, options: PdfOptions): Promise<ExportOutcome> {
  const { signal, onProgress } = options;
  const pdfModule = import('./pdf'); // jsPDF and the legend's font load while the map renders
  const symbolFont = import('./pdfFont').then((module) => module.loadSymbolFont());
  const image = await renderMapImage({
    ...source,
    scale: options.scale,
    background: '#ffffff',
    signal,
    onProgress: (f, step) => onProgress?.(f * 0.7, step),
  });
  onProgress?.(0.72, 'encode');
  await yieldToBrowser();
  throwIfCancelled(signal);
  // JPEG: jsPDF embeds it as is (DCT); a PNG would be re-compressed in JavaScript, slowly
  const jpeg = await new Promise<Blob>((resolve, reject) =>
    image.canvas.toBlob(
      (blob) => (blob ? resolve(blob) : reject(new Error('the browser could not encode the map image'))),
      'image/jpeg',
      0.92,
    ),
  );
  const bytes = new Uint8Array(await jpeg.arrayBuffer());
  throwIfCancelled(signal);
  onProgress?.(0.8, 'pdf');
  const { buildPdf } = await pdfModule;
  await yieldToBrowser();
  throwIfCancelled(signal);
  const pdf = buildPdf({
    info: { title: options.title, goal: options.goal, date: options.date, version: options.version },
    legend: options.legend,
    image: { jpeg: bytes, width: image.canvas.width, height: image.canvas.height },
    table: options.appendix ? touchpointTable(doc, options.unassignedStage, options.metricText) : null,
    layout: options.layout,
    t: options.t,
    formatNumber: options.metricText.number,
    symbolFont: await symbolFont,
  });
  onProgress?.(0.95, 'pdf');
  await yieldToBrowser();
  throwIfCancelled(signal);
  const fileName = `${fileBaseName(options.title)}.pdf`;
  downloadBlob(pdf.output('blob'), fileName);
  onProgress?.(1, 'pdf');
  return { fileName, reducedScale: image.plan.reduced ? image.plan.scale : null };
}

export function exportJsonFile(doc: Y.Doc, title: string): string {
  const fileName = `${fileBaseName(title)}.percorso.json`;
  downloadBlob(new Blob([JSON.stringify(exportJourney(doc), null, 2)], { type: 'application/json' }), fileName);
  return fileName;
}

/** The CSV in the convention of the UI language's spreadsheets: ";" and a decimal comma for Italian. */
export function exportCsvFile(doc: Y.Doc, title: string, t: Translate, language: Language = 'en'): string {
  const table = touchpointTable(doc, t('export.unassigned'));
  const convention = language === 'it' ? SEMICOLON_CSV : COMMA_CSV;
  const csv = touchpointCsv(
    table,
    {
      stage: t('export.column.stage'),
      touchpoint: t('export.column.touchpoint'),
      channel: t('export.column.channel'),
      owner: t('export.column.owner'),
      personas: t('export.column.personas'),
      emotion: t('export.column.emotion'),
      painPoints: t('export.column.painPoints'),
      opportunities: t('export.column.opportunities'),
    },
    convention,
  );
  const fileName = `${fileBaseName(title)}.csv`;
  downloadBlob(new Blob([csv], { type: 'text/csv;charset=utf-8' }), fileName);
  return fileName;
}
