import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  DEFAULT_METRIC_DEFS,
  ensureDefaultMetricDefs,
  readMetricDef,
  readMetricDefs,
  removeMetricDef,
  setMetricDef,
  type MetricDef,
} from './model';
import { expectOneTransaction, expectRejected, newDoc, transactionsOf } from './helpers';

const custom: MetricDef = {
  key: 'first_call_res',
  label: 'First-call resolution',
  unit: '%',
  better: 'higher',
  green: 70,
  red: 50,
  min: 0,
  max: 100,
};

describe('metric definitions', () => {
  it('the defaults are the eight of the brief; volume is neutral; emotion is not a metric', () => {
    expect(DEFAULT_METRIC_DEFS.map((d) => d.key)).toEqual([
      'csat',
      'nps',
      'ces',
      'conversion',
      'dropoff',
      'volume',
      'cost',
      'aht',
    ]);
    expect(DEFAULT_METRIC_DEFS.find((d) => d.key === 'volume')?.neutral).toBe(true);
    expect(DEFAULT_METRIC_DEFS.find((d) => d.key === 'ces')).toMatchObject({
      better: 'lower',
      green: 3,
      red: 5,
      min: 1,
      max: 7,
    });
    expect(DEFAULT_METRIC_DEFS.find((d) => d.key === 'nps')).toMatchObject({ min: -100, max: 100, green: 30, red: 0 });
    expect(Object.isFrozen(DEFAULT_METRIC_DEFS[0])).toBe(true);
  });

  it('a fresh doc reads the defaults without transacting', () => {
    const doc = newDoc();
    const origins = transactionsOf(doc, () => expect(readMetricDefs(doc).map((d) => d.key)).toHaveLength(8));
    expect(origins).toEqual([]);
  });

  it('ensureDefaultMetricDefs writes the missing defaults once, in one transaction, and is idempotent', () => {
    const doc = newDoc();
    setMetricDef(doc, { ...DEFAULT_METRIC_DEFS[0]!, label: 'Satisfaction' } as MetricDef);
    expectOneTransaction(doc, () => ensureDefaultMetricDefs(doc, { kind: 'migration' }), { kind: 'migration' });
    const stored = doc.getMap('metricDefs');
    expect([...stored.keys()].sort()).toEqual(['aht', 'ces', 'conversion', 'cost', 'csat', 'dropoff', 'nps', 'volume']);
    expect(readMetricDef(doc, 'csat')?.label).toBe('Satisfaction'); // not overwritten
    const sv = Y.encodeStateVector(doc);
    ensureDefaultMetricDefs(doc);
    expect(Y.encodeStateVector(doc)).toEqual(sv);
  });

  it('setMetricDef adds a custom def after the defaults and replaces one; stored wins over the default', () => {
    const doc = newDoc();
    expectOneTransaction(doc, () => setMetricDef(doc, custom));
    setMetricDef(doc, { key: 'aaa', label: ' A ', unit: '', better: 'lower', green: 1, red: 2 });
    setMetricDef(doc, {
      key: 'csat',
      label: 'CSAT',
      unit: '1–5',
      better: 'higher',
      green: 4.5,
      red: 3.5,
      min: 1,
      max: 5,
    });
    const defs = readMetricDefs(doc);
    expect(defs.map((d) => d.key)).toEqual([
      'csat',
      'nps',
      'ces',
      'conversion',
      'dropoff',
      'volume',
      'cost',
      'aht',
      'aaa',
      'first_call_res',
    ]);
    expect(defs[0]?.green).toBe(4.5);
    expect(readMetricDef(doc, 'aaa')).toEqual({ key: 'aaa', label: 'A', unit: '', better: 'lower', green: 1, red: 2 });
    expect(readMetricDef(doc, 'first_call_res')).toEqual(custom);
    expect(readMetricDef(doc, 'nope')).toBeUndefined();
  });

  it('rejects bad definitions without writing', () => {
    const doc = newDoc();
    const bad: Array<Partial<MetricDef> & Record<string, unknown>> = [
      { key: 'Bad Key' },
      { key: '' },
      { key: 'x'.repeat(41) },
      { label: '  ' },
      { better: 'more' as never },
      { green: Number.NaN },
      { red: Infinity },
      { green: 40, red: 60 }, // higher is better but green < red
      { better: 'lower', green: 60, red: 40 },
      { min: 100, max: 0 },
      { min: 0, max: 50 }, // green 70 outside
      { neutral: 'yes' as never },
    ];
    for (const b of bad)
      expectRejected(
        doc,
        () => setMetricDef(doc, { ...custom, ...b } as MetricDef),
        'label' in b ? 'invalid-label' : 'invalid-value',
      );
    expectRejected(doc, () => setMetricDef(doc, null as never), 'invalid-value');
  });

  it('equal thresholds are allowed (no amber band)', () => {
    const doc = newDoc();
    setMetricDef(doc, { key: 'flag', label: 'Flag', unit: '', better: 'higher', green: 1, red: 1 });
    expect(readMetricDef(doc, 'flag')?.green).toBe(1);
  });

  it('removeMetricDef: a custom key disappears, a default key reads as its default again; unknown → not-found', () => {
    const doc = newDoc();
    setMetricDef(doc, custom);
    setMetricDef(doc, { ...DEFAULT_METRIC_DEFS[1]!, green: 50 } as MetricDef);
    expectOneTransaction(doc, () => removeMetricDef(doc, 'first_call_res'));
    removeMetricDef(doc, 'nps');
    expect(readMetricDef(doc, 'first_call_res')).toBeUndefined();
    expect(readMetricDef(doc, 'nps')?.green).toBe(30);
    expectRejected(doc, () => removeMetricDef(doc, 'first_call_res'), 'not-found');
    expectRejected(doc, () => removeMetricDef(doc, 'Bad!'), 'invalid-value');
  });

  it('reads defs stored as a Y.Map too, and ignores invalid stored defs', () => {
    const doc = newDoc();
    doc.transact(() => {
      const m = new Y.Map<unknown>();
      doc.getMap('metricDefs').set('wait', m);
      m.set('label', 'Waiting time');
      m.set('unit', 'min');
      m.set('better', 'lower');
      m.set('green', 2);
      m.set('red', 10);
      doc.getMap('metricDefs').set('csat', { label: 'broken', better: 'sideways', green: 1, red: 2 });
      doc.getMap('metricDefs').set('junk', 42);
    });
    expect(readMetricDef(doc, 'wait')).toEqual({
      key: 'wait',
      label: 'Waiting time',
      unit: 'min',
      better: 'lower',
      green: 2,
      red: 10,
    });
    expect(readMetricDef(doc, 'csat')?.label).toBe('CSAT'); // the broken stored one reads as absent
    expect(readMetricDefs(doc).map((d) => d.key)).not.toContain('junk');
  });
});
