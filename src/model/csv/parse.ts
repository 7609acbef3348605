// CSV text → rows, plus the number and date readers of the import. Parsing is papaparse's (quotes,
// embedded delimiters and newlines, "" escapes, BOM, CRLF, delimiter guessing); this file adds the
// rules of our spreadsheets: Italian exports use ';' with decimal commas and day-first dates.
import Papa from 'papaparse';
import { ModelError } from '../errors';
import { checkIsoTime } from '../metrics/values';

export type CsvDelimiter = ',' | ';' | '\t';

export interface ParsedCsv {
  /** The first record, trimmed. */
  headers: string[];
  /** The data records (header excluded), each padded to the header's width. Blank records inside the
   * file are kept (as empty cells) so that index i is spreadsheet row i + 2; trailing ones are dropped. */
  rows: string[][];
  delimiter: CsvDelimiter;
}

export type CsvErrorReason = 'empty-csv' | 'unterminated-quote';

/** A file that cannot be read as a table at all. Per-row problems are not thrown: see planCsvImport. */
export class CsvError extends ModelError {
  readonly reason: CsvErrorReason;

  constructor(reason: CsvErrorReason, message: string) {
    super('invalid-value', message);
    this.name = 'CsvError';
    this.reason = reason;
  }
}

/** The first line, with quoted parts removed (they may hold delimiters and newlines). */
function firstLine(text: string): string {
  return text.replace(/"(?:[^"]|"")*"/g, '').split(/\r?\n/)[0] ?? '';
}

const blank = (row: readonly string[]) => row.every((c) => c.trim() === '');

export function parseCsv(text: string): ParsedCsv {
  if (typeof text !== 'string') throw new ModelError('invalid-value', 'CSV text must be a string');
  if (text.replace(/^\uFEFF/, '').trim() === '') throw new CsvError('empty-csv', 'the CSV file is empty');
  const parse = (delimiter: string) =>
    Papa.parse<string[]>(text, {
      delimiter,
      delimitersToGuess: [',', ';', '\t'],
      skipEmptyLines: false,
      header: false,
    });
  let result = parse(''); // '' = guess from the field counts of the first rows
  // The guess needs several rows; with one (a header-only file) take the delimiter the header uses most.
  if ((result.data[0]?.length ?? 0) <= 1) {
    const counts = ([';', '\t', ','] as const).map(
      (d) => [d, (firstLine(text).match(new RegExp(d, 'g')) ?? []).length] as const,
    );
    const [best, n] = counts.reduce((a, b) => (b[1] > a[1] ? b : a));
    if (n > 0) result = parse(best);
  }
  const unterminated = result.errors.find((e) => e.code === 'MissingQuotes');
  if (unterminated) {
    throw new CsvError('unterminated-quote', `a quoted field is not closed (record ${(unterminated.row ?? 0) + 1})`);
  }
  const records = result.data.map((r) => r.map((c) => (typeof c === 'string' ? c : '')));
  while (records.length > 0 && blank(records[records.length - 1] ?? [])) records.pop();
  const [head = [], ...rest] = records;
  const headers = head.map((h, i) => (i === 0 ? h.replace(/^\uFEFF/, '') : h).trim());
  const rows = rest.map((r) =>
    r.length >= headers.length ? r : [...r, ...new Array<string>(headers.length - r.length).fill('')],
  );
  const d = result.meta.delimiter;
  const delimiter: CsvDelimiter = d === ';' || d === '\t' ? d : ',';
  return { headers, rows, delimiter };
}

