// A poster: the map image spread over several pages that overlap by OVERLAP mm. Each page shows its
// part of one shared image (stored once in the file, clipped per page), crop marks at the trim line
// (cut along them, then lay the page over the overlap of its left/top neighbour), a dashed mark of
// its own overlap strip, and its row and column in the margin.
import type { jsPDF } from 'jspdf';
import type { Translate } from '../i18n';
import { MARGIN } from './pdfBlocks';
import { pdfSafe } from './pdfText';

export const OVERLAP = 10; // mm

export interface PosterGrid {
  columns: number;
  rows: number;
  /** The whole poster's image size, mm. */
  imageWidth: number;
  imageHeight: number;
  /** One page's printable area, mm. */
  cellWidth: number;
  cellHeight: number;
}

export function posterGrid(pageWidth: number, pageHeight: number, columns: number, aspect: number): PosterGrid {
  const cellWidth = pageWidth - 2 * MARGIN;
  const cellHeight = pageHeight - 2 * MARGIN;
  const imageWidth = columns * (cellWidth - OVERLAP) + OVERLAP;
  const imageHeight = imageWidth / aspect;
  const rows = Math.max(1, Math.ceil((imageHeight - OVERLAP) / (cellHeight - OVERLAP)));
  return { columns, rows, imageWidth, imageHeight, cellWidth, cellHeight };
}

function cropMark(doc: jsPDF, x: number, y: number, dx: number, dy: number): void {
  // a short line in the margin, pointing away from the image (never over the map)
  doc.line(x + dx * 1.5, y + dy * 1.5, x + dx * 6, y + dy * 6);
}

/** Adds one page per poster cell, row by row. `drawImage` adds the shared image at the given box. */
export function drawPosterPages(
  doc: jsPDF,
  grid: PosterGrid,
  drawImage: (x: number, y: number, w: number, h: number) => void,
  title: string,
  t: Translate,
): void {
  const step = { x: grid.cellWidth - OVERLAP, y: grid.cellHeight - OVERLAP };
  for (let row = 0; row < grid.rows; row++) {
    for (let column = 0; column < grid.columns; column++) {
      doc.addPage();
      const ox = MARGIN - column * step.x; // where the whole image's top-left falls on this page
      const oy = MARGIN - row * step.y;
      doc.saveGraphicsState();
      doc.rect(MARGIN, MARGIN, grid.cellWidth, grid.cellHeight, null);
      doc.clip();
      doc.discardPath();
      drawImage(ox, oy, grid.imageWidth, grid.imageHeight);
      doc.restoreGraphicsState();

      // trim box: the left/top overlap strips are cut off and lie under the neighbour's
      const left = MARGIN + (column > 0 ? OVERLAP : 0);
      const top = MARGIN + (row > 0 ? OVERLAP : 0);
      const right = MARGIN + grid.cellWidth;
      const bottom = MARGIN + grid.cellHeight;
      doc.setDrawColor('#000000');
      doc.setLineWidth(0.2);
      for (const [x, y, sx, sy] of [
        [left, top, -1, -1],
        [right, top, 1, -1],
        [left, bottom, -1, 1],
        [right, bottom, 1, 1],
      ] as const) {
        cropMark(doc, x, y, sx, 0);
        cropMark(doc, x, y, 0, sy);
      }
      // this page's own overlap strips (right, bottom), where the next pages are glued: dashed, in the margin
      doc.setLineDashPattern([1, 1], 0);
      if (column < grid.columns - 1) doc.line(right - OVERLAP, MARGIN - 4, right - OVERLAP, MARGIN - 0.5);
      if (row < grid.rows - 1) doc.line(MARGIN - 4, bottom - OVERLAP, MARGIN - 0.5, bottom - OVERLAP);
      doc.setLineDashPattern([], 0);
      doc.setFont('helvetica', 'normal');
      doc.setFontSize(7.5);
      doc.setTextColor('#374151');
      const label = pdfSafe(
        `${title} · ${t('export.pdf.posterCell', { row: row + 1, column: column + 1, rows: grid.rows, columns: grid.columns })}`,
      );
      doc.text(label, doc.internal.pageSize.getWidth() / 2, MARGIN - 3, { align: 'center' }); // centred: clear of the crop marks
    }
  }
}

/** The cover's overview: the whole image small, with the page grid drawn over it and numbered. Returns its bottom (mm). */
export function drawPosterOverview(
  doc: jsPDF,
  grid: PosterGrid,
  box: { x: number; y: number; w: number; h: number },
  drawImage: (x: number, y: number, w: number, h: number) => void,
): number {
  const scale = Math.min(box.w / grid.imageWidth, box.h / grid.imageHeight);
  const w = grid.imageWidth * scale;
  const h = grid.imageHeight * scale;
  const x = box.x + (box.w - w) / 2;
  const y = box.y;
  drawImage(x, y, w, h);
  doc.setDrawColor('#d1495b');
  doc.setLineWidth(0.3);
  doc.setFontSize(9);
  doc.setTextColor('#d1495b');
  const step = { x: (grid.cellWidth - OVERLAP) * scale, y: (grid.cellHeight - OVERLAP) * scale };
  for (let row = 0; row < grid.rows; row++) {
    for (let column = 0; column < grid.columns; column++) {
      const cx = x + column * step.x;
      const cy = y + row * step.y;
      const cw = Math.min(grid.cellWidth * scale, x + w - cx);
      const ch = Math.min(grid.cellHeight * scale, y + h - cy);
      doc.rect(cx, cy, cw, ch, 'S');
      doc.text(`${row + 1}.${column + 1}`, cx + 2, cy + 5);
    }
  }
  return y + h;
}
