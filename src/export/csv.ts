// CSV of the touchpoints, ready for a spreadsheet: UTF-8 with a BOM (so Excel reads accents), comma
// separated, RFC 4180 quoting (papaparse's unparse), CRLF line ends, one column per metric.
import Papa from 'papaparse';
import { metricHeading, type TouchpointTable } from './rows';

export interface CsvHeadings {
  stage: string;
  touchpoint: string;
  channel: string;
  owner: string;
  personas: string;
  emotion: string;
  painPoints: string;
  opportunities: string;
}

/**
 * A text cell starting with one of these is quoted with a leading ' so a spreadsheet never runs it,
 * whatever follows. papaparse's own pattern (`escapeFormulae: true`, /^[=+\-@\t\r].*$/) misses a
 * cell with a line break: its `.` stops at the newline and `$` needs the end of the text. Numbers
 * (a negative NPS) are never escaped: papaparse tests only text.
 */
export const FORMULA_START = /^[=+\-@\t\r]/;

/** List cells join their items with "; " (a separator spreadsheets leave alone inside a quoted cell). */
const LIST_SEPARATOR = '; ';

export function touchpointCsv(table: TouchpointTable, headings: CsvHeadings): string {
  const fields = [
    headings.stage,
    headings.touchpoint,
    headings.channel,
    headings.owner,
    headings.personas,
    headings.emotion,
    headings.painPoints,
    headings.opportunities,
    ...table.metrics.map(metricHeading),
  ];
  const data = table.rows.map((row) => [
    row.stage,
    row.touchpoint,
    row.channel,
    row.owner,
    row.personas.join(LIST_SEPARATOR),
    row.emotion,
    row.painPoints.join(LIST_SEPARATOR),
    row.opportunities.join(LIST_SEPARATOR),
    ...table.metrics.map((m) => row.metrics[m.key] ?? ''),
  ]);
  return (
    '\uFEFF' +
    Papa.unparse({ fields, data }, { delimiter: ',', newline: '\r\n', quotes: false, escapeFormulae: FORMULA_START })
  );
}
