// The appendix of a PDF: every touchpoint as a table row (jspdf-autotable), real text that a reader
// can select and search: stage, touchpoint, channel, owner, emotion, pain points, opportunities,
// metric values and the text of its notes.
import type { jsPDF } from 'jspdf';
import { autoTable } from 'jspdf-autotable';
import { EMOTIONS } from '../ui/EmotionScale';
import type { Translate } from '../i18n';
import { MARGIN } from './pdfBlocks';
import { pdfSafe } from './pdfText';
import { metricHeading, type TouchpointTable } from './rows';

const bullets = (items: readonly string[]) => items.map((item) => `• ${item}`).join('\n');

export function drawAppendix(
  doc: jsPDF,
  table: TouchpointTable,
  t: Translate,
  formatNumber: (value: number) => string = String,
): void {
  doc.addPage();
  doc.setFont('helvetica', 'bold');
  doc.setFontSize(13);
  doc.setTextColor('#1f2937');
  doc.text(pdfSafe(t('export.pdf.appendix')), MARGIN, MARGIN + 5);
  const head = [
    ['stage', 'touchpoint', 'channel', 'owner', 'emotion', 'painPoints', 'opportunities', 'metrics', 'notes'].map(
      (key) => pdfSafe(t(`export.column.${key}` as Parameters<Translate>[0])),
    ),
  ];
  const body = table.rows.map((row) => {
    const emotion = EMOTIONS.find((e) => e.value === row.emotion);
    const metrics = table.metrics.flatMap((m) => {
      const value = row.metrics[m.key];
      return value === null || value === undefined ? [] : [`${metricHeading(m)}: ${formatNumber(value)}`];
    });
    return [
      row.stage,
      row.touchpoint,
      row.channel,
      row.owner,
      `${row.emotion > 0 ? '+' : ''}${row.emotion} ${emotion ? t(emotion.name) : ''}`,
      bullets(row.painPoints),
      bullets(row.opportunities),
      metrics.join('\n'),
      row.notes,
    ].map(pdfSafe);
  });
  autoTable(doc, {
    head,
    body,
    startY: MARGIN + 9,
    margin: { top: MARGIN + 4, left: MARGIN, right: MARGIN, bottom: MARGIN + 2 },
    theme: 'grid',
    styles: {
      font: 'helvetica',
      fontSize: 7.5,
      cellPadding: 1.4,
      overflow: 'linebreak',
      valign: 'top',
      textColor: [31, 41, 55],
      lineColor: [209, 213, 219],
      lineWidth: 0.2,
    },
    headStyles: { fillColor: [43, 76, 126], textColor: [255, 255, 255], fontStyle: 'bold' },
    columnStyles: { 1: { fontStyle: 'bold' }, 8: { cellWidth: 'auto', minCellWidth: 45 } },
    rowPageBreak: 'avoid',
  });
}
