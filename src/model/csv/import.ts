// CSV import of metric values: plan (a preview: the values to write and every row problem, nothing
// written), then apply (the plan's valid values in one transaction, source 'csv').
import * as Y from 'yjs';
import { type Origin } from '../schema';
import { ModelError, type ModelErrorCode } from '../errors';
import { readNodes } from '../queries';
import { METRIC_KEY_PATTERN, readMetricDefs, type MetricDef } from '../metrics/defs';
import { METRIC_NODE_KINDS } from '../metrics/read';
import { setMetricValues, type MetricValuesResult } from '../metrics/values';
import { parseCsvDate, parseNumber, type ParsedCsv } from './parse';
import { rankNames, type NameCandidate, type NameMatch } from './nameMatch';

export interface CsvMapping {
  /** How the node column names nodes: by id, or by label (the same, or a similar one: nameMatch.ts). */
  match: 'id' | 'label';
  nodeColumn: number; // 0-based column index
  metricColumns: Array<{ column: number; key: string }>;
  dateColumn?: number;
  /** Override of the decimal mark; default: decimal comma when the file's delimiter is ';'. */
  decimalComma?: boolean;
  /**
   * By label: only nodes of this kind (a name shared by a touchpoint and a channel is then no longer
   * ambiguous: a "Touchpoint" column means the touchpoint).
   */
  nodeKind?: 'touchpoint' | 'channel' | 'stage';
  /** By label: the person's own choice of node for a name (labelKey of the cell → node id); wins over matching. */
  picks?: Record<string, string>;
}

/** How one distinct name of the node column was resolved (for the dialog to show, and to pick from). */
export interface CsvNameMatch {
  name: string;
  /** exact: the same label (case and spaces aside); similar: `score` ≥ the threshold (nameMatch.ts); picked: the person chose. */
  how: 'exact' | 'similar' | 'picked' | 'none' | 'ambiguous';
  nodeId: string | null;
  score: number;
  /** The best candidates (at most 3), to pick from when nothing or several matched. */
  candidates: NameMatch[];
}

export interface CsvImportItem {
  /** Spreadsheet row number: the header is row 1, the first data row is row 2. */
  row: number;
  nodeId: string;
  key: string;
  value: number;
  at?: string;
}

export type CsvRowErrorReason =
  'unknown-node' | 'ambiguous-label' | 'not-a-number' | 'out-of-range' | 'unknown-metric' | 'bad-date';

export interface CsvRowError {
  row: number; // as in CsvImportItem; 1 for a problem of a whole column (unknown-metric)
  column: number; // 0-based
  reason: CsvRowErrorReason;
  message: string;
}

export interface CsvImportPlan {
  items: CsvImportItem[];
  errors: CsvRowError[];
  /** By label: each distinct name of the node column and how it was resolved. */
  names: CsvNameMatch[];
}

/** The nodes metrics can be imported onto (of one kind when given), as names to match. */
export function nodeCandidates(doc: Y.Doc, kind?: CsvMapping['nodeKind']): NameCandidate[] {
  return readNodes(doc)
    .filter((n) => (METRIC_NODE_KINDS as readonly string[]).includes(n.kind))
    .filter((n) => kind === undefined || n.kind === kind)
    .map((n) => ({ id: n.id, label: n.label, kind: n.kind }));
}

