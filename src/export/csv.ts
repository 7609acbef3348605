// CSV of the touchpoints, ready for a spreadsheet: UTF-8 with a BOM (so Excel reads accents), RFC 4180
// quoting (papaparse's unparse), CRLF line ends, one column per metric. Separated the way the
// person's spreadsheet expects: "," with a decimal point, or ";" with a decimal comma (Italian Excel
// splits nothing on "," and reads 4.5 as a date).
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
export const FORMULA_START = /^(?!-\d+(?:[.,]\d+)?$)[=+\-@\t\r]/;

/** How the spreadsheet on the other end reads a CSV. */
export interface CsvConvention {
  delimiter: ',' | ';';
  decimalComma: boolean;
}

export const COMMA_CSV: CsvConvention = { delimiter: ',', decimalComma: false };
/** Italian (and most of continental Europe's) Excel. */
export const SEMICOLON_CSV: CsvConvention = { delimiter: ';', decimalComma: true };

/** List cells join their items with "; " (a separator spreadsheets leave alone inside a quoted cell). */
const LIST_SEPARATOR = '; ';

export function touchpointCsv(
  table: TouchpointTable,
  headings: CsvHeadings,
  convention: CsvConvention = COMMA_CSV,
): string {
  // a number as the spreadsheet writes it: never with thousands separators, which it would misread
  const number = (value: number | '') =>
    value === '' || !convention.decimalComma ? value : String(value).replace('.', ',');
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
    number(row.emotion),
    row.painPoints.join(LIST_SEPARATOR),
    row.opportunities.join(LIST_SEPARATOR),
    ...table.metrics.map((m) => number(row.metrics[m.key] ?? '')),
  ]);
  const options = { delimiter: convention.delimiter, newline: '\r\n', quotes: false, escapeFormulae: FORMULA_START };
  return '\uFEFF' + Papa.unparse({ fields, data }, options);
}
