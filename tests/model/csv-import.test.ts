import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addTouchpoint,
  applyCsvImport,
  parseCsv,
  planCsvImport,
  readMetric,
  readMetricValue,
  removeNode,
  setMetricDef,
  suggestCsvMapping,
  type CsvMapping,
} from './model';
import { expectOneTransaction, transactionsOf } from './helpers';
import { omnichannelSupport } from './fixtures-metrics';

// An Italian export: ';', decimal commas, day-first dates, a quoted label, CRLF and a BOM.
const ITALIAN = [
  '\uFEFFPunto di contatto;Data;CSAT;Drop-off (%);Volume',
  'Send an e-mail;01/04/2024;3,4;12,5;1.250',
  ' phone CALL ;01/04/2024;2,9;33;800',
  '"WhatsApp chat";01/04/2024;2,6;;410',
  '',
  'Web chat;01/04/2024;4,6;7,5;abc',
  'Carrier pigeon;01/04/2024;3;1;1',
  'Web chat;31/02/2024;4;1;1',
  'Write a review;01/04/2024;6;150;10',
  'Send an e-mail;01/04/2024;3,4;12,5;1.250',
  '',
].join('\r\n');

const mapping: CsvMapping = {
  match: 'label',
  nodeColumn: 0,
  dateColumn: 1,
  metricColumns: [
    { column: 2, key: 'csat' },
    { column: 3, key: 'dropoff' },
    { column: 4, key: 'volume' },
  ],
};

describe('planCsvImport', () => {
  it('previews items and reports every row problem with its spreadsheet row, without writing', () => {
    const doc = omnichannelSupport();
    const csv = parseCsv(ITALIAN);
    let plan: ReturnType<typeof planCsvImport> | undefined;
    expect(transactionsOf(doc, () => (plan = planCsvImport(doc, csv, mapping)))).toEqual([]);
    const at = '2024-04-01T00:00:00.000Z';
    expect(plan?.items.slice(0, 8)).toEqual([
      { row: 2, nodeId: 't-email', key: 'csat', value: 3.4, at },
      { row: 2, nodeId: 't-email', key: 'dropoff', value: 12.5, at },
      { row: 2, nodeId: 't-email', key: 'volume', value: 1250, at },
      { row: 3, nodeId: 't-call', key: 'csat', value: 2.9, at }, // label matched trimmed, case-insensitively
      { row: 3, nodeId: 't-call', key: 'dropoff', value: 33, at },
      { row: 3, nodeId: 't-call', key: 'volume', value: 800, at },
      { row: 4, nodeId: 't-wa', key: 'csat', value: 2.6, at }, // empty drop-off cell: no value, no error
      { row: 4, nodeId: 't-wa', key: 'volume', value: 410, at },
    ]);
    expect(plan?.errors.map((e) => [e.row, e.column, e.reason])).toEqual([
      [6, 4, 'not-a-number'],
      [7, 0, 'unknown-node'],
      [8, 1, 'bad-date'],
      [9, 2, 'out-of-range'],
      [9, 3, 'out-of-range'],
    ]);
    expect(plan?.errors[0]?.message).toContain('"abc"');
    expect(plan?.items.filter((i) => i.row === 6)).toHaveLength(2); // the good cells of row 6 still count
    expect(plan?.items.filter((i) => i.row === 9).map((i) => i.key)).toEqual(['volume']);
  });

  it('ambiguous labels, match by id, unknown metric columns, blank node cells', () => {
    const doc = omnichannelSupport();
    addTouchpoint(doc, { stageId: 'feedback', label: 'web CHAT', id: 't-chat2' });
    const csv = parseCsv('node,csat,mood\nWeb chat,4,1\nt-chat,4,1\n,3,1\n');
    const byLabel = planCsvImport(doc, csv, {
      match: 'label',
      nodeColumn: 0,
      metricColumns: [
        { column: 1, key: 'csat' },
        { column: 2, key: 'mood' },
      ],
    });
    expect(byLabel.errors.map((e) => [e.row, e.column, e.reason])).toEqual([
      [1, 2, 'unknown-metric'],
      [2, 0, 'ambiguous-label'],
      [3, 0, 'unknown-node'],
      [4, 0, 'unknown-node'],
    ]);
    const byId = planCsvImport(doc, csv, { match: 'id', nodeColumn: 0, metricColumns: [{ column: 1, key: 'csat' }] });
    expect(byId.items).toEqual([{ row: 3, nodeId: 't-chat', key: 'csat', value: 4 }]);
  });

  it('stages and channels match too; decimal comma follows the delimiter unless overridden', () => {
    const doc = omnichannelSupport();
    const comma = parseCsv('name,nps\nResolution,"1,234"\nE-mail,"12,5"\n');
    expect(
      planCsvImport(doc, comma, { match: 'label', nodeColumn: 0, metricColumns: [{ column: 1, key: 'nps' }] }).errors[0]
        ?.reason,
    ).toBe('out-of-range'); // 1234
    const plan = planCsvImport(doc, comma, {
      match: 'label',
      nodeColumn: 0,
      metricColumns: [{ column: 1, key: 'nps' }],
      decimalComma: true,
    });
    expect(plan.items.map((i) => [i.nodeId, i.value])).toEqual([
      ['resolve', 1.234],
      ['email', 12.5],
    ]);
  });

  it('throws on a malformed mapping', () => {
    const doc = omnichannelSupport();
    const csv = parseCsv('a,b\n1,2\n');
    const bad: unknown[] = [
      { match: 'name', nodeColumn: 0, metricColumns: [] },
      { match: 'id', nodeColumn: 2, metricColumns: [] },
      { match: 'id', nodeColumn: 0, metricColumns: [{ column: -1, key: 'csat' }] },
      {
        match: 'id',
        nodeColumn: 0,
        metricColumns: [
          { column: 1, key: 'csat' },
          { column: 1, key: 'csat' },
        ],
      },
      { match: 'id', nodeColumn: 0, metricColumns: 'csat' },
      { match: 'id', nodeColumn: 0, metricColumns: [], dateColumn: 1.5 },
    ];
    for (const m of bad) expect(() => planCsvImport(doc, csv, m as CsvMapping)).toThrow();
  });
});