const SPACES = /[\s\u00A0\u202F\u2009']/; // thousands separators some locales use besides . and ,

/** Digits grouped by thousands with `sep` (and/or spaces): "1.234.567", "1 234". */
function ungroup(int: string, sep: string | null): string | null {
  if (/^\d*$/.test(int)) return int;
  const parts = int.split(new RegExp(`[${sep === null ? '' : `\\${sep}`}\\s\\u00A0\\u202F\\u2009']`));
  const [first = '', ...groups] = parts;
  if (!/^\d{1,3}$/.test(first) || groups.some((g) => !/^\d{3}$/.test(g))) return null;
  return parts.join('');
}

/**
 * A number as spreadsheets write it, or null: "1.5", "1,5" (decimal comma), "1.234,5", "1,234.5",
 * "-3", "12%" (→ 12), "1 234". When both '.' and ',' appear the later one is the decimal mark. A
 * lone separator followed by exactly three digits ("1,234", "1.234") is ambiguous: it is a thousands
 * separator unless it is the decimal mark of the file's convention (`decimalComma` true: ',' is
 * decimal, so "1.234" is 1234 and "1,234" is 1.234; false/absent: the reverse).
 */
export function parseNumber(text: string, opts: { decimalComma?: boolean } = {}): number | null {
  if (typeof text !== 'string') return null;
  let s = text.trim();
  if (s.endsWith('%')) s = s.slice(0, -1).trim();
  let sign = '';
  if (/^[+\-\u2212]/.test(s)) {
    sign = s[0] === '+' ? '' : '-';
    s = s.slice(1).trim();
  }
  if (
    !/^[\d.,\s\u00A0\u202F\u2009']+$/.test(s) ||
    !/\d/.test(s) ||
    SPACES.test(s[0] ?? '') ||
    SPACES.test(s[s.length - 1] ?? '')
  )
    return null;
  const dots = s.split('.').length - 1;
  const commas = s.split(',').length - 1;
  let dec: '.' | ',' | null;
  if (dots > 0 && commas > 0) dec = s.lastIndexOf('.') > s.lastIndexOf(',') ? '.' : ',';
  else if (dots + commas === 0) dec = null;
  else {
    const sep = dots > 0 ? '.' : ',';
    const count = dots + commas;
    const conventional = (sep === ',') === (opts.decimalComma === true);
    const after = s.slice(s.lastIndexOf(sep) + 1);
    const looksGrouped =
      /^\d{3}$/.test(after) &&
      /^[1-9]\d{0,2}$/.test(s.slice(0, s.indexOf(sep)).replace(/[\s\u00A0\u202F\u2009']/g, ''));
    dec = count > 1 || (looksGrouped && !conventional) ? null : sep;
  }
  const thousands = dec === '.' ? ',' : dec === ',' ? '.' : dots > 0 ? '.' : commas > 0 ? ',' : null;
  const cut = dec === null ? -1 : s.lastIndexOf(dec);
  const intRaw = cut < 0 ? s : s.slice(0, cut);
  const frac = cut < 0 ? '' : s.slice(cut + 1);
  if (!/^\d*$/.test(frac)) return null;
  const int = ungroup(intRaw, thousands);
  if (int === null || (int === '' && frac === '')) return null;
  const n = Number(`${sign}${int || '0'}.${frac || '0'}`);
  return Number.isFinite(n) ? n : null;
}

const DAY_FIRST = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
const YEAR_SLASH = /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/;
const YEAR_MONTH = /^(\d{4})-(\d{2})$/;

const pad = (n: string) => n.padStart(2, '0');

/**
 * A date cell as an ISO time, or null: ISO dates and date-times (no offset = UTC), "2024-03"
 * (first of the month), "2024/03/31", and day-first "31/03/2024", "31.03.2024", "31-03-2024"
 * (optionally with " 14:30[:00]", UTC) as European spreadsheets write them.
 */
export function parseCsvDate(text: string): string | null {
  const s = typeof text === 'string' ? text.trim() : '';
  let iso = s;
  const dm = DAY_FIRST.exec(s);
  const ys = YEAR_SLASH.exec(s);
  const ym = YEAR_MONTH.exec(s);
  if (dm) {
    const [, d = '', mo = '', y = '', h, mi, sec] = dm;
    iso = `${y}-${pad(mo)}-${pad(d)}${h === undefined ? '' : `T${pad(h)}:${mi}:${sec ?? '00'}Z`}`;
  } else if (ys) iso = `${ys[1]}-${pad(ys[2] ?? '')}-${pad(ys[3] ?? '')}`;
  else if (ym) iso = `${ym[1]}-${ym[2]}-01`;
  try {
    return checkIsoTime(iso);
  } catch {
    return null;
  }
}
