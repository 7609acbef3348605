// A first guess of the CSV import mapping from the headers and the cells, for the import dialog to
// show and the user to correct. English and Italian header names are recognised.
import * as Y from 'yjs';
import { readMetricDefs } from '../metrics/defs';
import { labelKey, metricNodeIndex, nodeCandidates, type CsvMapping } from './import';
import { rankNames } from './nameMatch';
import type { ParsedCsv } from './parse';

export interface SuggestedCsvMapping extends CsvMapping {
  /** Share (0..1) of the sampled node cells that name a node as `match` says; 0: a guess from nothing. */
  nodeScore: number;
  /**
   * The column whose header names the nodes, when its cells matched nothing and another column was
   * taken instead: the dialog says so (the person may well have meant the named one).
   */
  switchedFrom?: number;
}

/** "Drop-off (%)" → "dropoff": lower case, no accents, no bracketed unit, letters and digits only. */
export function normalizeHeader(h: string): string {
  return h
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\([^)]*\)|\[[^\]]*\]/g, '')
    .replace(/[^a-z0-9]/g, '');
}

const NODE_HEADERS = [
  'channel',
  'canale',
  'stage',
  'fase',
  'id',
  'nodeid',
  'node',
  'nodo',
  'idnodo',
  'touchpoint',
  'touchpointid',
  'puntodicontatto',
  'puntidicontatto',
  'label',
  'name',
  'nome',
];
const ID_HEADERS = new Set(['id', 'nodeid', 'idnodo', 'touchpointid']);
const DATE_HEADERS = new Set([
  'date',
  'data',
  'at',
  'day',
  'giorno',
  'timestamp',
  'datetime',
  'time',
  'when',
  'quando',
  'month',
  'mese',
  'period',
  'periodo',
]);
const METRIC_ALIASES: Record<string, string[]> = {
  csat: ['soddisfazione', 'soddisfazionecliente', 'satisfaction', 'customersatisfaction', 'csatmedio', 'votomedio'],
  nps: ['netpromoterscore', 'npsmedio'],
  ces: ['effort', 'customereffortscore', 'sforzo', 'sforzocliente'],
  conversion: ['conversione', 'conversionrate', 'tassodiconversione', 'conversioni'],
  dropoff: ['abbandono', 'abbandoni', 'tassodiabbandono', 'dropoffrate', 'dropout'],
  volume: [
    'volumi',
    'contacts',
    'contatti',
    'contactspermonth',
    'volumecontatti',
    'volumecontattimese',
    'contattimese',
    'contattialmese',
    'numerocontatti',
    'contactvolume',
    'monthlycontacts',
  ],
  cost: ['costo', 'costpercontact', 'costopercontatto', 'costounitario', 'costomedio'],
  aht: [
    'handlingtime',
    'tempodigestione',
    'averagehandlingtime',
    'tempomediodigestione',
    'durata',
    'duratamedia',
    'tempomedio',
  ],
};

/** A node column's header that says which kind of node it names. */
const KIND_HEADERS: Record<string, NonNullable<CsvMapping['nodeKind']>> = {
  touchpoint: 'touchpoint',
  puntodicontatto: 'touchpoint',
  puntidicontatto: 'touchpoint',
  channel: 'channel',
  canale: 'channel',
  canali: 'channel',
  stage: 'stage',
  fase: 'stage',
  fasi: 'stage',
};

const SAMPLE = 200;

export function suggestCsvMapping(doc: Y.Doc, csv: ParsedCsv): SuggestedCsvMapping {
  const names = csv.headers.map(normalizeHeader);
  const taken = new Set<number>();
  const dateColumn = names.findIndex((n) => DATE_HEADERS.has(n));
  if (dateColumn >= 0) taken.add(dateColumn);

  const metricByName = new Map<string, string>();
  for (const d of readMetricDefs(doc)) {
    for (const n of [d.key, normalizeHeader(d.label), ...(METRIC_ALIASES[d.key] ?? [])])
      if (n !== '' && !metricByName.has(n)) metricByName.set(n, d.key);
  }
  const metricColumns: CsvMapping['metricColumns'] = [];
  const usedKeys = new Set<string>();
  names.forEach((n, column) => {
    const key = metricByName.get(n);
    if (key === undefined || usedKeys.has(key) || taken.has(column)) return;
    usedKeys.add(key);
    taken.add(column);
    metricColumns.push({ column, key });
  });

  // Node column: how well each free column's cells name nodes, by id and by label.
  const index = metricNodeIndex(doc);
  const candidates = nodeCandidates(doc);
  const scores = csv.headers.map((_, column) => {
    const cells = csv.rows
      .slice(0, SAMPLE)
      .map((r) => (r[column] ?? '').trim())
      .filter((c) => c !== '');
    const byId = cells.filter((c) => index.ids.has(c)).length;
    const byLabel = cells.filter((c) => index.byLabel.has(labelKey(c)) || rankNames(c, candidates).length > 0).length;
    const n = Math.max(cells.length, 1);
    return {
      column,
      match: (byId > byLabel ? 'id' : 'label') as CsvMapping['match'],
      score: Math.max(byId, byLabel) / n,
    };
  });
  const free = scores.filter((s) => !taken.has(s.column));
  const named = free.filter((s) => NODE_HEADERS.includes(names[s.column] ?? ''));
  const best = (list: typeof free) =>
    list.reduce<(typeof free)[number] | undefined>((a, b) => (a === undefined || b.score > a.score ? b : a), undefined);
  let pick = best(named);
  if (pick && pick.score === 0 && ID_HEADERS.has(names[pick.column] ?? '')) pick = { ...pick, match: 'id' };
  const byCells = best(free);
  if (!pick || (pick.score === 0 && byCells && byCells.score > 0)) pick = byCells;
  // the column a person most likely meant: the one whose header says touchpoints, else the first named
  const meant = named.find((s) => KIND_HEADERS[names[s.column] ?? ''] === 'touchpoint') ?? named[0];
  const switchedFrom = meant && pick && meant.column !== pick.column ? meant.column : undefined;
  const out: SuggestedCsvMapping = {
    match: pick?.match ?? 'label',
    nodeColumn: pick?.column ?? 0,
    metricColumns,
    nodeScore: pick?.score ?? 0,
  };
  if (switchedFrom !== undefined) out.switchedFrom = switchedFrom;
  const kind = pick ? KIND_HEADERS[names[pick.column] ?? ''] : undefined;
  if (kind) out.nodeKind = kind;
  if (dateColumn >= 0) out.dateColumn = dateColumn;
  return out;
}
