// The last mapping applied on this map, remembered in this browser by column header (not position),
// so the next month's export of the same sheet opens mapped the same way; a column that is gone is
// left to the suggestion.
import type { CsvMapping, ParsedCsv } from '../../model';

interface Remembered {
  node: string;
  match: CsvMapping['match'];
  nodeKind?: CsvMapping['nodeKind'];
  date?: string;
  metrics: Record<string, string>; // header → metric key
  decimalComma?: boolean;
}

const keyOf = (mapId: string) => `percorso.csvMapping.${mapId}`;
const norm = (header: string) => header.trim().toLowerCase();

export function rememberMapping(mapId: string, csv: ParsedCsv, mapping: CsvMapping): void {
  const header = (column: number) => csv.headers[column] ?? '';
  const remembered: Remembered = {
    node: header(mapping.nodeColumn),
    match: mapping.match,
    metrics: Object.fromEntries(mapping.metricColumns.map((mc) => [header(mc.column), mc.key])),
    ...(mapping.nodeKind && { nodeKind: mapping.nodeKind }),
    ...(mapping.dateColumn !== undefined && { date: header(mapping.dateColumn) }),
    ...(mapping.decimalComma !== undefined && { decimalComma: mapping.decimalComma }),
  };
  try {
    localStorage.setItem(keyOf(mapId), JSON.stringify(remembered));
  } catch {
    // storage full or blocked: next time starts from the suggestion
  }
}

/** The suggestion with the remembered choices laid over it, for the columns this file still has. */
export function withRememberedMapping(mapId: string, csv: ParsedCsv, suggested: CsvMapping): CsvMapping {
  let remembered: Remembered;
  try {
    remembered = JSON.parse(localStorage.getItem(keyOf(mapId)) ?? 'null') as Remembered;
  } catch {
    return suggested;
  }
  if (!remembered || typeof remembered !== 'object' || typeof remembered.metrics !== 'object') return suggested;
  const columnOf = (header: string | undefined) =>
    header === undefined ? -1 : csv.headers.findIndex((h) => norm(h) === norm(header));
  const nodeColumn = columnOf(remembered.node);
  if (nodeColumn < 0) return suggested; // another sheet: the suggestion knows better
  const metricColumns = Object.entries(remembered.metrics)
    .map(([header, key]) => ({ column: columnOf(header), key }))
    .filter((mc) => mc.column >= 0 && mc.column !== nodeColumn)
    .sort((a, b) => a.column - b.column);
  const dateColumn = columnOf(remembered.date);
  const mapping: CsvMapping = {
    ...suggested,
    nodeColumn,
    match: remembered.match === 'id' ? 'id' : 'label',
    metricColumns: metricColumns.length > 0 ? metricColumns : suggested.metricColumns,
  };
  if (remembered.nodeKind) mapping.nodeKind = remembered.nodeKind;
  else delete mapping.nodeKind;
  if (dateColumn >= 0) mapping.dateColumn = dateColumn;
  else if (remembered.date === undefined) delete mapping.dateColumn; // the last import used none
  if (remembered.decimalComma !== undefined) mapping.decimalComma = remembered.decimalComma;
  return mapping;
}
