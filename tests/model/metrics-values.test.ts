import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  METRIC_HISTORY_MAX,
  addChannel,
  addNote,
  addStage,
  addTouchpoint,
  checkIsoTime,
  clearMetricValue,
  readMetric,
  readMetrics,
  readMetricValue,
  removeMetricDef,
  rootMaps,
  setMetricDef,
  setMetricTarget,
  setMetricValue,
  setMetricValues,
  type MetricValueInput,
} from './model';
import { mulberry32 } from '../shared/random';
import { expectOneTransaction, expectRejected, newDoc, syncPair } from './helpers';

function setup() {
  const doc = newDoc();
  addStage(doc, { label: 'S', id: 's' });
  addChannel(doc, { label: 'Web', type: 'digital', medium: 'web', id: 'web' });
  addTouchpoint(doc, { stageId: 's', label: 'T', id: 't' });
  addNote(doc, { label: 'n', x: 0, y: 0, id: 'note' });
  return doc;
}

const day = (d: number) => new Date(Date.UTC(2024, 0, 1 + d)).toISOString();
const csat = (value: number, at?: string): MetricValueInput => ({
  nodeId: 't',
  key: 'csat',
  value,
  source: 'api',
  ...(at ? { at } : {}),
});

describe('setMetricValue', () => {
  it('writes value, source, updatedAt and a history point in one transaction', () => {
    const doc = setup();
    const status = expectOneTransaction(doc, () => setMetricValue(doc, { ...csat(4.2, '2024-03-01'), target: 4.5 }), {
      kind: 'local-user',
    });
    expect(status).toBe('applied');
    const m = rootMaps(doc).nodes.get('t')?.get('metrics') as Y.Map<unknown>;
    expect(m.get('csat')).toBeInstanceOf(Y.Map);
    expect((m.get('csat') as Y.Map<unknown>).get('history')).toBeInstanceOf(Y.Array);
    expect(readMetrics(doc, 't')).toEqual({
      csat: {
        value: 4.2,
        target: 4.5,
        source: 'api',
        updatedAt: '2024-03-01T00:00:00.000Z',
        history: [{ value: 4.2, at: '2024-03-01T00:00:00.000Z' }],
      },
    });
  });

  it('stages and channels get their metrics map on the first write', () => {
    const doc = setup();
    expect(rootMaps(doc).nodes.get('s')?.get('metrics')).toBeUndefined();
    setMetricValue(doc, { nodeId: 's', key: 'nps', value: 12, source: 'manual' }, { kind: 'ingest' });
    setMetricValue(doc, { nodeId: 'web', key: 'conversion', value: 3.5, source: 'manual' });
    expect(rootMaps(doc).nodes.get('s')?.get('metrics')).toBeInstanceOf(Y.Map);
    expect(readMetricValue(doc, 's', 'nps')).toBe(12);
    expect(readMetric(doc, 'web', 'conversion')?.value).toBe(3.5);
    expect(readMetric(doc, 'web', 'conversion')?.updatedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it('rejects bad input without writing', () => {
    const doc = setup();
    expectRejected(doc, () => setMetricValue(doc, { ...csat(4), nodeId: 'ghost' }), 'not-found');
    expectRejected(doc, () => setMetricValue(doc, { ...csat(4), nodeId: 'note' }), 'wrong-kind');
    expectRejected(doc, () => setMetricValue(doc, { ...csat(4), key: 'nope' }), 'not-found');
    expectRejected(doc, () => setMetricValue(doc, { ...csat(4), key: 'NOPE' }), 'invalid-value');
    expectRejected(doc, () => setMetricValue(doc, csat(6)), 'invalid-value'); // csat is 1..5
    expectRejected(doc, () => setMetricValue(doc, csat(Number.NaN)), 'invalid-value');
    expectRejected(doc, () => setMetricValue(doc, { ...csat(4), target: 9 }), 'invalid-value');
    expectRejected(doc, () => setMetricValue(doc, { ...csat(4), source: 'fax' as never }), 'invalid-value');
    expectRejected(doc, () => setMetricValue(doc, csat(4, 'yesterday')), 'invalid-value');
    expectRejected(doc, () => setMetricValue(doc, csat(4, '2024-02-30')), 'invalid-value');
    expectRejected(doc, () => setMetricValue(doc, null as never), 'invalid-value');
  });

  it('the same time twice is applied once (idempotent ingest) and reported', () => {
    const doc = setup();
    expect(setMetricValue(doc, csat(4, '2024-03-01T10:00:00Z'))).toBe('applied');
    const before = Y.encodeStateAsUpdate(doc);
    expect(setMetricValue(doc, csat(2, '2024-03-01T11:00:00+01:00'))).toBe('duplicate'); // the same instant
    expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
    expect(readMetric(doc, 't', 'csat')?.value).toBe(4);
  });

  it('keeps the newest 50 points; a point older than a full history is stale; a past point back-fills', () => {
    const doc = setup();
    const r = setMetricValues(
      doc,
      Array.from({ length: 60 }, (_, i) => csat(1 + (i % 5), day(i))),
    );
    expect(r).toMatchObject({ applied: 60, skipped: 0, errors: [] });
    let m = readMetric(doc, 't', 'csat');
    expect(m?.history).toHaveLength(METRIC_HISTORY_MAX);
    expect(m?.history[0]?.at).toBe(day(10));
    expect(m?.updatedAt).toBe(day(59));
    expect(setMetricValue(doc, csat(3, day(0)))).toBe('stale');
    expect(setMetricValue(doc, csat(3, day(100)))).toBe('applied');
    clearMetricValue(doc, 't', 'csat');
    setMetricValue(doc, csat(5, day(5)));
    expect(setMetricValue(doc, csat(1, day(3)))).toBe('applied'); // older than the current value
    m = readMetric(doc, 't', 'csat');
    expect(m?.value).toBe(5);
    expect(m?.history.map((p) => p.value)).toEqual([1, 5]);
  });

  it('a batch merges into an existing history in time order, trimming the oldest originals', () => {
    const doc = setup();
    for (const d of [1, 3, 5]) setMetricValue(doc, csat(1 + (d % 5), day(d)));
    setMetricValues(
      doc,
      [4, 0, 6, 2].map((d) => csat(1 + (d % 5), day(d))),
    );
    const raw = () =>
      (
        (rootMaps(doc).nodes.get('t')?.get('metrics') as Y.Map<Y.Map<unknown>>).get('csat')?.get('history') as Y.Array<{
          at: string;
        }>
      ).toArray();
    expect(raw().map((p) => p.at)).toEqual([0, 1, 2, 3, 4, 5, 6].map(day));
    setMetricValues(
      doc,
      Array.from({ length: 46 }, (_, i) => csat(3, day(7 + i))),
    ); // 53 points: the 3 oldest go
    expect(raw().map((p) => p.at)).toEqual(Array.from({ length: 50 }, (_, i) => day(3 + i)));
    expect(readMetric(doc, 't', 'csat')?.history.map((p) => p.at)).toEqual(raw().map((p) => p.at));
  });

  it('seeded random batches match a reference history (sorted, unique times, newest 50, stale refused)', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const rand = mulberry32(seed);
      const doc = setup();
      let ref: Array<{ d: number; v: number }> = [];
      for (let round = 0; round < 12; round++) {
        const batch = Array.from({ length: 1 + Math.floor(rand() * 15) }, () => ({
          d: Math.floor(rand() * 90),
          v: 1 + Math.floor(rand() * 5),
        }));
        const statuses = setMetricValues(
          doc,
          batch.map((b) => csat(b.v, day(b.d))),
        ).statuses;
        const expected = batch.map((b) => {
          if (ref.some((r) => r.d === b.d)) return 'duplicate';
          if (ref.length >= METRIC_HISTORY_MAX && b.d < Math.min(...ref.map((r) => r.d))) return 'stale';
          ref = [...ref, b].sort((x, y) => x.d - y.d).slice(-METRIC_HISTORY_MAX);
          return 'applied';
        });
        expect(statuses, `seed ${seed} round ${round}`).toEqual(expected);
        const m = readMetric(doc, 't', 'csat');
        expect(m?.history, `seed ${seed} round ${round}`).toEqual(ref.map((r) => ({ value: r.v, at: day(r.d) })));
        expect(m?.value).toBe(ref[ref.length - 1]?.v);
      }
    }
  });

  it('a manual value without a time always applies', () => {
    const doc = setup();
    setMetricValue(doc, { nodeId: 't', key: 'csat', value: 3, source: 'manual' });
    setMetricValue(doc, { nodeId: 't', key: 'csat', value: 4, source: 'manual' });
    expect(readMetric(doc, 't', 'csat')?.value).toBe(4);
  });

  it('checkIsoTime normalises dates and offsets; no offset means UTC', () => {
    expect(checkIsoTime('2024-03-01')).toBe('2024-03-01T00:00:00.000Z');
    expect(checkIsoTime('2024-03-01 10:30')).toBe('2024-03-01T10:30:00.000Z');
    expect(checkIsoTime('2024-03-01T10:30:00+0200')).toBe('2024-03-01T08:30:00.000Z');
    expect(() => checkIsoTime('2024-13-01')).toThrow();
    expect(() => checkIsoTime('01/03/2024')).toThrow();
  });
});

describe('setMetricValues', () => {
  it('applies the valid items in one transaction and reports the bad ones by index', () => {
    const doc = setup();
    const items = [
      csat(4, day(1)),
      { ...csat(4), nodeId: 'ghost' },
      csat(9, day(2)),
      csat(4, day(1)),
      { nodeId: 's', key: 'volume', value: 100, source: 'csv' as const },
    ];
    const r = expectOneTransaction(doc, () => setMetricValues(doc, items, { kind: 'ingest' }), { kind: 'ingest' });
    expect(r.applied).toBe(2);
    expect(r.skipped).toBe(1);
    expect(r.statuses).toEqual(['applied', 'error', 'error', 'duplicate', 'applied']);
    expect(r.errors.map((e) => [e.index, e.code])).toEqual([
      [1, 'not-found'],
      [2, 'invalid-value'],
    ]);
    expect(r.errors[1]?.reason).toMatch(/range/);
    expect(r.changes).toEqual([
      { index: 0, nodeId: 't', key: 'csat', before: null, after: 4 },
      { index: 4, nodeId: 's', key: 'volume', before: null, after: 100 },
    ]);
    expect(() => setMetricValues(doc, 'x' as never)).toThrow();
  });

  it('reports changes with the value before, for alerts', () => {
    const doc = setup();
    setMetricValue(doc, csat(4, day(1)));
    const r = setMetricValues(doc, [csat(2, day(2)), csat(2, day(3)), csat(5, day(0))]);
    expect(r.changes).toEqual([{ index: 0, nodeId: 't', key: 'csat', before: 4, after: 2 }]);
  });
});

describe('targets and clearing', () => {
  it('setMetricTarget sets and clears; a target alone reads with value null', () => {
    const doc = setup();
    expectOneTransaction(doc, () => setMetricTarget(doc, 't', 'aht', 180));
    expect(readMetric(doc, 't', 'aht')).toEqual({
      value: null,
      target: 180,
      source: 'manual',
      updatedAt: '',
      history: [],
    });
    setMetricValue(doc, { nodeId: 't', key: 'aht', value: 240, source: 'api', at: day(1) });
    expect(readMetric(doc, 't', 'aht')).toMatchObject({ value: 240, target: 180 });
    setMetricTarget(doc, 't', 'aht', null);
    expect(readMetric(doc, 't', 'aht')?.target).toBeUndefined();
    expectRejected(doc, () => setMetricTarget(doc, 't', 'aht', -1), 'invalid-value');
    expectRejected(doc, () => setMetricTarget(doc, 't', 'zzz', 1), 'not-found');
    expectRejected(doc, () => setMetricTarget(doc, 'note', 'aht', 1), 'wrong-kind');
  });

  it('clearMetricValue removes the metric; clearing an absent one is a no-op', () => {
    const doc = setup();
    setMetricValue(doc, csat(4, day(1)));
    expectOneTransaction(doc, () => clearMetricValue(doc, 't', 'csat'));
    expect(readMetrics(doc, 't')).toEqual({});
    clearMetricValue(doc, 's', 'csat');
    expectRejected(doc, () => clearMetricValue(doc, 'ghost', 'csat'), 'not-found');
  });

  it('values of a removed custom def stay readable but new ones are refused', () => {
    const doc = setup();
    setMetricDef(doc, { key: 'wait', label: 'Wait', unit: 'min', better: 'lower', green: 2, red: 10, min: 0 });
    setMetricValue(doc, { nodeId: 't', key: 'wait', value: 3, source: 'api', at: day(1) });
    removeMetricDef(doc, 'wait');
    expect(readMetricValue(doc, 't', 'wait')).toBe(3);
    expectRejected(doc, () => setMetricValue(doc, { nodeId: 't', key: 'wait', value: 3, source: 'api' }), 'not-found');
  });
});

describe('reading and merging', () => {
  it('readMetrics is tolerant: odd entries are dropped, history sorted, unknown node → {}', () => {
    const doc = setup();
    doc.transact(() => {
      const metrics = rootMaps(doc).nodes.get('t')?.get('metrics') as Y.Map<unknown>;
      const m = new Y.Map<unknown>();
      metrics.set('csat', m);
      m.set('value', 'four');
      m.set('source', 'carrier pigeon');
      const h = new Y.Array<unknown>();
      m.set('history', h);
      h.push([{ value: 2, at: day(2) }, { value: 'x', at: day(0) }, null, { value: 1, at: day(1) }]);
      metrics.set('nps', 7);
    });
    expect(readMetrics(doc, 't')).toEqual({
      // the newest readable point gives value and updatedAt
      csat: {
        value: 2,
        source: 'manual',
        updatedAt: day(2),
        history: [
          { value: 1, at: day(1) },
          { value: 2, at: day(2) },
        ],
      },
    });
    expect(readMetrics(doc, 'ghost')).toEqual({});
    expect(readMetrics(doc, 'note')).toEqual({});
  });

  it('two peers ingesting the same item concurrently converge to one point', () => {
    const a = setup();
    setMetricValue(a, csat(5, day(0)));
    const b = newDoc();
    syncPair(a, b);
    setMetricValue(a, csat(4, day(1)));
    setMetricValue(b, csat(4, day(1)));
    setMetricValue(b, csat(3, day(2)));
    syncPair(a, b);
    expect(readMetrics(a, 't')).toEqual(readMetrics(b, 't'));
    expect(readMetric(a, 't', 'csat')?.history.map((p) => p.value)).toEqual([5, 4, 3]);
    expect(readMetric(a, 't', 'csat')?.value).toBe(3);
  });

  it("concurrent FIRST writes of the same node+key converge, but one peer's points are lost (known limit)", () => {
    const a = setup();
    const b = newDoc();
    syncPair(a, b);
    setMetricValue(a, csat(4, day(1)));
    setMetricValue(b, csat(3, day(2)));
    syncPair(a, b);
    expect(readMetrics(a, 't')).toEqual(readMetrics(b, 't'));
    expect(readMetric(a, 't', 'csat')?.history).toHaveLength(1); // the metric map itself was created twice; one wins
  });
});