/** Resolves names of the node column to nodes: a pick, then the exact label, then a similar one. */
function nameResolver(doc: Y.Doc, mapping: CsvMapping): (name: string) => CsvNameMatch {
  const nodes = nodeCandidates(doc, mapping.nodeKind);
  const ids = new Set(nodes.map((n) => n.id));
  const byLabel = new Map<string, NameCandidate[]>();
  for (const n of nodes) byLabel.set(labelKey(n.label), [...(byLabel.get(labelKey(n.label)) ?? []), n]);
  const cache = new Map<string, CsvNameMatch>();
  const resolve = (name: string): CsvNameMatch => {
    const key = labelKey(name);
    const picked = mapping.picks?.[key];
    if (picked !== undefined && ids.has(picked))
      return { name, how: 'picked', nodeId: picked, score: 1, candidates: [] };
    const exact = byLabel.get(key) ?? [];
    if (exact.length === 1) return { name, how: 'exact', nodeId: exact[0]!.id, score: 1, candidates: [] };
    const asMatch = (c: NameCandidate): NameMatch => ({ ...c, score: 1 });
    if (exact.length > 1)
      return { name, how: 'ambiguous', nodeId: null, score: 1, candidates: exact.slice(0, 3).map(asMatch) };
    const ranked = rankNames(name, nodes);
    const [best, second] = ranked;
    if (best && (!second || second.score < best.score))
      return { name, how: 'similar', nodeId: best.id, score: best.score, candidates: ranked.slice(0, 3) };
    const near = ranked.length > 0 ? ranked : rankNames(name, nodes, 0.34);
    return {
      name,
      how: ranked.length > 1 ? 'ambiguous' : 'none',
      nodeId: null,
      score: near[0]?.score ?? 0,
      candidates: near.slice(0, 3),
    };
  };
  return (name) => {
    let found = cache.get(name);
    if (!found) cache.set(name, (found = resolve(name)));
    return found;
  };
}

function checkColumn(v: unknown, width: number, what: string): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v >= width)
    throw new ModelError('invalid-value', `${what} must be a column index 0..${width - 1}`);
  return v;
}

/** Label → node ids (touchpoints, channels, stages), for matching by label. */
export function labelKey(label: string): string {
  return label.normalize('NFC').trim().toLowerCase();
}

export function metricNodeIndex(doc: Y.Doc): { ids: Set<string>; byLabel: Map<string, string[]> } {
  const ids = new Set<string>();
  const byLabel = new Map<string, string[]>();
  for (const n of readNodes(doc)) {
    if (!(METRIC_NODE_KINDS as readonly string[]).includes(n.kind)) continue;
    ids.add(n.id);
    const k = labelKey(n.label);
    byLabel.set(k, [...(byLabel.get(k) ?? []), n.id]);
  }
  return { ids, byLabel };
}

const cellName = (csv: ParsedCsv, column: number) => JSON.stringify(csv.headers[column] ?? `column ${column + 1}`);

