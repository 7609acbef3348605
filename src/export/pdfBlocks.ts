// The text parts of a PDF page, written as real text with jsPDF: the title block (title, goal, date,
// version), the legend (channels, emotion faces, heat colours) and the page footers.
import type { jsPDF } from 'jspdf';
import { MEDIUM_STYLE } from '../state/channelStyle';
import { EMOTIONS } from '../ui/EmotionScale';
import type { Translate } from '../i18n';
import { OBSERVED_COLOURS, type LegendData } from './legend';
import { pdfSafe } from './pdfText';
import { SYMBOL_FONT, hasSymbolFont } from './pdfFont';

export const MARGIN = 10; // mm, inside every printer's unprintable edge

export interface TitleInfo {
  title: string;
  goal: string;
  date: string;
  version: string;
}

const INK = '#1f2937';
const MUTED = '#6b7280';

/** Writes the title block at the top of the page; returns the y (mm) where the content below starts. */
export function drawTitleBlock(doc: jsPDF, info: TitleInfo, t: Translate): number {
  const width = doc.internal.pageSize.getWidth();
  const right = width - MARGIN;
  let y = MARGIN + 6;
  doc.setTextColor(INK);
  doc.setFont('helvetica', 'bold');
  doc.setFontSize(18);
  const sideWidth = 70;
  const titleLines = doc.splitTextToSize(pdfSafe(info.title), right - MARGIN - sideWidth) as string[];
  doc.text(titleLines.slice(0, 2), MARGIN, y);
  y += 7 * Math.min(2, titleLines.length);
  doc.setFont('helvetica', 'normal');
  doc.setFontSize(10);
  if (info.goal) {
    const goal = doc.splitTextToSize(
      pdfSafe(`${t('export.pdf.goal')}: ${info.goal}`),
      right - MARGIN - sideWidth,
    ) as string[];
    doc.text(goal.slice(0, 3), MARGIN, y);
    y += 4.5 * Math.min(3, goal.length);
  }
  doc.setFontSize(9);
  doc.setTextColor(MUTED);
  doc.text(pdfSafe(`${t('export.pdf.date')}: ${info.date}`), right, MARGIN + 4, { align: 'right' });
  if (info.version)
    doc.text(pdfSafe(`${t('export.pdf.version')}: ${info.version}`), right, MARGIN + 9, { align: 'right' });
  y = Math.max(y, MARGIN + 12);
  doc.setDrawColor('#d1d5db');
  doc.setLineWidth(0.3);
  doc.line(MARGIN, y, right, y);
  return y + 4;
}

interface Item {
  /** Draws the mark (swatch, circle) at x, y (text baseline); returns its width. */
  mark: (x: number, y: number) => number;
  text: string;
  /** Written in the symbol font when the document has it (the text holds ✓, ✕, ≥…). */
  symbols?: boolean;
}

/**
 * Lays out the legend (heading + items flowing left to right, wrapping) from `top`; draws only when
 * `draw` (so the caller can measure it first). Returns the height it takes.
 */
export function layoutLegend(doc: jsPDF, legend: LegendData, t: Translate, top: number, draw: boolean): number {
  const width = doc.internal.pageSize.getWidth();
  const right = width - MARGIN;
  const lineHeight = 5;
  const swatch = (color: string) => (x: number, y: number) => {
    if (draw) {
      doc.setFillColor(color);
      doc.rect(x, y - 2.8, 3.2, 3.2, 'F');
    }
    return 4.5;
  };
  const dot = (color: string) => (x: number, y: number) => {
    if (draw) {
      doc.setFillColor(color);
      doc.circle(x + 1.6, y - 1.2, 1.6, 'F');
    }
    return 4.5;
  };
  const groups: Array<{ heading: string; items: Item[] }> = [];
  if (legend.channels.length > 0) {
    groups.push({
      heading: t('export.legend.channels'),
      items: legend.channels.map((c) => ({
        mark: swatch(MEDIUM_STYLE[c.medium].color),
        text: `${c.label} (${t(MEDIUM_STYLE[c.medium].name)}, ${t(c.physical ? 'export.legend.physical' : 'export.legend.digital')})`,
      })),
    });
  }
  groups.push({
    heading: t('export.legend.emotion'),
    items: EMOTIONS.map((e) => ({ mark: dot(e.color), text: `${e.value > 0 ? '+' : ''}${e.value} ${t(e.name)}` })),
  });
  if (legend.heat) {
    groups.push({
      heading: t('export.legend.heat', { metric: legend.heat.metric }),
      items: legend.heat.items.map((h) => ({
        mark: swatch(h.fill),
        text: `${h.icon} ${t(`export.heat.${h.status}`)} ${h.range}`.trim(),
        symbols: true,
      })),
    });
  }
  if (legend.observed) {
    groups.push({
      heading: t('observed.export.legend'),
      items: [
        { mark: () => 0, text: t('observed.totals', { cases: legend.observed.cases, events: legend.observed.events }) },
        { mark: swatch(OBSERVED_COLOURS.designed), text: t('observed.keyDesigned') },
        { mark: swatch(OBSERVED_COLOURS.detour), text: t('observed.keyDetour') },
        { mark: swatch(OBSERVED_COLOURS.unused), text: t('observed.keyUnused') },
        { mark: () => 0, text: t('observed.keyWidth') },
      ],
    });
  }
  doc.setFontSize(8.5);
  doc.setTextColor(INK);
  const withSymbols = hasSymbolFont(doc);
  let y = top + 3.5;
  for (const group of groups) {
    let x = MARGIN;
    doc.setFont('helvetica', 'bold');
    const heading = pdfSafe(`${group.heading}:`);
    if (draw) doc.text(heading, x, y);
    x += doc.getTextWidth(heading) + 3;
    for (const item of group.items) {
      const symbols = item.symbols === true && withSymbols;
      doc.setFont(symbols ? SYMBOL_FONT : 'helvetica', 'normal');
      const text = symbols ? item.text : pdfSafe(item.text);
      const itemWidth = 4.5 + doc.getTextWidth(text) + 5;
      if (x + itemWidth > right && x > MARGIN + 30) {
        x = MARGIN + 30;
        y += lineHeight;
      }
      x += item.mark(x, y);
      if (draw) doc.text(text, x, y);
      x += doc.getTextWidth(text) + 5;
    }
    y += lineHeight;
  }
  return y - top;
}

/** "Title · page 2 of 5" on every page, bottom right, once all pages exist. */
export function drawFooters(doc: jsPDF, title: string, t: Translate): void {
  const total = doc.getNumberOfPages();
  for (let page = 1; page <= total; page++) {
    doc.setPage(page);
    const width = doc.internal.pageSize.getWidth();
    const height = doc.internal.pageSize.getHeight();
    doc.setFont('helvetica', 'normal');
    doc.setFontSize(7.5);
    doc.setTextColor(MUTED);
    // inset from the corners, where poster pages have crop marks
    doc.text(
      pdfSafe(`${title} · ${t('export.pdf.page', { n: page, total })}`),
      width - MARGIN - 10,
      height - MARGIN / 2,
      { align: 'right' },
    );
    doc.text('Percorso', MARGIN + 10, height - MARGIN / 2);
  }
}
