// The PDF export: a raster image of the map with everything else as real text (title block, legend,
// page footers, the touchpoint appendix). One page fitted to A4 or A3 landscape, or a poster tiled
// over several pages with crop marks. jsPDF runs in the browser: no server, no headless printer.
import { jsPDF } from 'jspdf';
import type { Translate } from '../i18n';
import type { LegendData } from './legend';
import type { TouchpointTable } from './rows';
import { MARGIN, drawFooters, drawTitleBlock, layoutLegend, type TitleInfo } from './pdfBlocks';
import { drawAppendix } from './pdfAppendix';
import { drawPosterOverview, drawPosterPages, posterGrid } from './pdfPoster';
import { pdfSafe } from './pdfText';
import { registerSymbolFont } from './pdfFont';

export type PaperSize = 'a4' | 'a3';
export type PdfLayout = { kind: 'fit'; paper: PaperSize } | { kind: 'poster'; paper: PaperSize; columns: number };

export interface PdfInput {
  info: TitleInfo;
  legend: LegendData;
  /** The map as JPEG bytes, with its size in pixels. */
  image: { jpeg: Uint8Array; width: number; height: number };
  table: TouchpointTable | null;
  layout: PdfLayout;
  t: Translate;
  /** Numbers in the reader's language (the appendix's metric values). */
  formatNumber?: (value: number) => string;
  /** DejaVu Sans as base64 (pdfFont.ts), for the legend's ✓ and ✕; without it they are spelled "v" and "x". */
  symbolFont?: string | null;
}

/** Builds the document (this module is loaded on demand, so jsPDF stays out of the main bundle). */
export function buildPdf(input: PdfInput): jsPDF {
  const { info, legend, image, layout, t } = input;
  const doc = new jsPDF({ orientation: 'landscape', unit: 'mm', format: layout.paper, compress: true });
  doc.setProperties({ title: pdfSafe(info.title), subject: pdfSafe(info.goal), creator: 'Percorso' });
  if (input.symbolFont) registerSymbolFont(doc, input.symbolFont);
  // one image object in the file, drawn on every page that shows the map
  const drawImage = (x: number, y: number, w: number, h: number) =>
    doc.addImage(image.jpeg, 'JPEG', x, y, w, h, 'map', 'NONE');
  const pageWidth = doc.internal.pageSize.getWidth();
  const pageHeight = doc.internal.pageSize.getHeight();
  const aspect = image.width / image.height;

  const top = drawTitleBlock(doc, info, t);
  const legendHeight = layoutLegend(doc, legend, t, 0, false);
  const lowestLegendTop = pageHeight - MARGIN - 3 - legendHeight;
  const box = { x: MARGIN, y: top, w: pageWidth - 2 * MARGIN, h: lowestLegendTop - 3 - top };

  if (layout.kind === 'fit') {
    const scale = Math.min(box.w / image.width, box.h / image.height);
    const w = image.width * scale;
    const h = image.height * scale;
    drawImage(box.x + (box.w - w) / 2, box.y, w, h);
    doc.setDrawColor('#d1d5db');
    doc.setLineWidth(0.2);
    doc.rect(box.x + (box.w - w) / 2, box.y, w, h, 'S');
    layoutLegend(doc, legend, t, Math.min(box.y + h + 4, lowestLegendTop), true); // right under the map
  } else {
    const grid = posterGrid(pageWidth, pageHeight, layout.columns, aspect);
    doc.setFont('helvetica', 'normal');
    doc.setFontSize(9);
    doc.setTextColor('#374151');
    const guide = pdfSafe(
      t('export.pdf.posterGuide', { pages: grid.rows * grid.columns, columns: grid.columns, rows: grid.rows }),
    );
    doc.text(doc.splitTextToSize(guide, box.w) as string[], box.x, box.y + 3);
    const bottom = drawPosterOverview(doc, grid, { ...box, y: box.y + 10, h: box.h - 10 }, drawImage);
    layoutLegend(doc, legend, t, Math.min(bottom + 4, lowestLegendTop), true);
    drawPosterPages(doc, grid, drawImage, info.title, t);
  }
  if (input.table && input.table.rows.length > 0) drawAppendix(doc, input.table, t, input.formatNumber);
  drawFooters(doc, info.title, t);
  return doc;
}
