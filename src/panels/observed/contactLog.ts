// A contact log on its way to the server: which column holds the customer, the time, the touchpoint
// and the channel (guessed from the headers, then chosen by the person), and the file rewritten only
// in its header row (the columns renamed to customer/at/touchpoint/channel). The rest of the file is
// sent as it is, straight from the disk: a large log is never read into memory.
import type { CsvDelimiter } from '../../model';

export type LogField = 'customer' | 'at' | 'touchpoint' | 'channel';
export const LOG_FIELDS: readonly LogField[] = ['customer', 'at', 'touchpoint', 'channel'];
export const REQUIRED_FIELDS: readonly LogField[] = ['customer', 'at', 'touchpoint'];

/** Column index per field (null: not in the file; only the channel may be missing). */
export type LogMapping = Record<LogField, number | null>;

const GUESSES: Record<LogField, RegExp> = {
  customer: /^(customer|cliente|case|caso|client|user|utente|customer.?id|case.?id|id)$/i,
  at: /^(at|time|timestamp|date|datetime|data|ora|quando|when|created.?at)$/i,
  touchpoint: /^(touchpoint|touch.?point|activity|attivit[aà]|event|evento|step|punto.?di.?contatto)$/i,
  channel: /^(channel|canale|medium|mezzo)$/i,
};

export function suggestLogMapping(headers: readonly string[]): LogMapping {
  const used = new Set<number>();
  const mapping = { customer: null, at: null, touchpoint: null, channel: null } as LogMapping;
  for (const field of LOG_FIELDS) {
    const index = headers.findIndex((h, i) => !used.has(i) && GUESSES[field].test(h.trim()));
    if (index !== -1) {
      mapping[field] = index;
      used.add(index);
    }
  }
  return mapping;
}

/** The fields still to choose before the log can be sent. */
export const missingFields = (mapping: LogMapping): LogField[] => REQUIRED_FIELDS.filter((f) => mapping[f] === null);

function quoteCell(cell: string, delimiter: string): string {
  return /["\r\n]/.test(cell) || cell.includes(delimiter) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

/**
 * The header row the server reads: mapped columns renamed to their field, every other column kept as
 * an attribute under its own name (renamed when it would be taken for a field).
 */
export function rewrittenHeader(headers: readonly string[], mapping: LogMapping, delimiter: CsvDelimiter): string {
  const fieldOf = new Map<number, LogField>();
  for (const field of LOG_FIELDS) if (mapping[field] !== null) fieldOf.set(mapping[field], field);
  const reserved = new Set<string>(LOG_FIELDS);
  const cells = headers.map((header, i) => {
    const field = fieldOf.get(i);
    if (field) return field;
    const name = header.trim() || `column${i + 1}`;
    return reserved.has(name.toLowerCase()) ? `${name} (${i + 1})` : name;
  });
  return cells.map((c) => quoteCell(c, delimiter)).join(delimiter);
}

/**
 * The byte offset just after the header row's line break (a quoted header may hold one), or null
 * when `bytes` holds no complete header row.
 */
export function headerEnd(bytes: Uint8Array): number | null {
  let quoted = false;
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i];
    if (byte === 0x22) quoted = !quoted;
    else if (byte === 0x0a && !quoted) return i + 1;
  }
  return null;
}

/** The file with its header row replaced: a Blob that reads the rest from the original file. */
export function withHeader(file: Blob, header: string, bodyStart: number): Blob {
  return new Blob([`${header}\n`, file.slice(bodyStart)], { type: 'text/csv' });
}