describe('applyCsvImport', () => {
  it('writes only the valid items, in one transaction, with source csv; a second import of the same file changes nothing', () => {
    const doc = omnichannelSupport();
    const plan = planCsvImport(doc, parseCsv(ITALIAN), mapping);
    const r = expectOneTransaction(doc, () => applyCsvImport(doc, plan, { kind: 'import' }), { kind: 'import' });
    expect(r.errors).toEqual([]);
    expect(r.applied).toBe(plan.items.length - 3); // the repeated row 10 is applied once
    expect(r.skipped).toBe(3);
    expect(readMetric(doc, 't-email', 'csat')).toMatchObject({
      value: 3.4,
      source: 'csv',
      updatedAt: '2024-04-01T00:00:00.000Z',
    });
    expect(readMetricValue(doc, 't-chat', 'volume')).toBe(600); // row 6's "abc" was not applied
    expect(readMetricValue(doc, 't-review', 'csat')).toBeNull(); // row 9's out-of-range CSAT was not applied
    const before = Y.encodeStateVector(doc);
    const again = applyCsvImport(doc, planCsvImport(doc, parseCsv(ITALIAN), mapping));
    expect(again.applied).toBe(0);
    expect(Y.encodeStateVector(doc)).toEqual(before);
  });

  it('re-validates a stale plan: a node removed since planning is reported by row', () => {
    const doc = omnichannelSupport();
    const plan = planCsvImport(doc, parseCsv(ITALIAN), mapping);
    removeNode(doc, 't-call');
    const r = applyCsvImport(doc, plan);
    expect(r.errors.map((e) => [e.row, e.key, e.code])).toEqual([
      [3, 'csat', 'not-found'],
      [3, 'dropoff', 'not-found'],
      [3, 'volume', 'not-found'],
    ]);
    expect(readMetricValue(doc, 't-email', 'dropoff')).toBe(12.5);
  });
});

describe('suggestCsvMapping', () => {
  it('recognises Italian and English headers: node, date and metric columns', () => {
    const doc = omnichannelSupport();
    // a "Punto di contatto" column names touchpoints: a channel of the same name is not a candidate
    expect(suggestCsvMapping(doc, parseCsv(ITALIAN))).toEqual({ ...mapping, nodeScore: 7 / 8, nodeKind: 'touchpoint' });
    const en = parseCsv(
      'Date,NPS,Touchpoint,Customer effort,Handling time (s),Cost per contact €,Conversion,misc\n2024-01-01,10,Web chat,2,100,3,5,x\n',
    );
    expect(suggestCsvMapping(doc, en)).toEqual({
      match: 'label',
      nodeColumn: 2,
      dateColumn: 0,
      nodeScore: 1,
      nodeKind: 'touchpoint',
      metricColumns: [
        { column: 1, key: 'nps' },
        { column: 3, key: 'ces' },
        { column: 4, key: 'aht' },
        { column: 5, key: 'cost' },
        { column: 6, key: 'conversion' },
      ],
    });
  });

  it('finds the node column by its cells when no header names it, and prefers ids when cells are ids', () => {
    const doc = omnichannelSupport();
    setMetricDef(doc, { key: 'wait', label: 'Attesa', unit: 'min', better: 'lower', green: 2, red: 10, min: 0 });
    const csv = parseCsv('x;y;attesa\n1;t-email;3\n2;t-wa;4\n3;nope;5\n');
    expect(suggestCsvMapping(doc, csv)).toEqual({
      match: 'id',
      nodeColumn: 1,
      metricColumns: [{ column: 2, key: 'wait' }],
      nodeScore: 2 / 3,
    });
  });

  it('with nothing to go on, guesses column 0 by label with score 0', () => {
    const doc = omnichannelSupport();
    expect(suggestCsvMapping(doc, parseCsv('a,b\n1,2\n'))).toEqual({
      match: 'label',
      nodeColumn: 0,
      metricColumns: [],
      nodeScore: 0,
    });
    expect(suggestCsvMapping(doc, parseCsv('id,csat\nzzz,4\n'))).toMatchObject({ match: 'id', nodeColumn: 0 });
  });
});