/** Preview an import: which values would be written, and what is wrong with which row. Writes nothing. */
export function planCsvImport(doc: Y.Doc, csv: ParsedCsv, mapping: CsvMapping): CsvImportPlan {
  if (typeof csv !== 'object' || csv === null || !Array.isArray(csv.headers) || !Array.isArray(csv.rows))
    throw new ModelError('invalid-value', 'csv must be a parsed CSV');
  if (typeof mapping !== 'object' || mapping === null)
    throw new ModelError('invalid-value', 'mapping must be an object');
  if (mapping.match !== 'id' && mapping.match !== 'label')
    throw new ModelError('invalid-value', 'match must be id or label');
  const width = csv.headers.length;
  const nodeColumn = checkColumn(mapping.nodeColumn, width, 'nodeColumn');
  const dateColumn =
    mapping.dateColumn === undefined ? undefined : checkColumn(mapping.dateColumn, width, 'dateColumn');
  if (!Array.isArray(mapping.metricColumns)) throw new ModelError('invalid-value', 'metricColumns must be an array');
  const seen = new Set<string>();
  const metricColumns = mapping.metricColumns.map((mc, i) => {
    const column = checkColumn(mc?.column, width, `metricColumns[${i}].column`);
    if (typeof mc.key !== 'string') throw new ModelError('invalid-value', `metricColumns[${i}].key must be a string`);
    if (seen.has(mc.key)) throw new ModelError('invalid-value', `metric ${mc.key} is mapped twice`);
    seen.add(mc.key);
    return { column, key: mc.key };
  });
  const decimalComma = mapping.decimalComma ?? csv.delimiter === ';';
  const defs = new Map(readMetricDefs(doc).map((d) => [d.key, d]));
  const errors: CsvRowError[] = [];
  const items: CsvImportItem[] = [];
  const columns: Array<{ column: number; def: MetricDef }> = [];
  for (const { column, key } of metricColumns) {
    const def = METRIC_KEY_PATTERN.test(key) ? defs.get(key) : undefined;
    if (def) columns.push({ column, def });
    else
      errors.push({
        row: 1,
        column,
        reason: 'unknown-metric',
        message: `${cellName(csv, column)}: there is no metric ${JSON.stringify(key)}`,
      });
  }
  const index = metricNodeIndex(doc);
  const resolveName = nameResolver(doc, mapping);
  const names = new Map<string, CsvNameMatch>();
  const dates = new Map<string, string | null>(); // a file repeats few dates over many rows
  const dateOf = (text: string) => {
    let d = dates.get(text);
    if (d === undefined) dates.set(text, (d = parseCsvDate(text)));
    return d;
  };
  csv.rows.forEach((cells, i) => {
    const row = i + 2;
    const cell = (c: number) => (cells[c] ?? '').trim();
    if (cells.every((c) => c.trim() === '')) return; // a blank line in the sheet
    const error = (column: number, reason: CsvRowErrorReason, message: string): void => {
      errors.push({ row, column, reason, message });
    };
    const name = cell(nodeColumn);
    let nodeId: string | undefined;
    if (mapping.match === 'id') nodeId = index.ids.has(name) ? name : undefined;
    else if (name !== '') {
      const match = resolveName(name);
      names.set(match.name, match);
      if (match.how === 'ambiguous')
        return error(
          nodeColumn,
          'ambiguous-label',
          `row ${row}: ${match.candidates.length} nodes could be ${JSON.stringify(name)}; choose one, or match by id`,
        );
      nodeId = match.nodeId ?? undefined;
    }
    if (nodeId === undefined) {
      return error(
        nodeColumn,
        'unknown-node',
        name === ''
          ? `row ${row}: no node given`
          : `row ${row}: no touchpoint, channel or stage ${mapping.match === 'id' ? 'has id' : 'is called'} ${JSON.stringify(name)}`,
      );
    }
    let at: string | undefined;
    if (dateColumn !== undefined) {
      const parsed = dateOf(cell(dateColumn));
      if (parsed === null)
        return error(
          dateColumn,
          'bad-date',
          `row ${row}: ${JSON.stringify(cell(dateColumn))} is not a date (use 2024-03-31 or 31/03/2024)`,
        );
      at = parsed;
    }
    for (const { column, def } of columns) {
      const text = cell(column);
      if (text === '') continue; // no value for this metric in this row
      const value = parseNumber(text, { decimalComma });
      if (value === null) {
        error(column, 'not-a-number', `row ${row}, ${cellName(csv, column)}: ${JSON.stringify(text)} is not a number`);
      } else if ((def.min !== undefined && value < def.min) || (def.max !== undefined && value > def.max)) {
        error(
          column,
          'out-of-range',
          `row ${row}, ${cellName(csv, column)}: ${value} is outside ${def.min ?? '−∞'}..${def.max ?? '∞'}`,
        );
      } else {
        items.push(at === undefined ? { row, nodeId, key: def.key, value } : { row, nodeId, key: def.key, value, at });
      }
    }
  });
  return { items, errors, names: [...names.values()] };
}

export interface CsvApplyResult extends Omit<MetricValuesResult, 'errors'> {
  /** Items the doc refused at apply time (e.g. a node removed since the plan was made). */
  errors: Array<{ row: number; key: string; code: ModelErrorCode; reason: string }>;
}

/** Write a plan's values (source 'csv') in one transaction; re-validated, so a stale plan cannot write bad data. */
export function applyCsvImport(doc: Y.Doc, plan: CsvImportPlan, origin?: Origin): CsvApplyResult {
  if (typeof plan !== 'object' || plan === null || !Array.isArray(plan.items))
    throw new ModelError('invalid-value', 'plan must have items');
  const items = plan.items;
  const r = setMetricValues(
    doc,
    items.map((it) => ({
      nodeId: it?.nodeId,
      key: it?.key,
      value: it?.value,
      source: 'csv' as const,
      ...(it?.at === undefined ? {} : { at: it.at }),
    })),
    origin,
  );
  return {
    ...r,
    errors: r.errors.map((e) => ({
      row: items[e.index]?.row ?? 0,
      key: items[e.index]?.key ?? '',
      code: e.code,
      reason: e.reason,
    })),
  };
}