describe('names as a spreadsheet writes them (issue #15)', () => {
  const SHEET = [
    'Punto di contatto;Volume contatti/mese;Soddisfazione',
    ' Send e-mail ;1.200;3,1',
    'Phone call (IVR);900;2,7',
    'Whatsapp Chat;400;2,5',
    'Review written;150;',
    'Something else;5;1',
  ].join('\r\n');

  it('recognises the Italian column names and finds cards written differently, with a score', () => {
    const doc = omnichannelSupport();
    const csv = parseCsv(SHEET);
    const suggested = suggestCsvMapping(doc, csv);
    expect(suggested).toMatchObject({
      match: 'label',
      nodeColumn: 0,
      nodeKind: 'touchpoint',
      metricColumns: [
        { column: 1, key: 'volume' },
        { column: 2, key: 'csat' },
      ],
    });
    expect(suggested.switchedFrom).toBeUndefined();
    const plan = planCsvImport(doc, csv, suggested);
    const how = Object.fromEntries(plan.names.map((n) => [n.name, [n.how, n.nodeId, Math.round(n.score * 100)]]));
    expect(how).toEqual({
      'Send e-mail': ['similar', 't-email', 100],
      'Phone call (IVR)': ['similar', 't-call', 80],
      'Whatsapp Chat': ['exact', 't-wa', 100],
      'Review written': ['none', null, 50],
      'Something else': ['none', null, 0],
    });
    // the one the person must pick offers the right card first
    expect(plan.names.find((n) => n.name === 'Review written')?.candidates[0]?.id).toBe('t-review');
    expect(plan.errors.map((e) => [e.row, e.reason])).toEqual([
      [5, 'unknown-node'],
      [6, 'unknown-node'],
    ]);
    expect(plan.items.filter((i) => i.nodeId === 't-email')).toEqual([
      { row: 2, nodeId: 't-email', key: 'volume', value: 1200 },
      { row: 2, nodeId: 't-email', key: 'csat', value: 3.1 },
    ]);

    // one pick, remembered by the dialog as labelKey(name) → node id, applies the row
    const picked = planCsvImport(doc, csv, { ...suggested, picks: { 'review written': 't-review' } });
    expect(picked.names.find((n) => n.name === 'Review written')).toMatchObject({ how: 'picked', nodeId: 't-review' });
    expect(picked.errors.map((e) => e.row)).toEqual([6]);
  });

  it('resolves a name shared by a touchpoint and a channel by the column’s kind', () => {
    const doc = omnichannelSupport();
    addTouchpoint(doc, { stageId: 'resolve', label: 'Live chat', id: 't-live' }); // the channel is "Live chat" too
    const csv = parseCsv('Name,CSAT\nLive chat,4\n');
    const anyKind = planCsvImport(doc, csv, {
      match: 'label',
      nodeColumn: 0,
      metricColumns: [{ column: 1, key: 'csat' }],
    });
    expect(anyKind.errors.map((e) => e.reason)).toEqual(['ambiguous-label']);
    expect(anyKind.names[0]?.candidates.map((c) => c.kind).sort()).toEqual(['channel', 'touchpoint']);
    const touchpoints = planCsvImport(doc, csv, {
      match: 'label',
      nodeColumn: 0,
      nodeKind: 'touchpoint',
      metricColumns: [{ column: 1, key: 'csat' }],
    });
    expect(touchpoints.items).toEqual([{ row: 2, nodeId: 't-live', key: 'csat', value: 4 }]);
  });

  it('says when it takes another column than the one whose header names the nodes', () => {
    const doc = omnichannelSupport();
    const suggested = suggestCsvMapping(doc, parseCsv('Touchpoint,Canale,CSAT\nfoo,Phone,3\nbar,WhatsApp,4\n'));
    expect(suggested).toMatchObject({ nodeColumn: 1, switchedFrom: 0, nodeKind: 'channel' });
  });
});
