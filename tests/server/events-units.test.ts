// The parts of the events import that need no server: contact times, the flows' statistics, and how
// a log's text finds its touchpoint.
import { describe, expect, it } from 'vitest';
import { computeFlows, eventsByAttrs, medianAndP95, selectEvents, type FlowLog } from '../../server/events/flows';
import { eventOrder, mergeEvents, type DenseLog, type EventColumns } from '../../server/events/logMerge';
import { parseEventTime } from '../../server/events/time';
import { readMapIndex, resolveTouchpoint } from '../../server/events/mapIndex';
import * as Y from 'yjs';
import { addStage, addTouchpoint } from '../../src/model';

describe('parseEventTime', () => {
  it('reads ISO 8601 dates and date-times; without an offset it is UTC', () => {
    const utc = Date.UTC(2025, 0, 2, 10, 30, 15);
    expect(parseEventTime('2025-01-02T10:30:15Z')).toBe(utc);
    expect(parseEventTime('2025-01-02T10:30:15.250Z')).toBe(utc + 250);
    expect(parseEventTime('2025-01-02T10:30:15')).toBe(utc);
    expect(parseEventTime(' 2025-01-02 10:30:15 ')).toBe(utc);
    expect(parseEventTime('2025-01-02T12:30:15+02:00')).toBe(utc);
    expect(parseEventTime('2025-01-02T05:30:15-0500')).toBe(utc);
    expect(parseEventTime('2025-01-02T10:30:15.250123456Z')).toBe(utc + 250);
    expect(parseEventTime('2025-01-02T10:30Z')).toBe(Date.UTC(2025, 0, 2, 10, 30));
    expect(parseEventTime('2025-01-02')).toBe(Date.UTC(2025, 0, 2));
    expect(parseEventTime('2024-02-29T00:00:00Z')).toBe(Date.UTC(2024, 1, 29));
  });

  it('reads the canonical export form (read without the regular expression) like Date does', () => {
    for (const text of ['2025-01-02T10:30:15Z', '1999-12-31T23:59:59.999Z', '2024-02-29T00:00:00.000Z']) {
      expect(parseEventTime(text), text).toBe(Date.parse(text));
    }
    for (const bad of [
      '2025-02-29T00:00:00Z',
      '2025-01-02T24:00:00Z',
      '2025-01-02T10:30:1xZ',
      '2025-00-02T10:30:15.000Z',
    ]) {
      expect(parseEventTime(bad), bad).toBeNull();
    }
  });

  it('refuses what is not a real time', () => {
    for (const bad of [
      '',
      'yesterday',
      '2025-02-29T00:00:00Z',
      '2025-13-01',
      '2025-01-32',
      '2025-01-01T24:00:00Z',
      '2025-01-01T10:60:00Z',
      '01/02/2025',
      '2025-01-01T10:00:00+25:00',
      '2025-01-01T10:00:60Z',
    ]) {
      expect(parseEventTime(bad), bad).toBeNull();
    }
  });
});

describe('medianAndP95', () => {
  it('takes the mean of the two middle values for an even count and the nearest rank for p95', () => {
    expect(medianAndP95(Float64Array.from([5, 1, 3]))).toEqual([3, 5]);
    expect(medianAndP95(Float64Array.from([4, 1, 3, 2]))).toEqual([2.5, 4]);
    const hundred = Float64Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(medianAndP95(hundred)).toEqual([50.5, 95]);
  });

  it('agrees with a full sort on random values with many repeats, for every length up to 200', () => {
    let seed = 1;
    const rand = (): number => (seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32;
    for (let n = 1; n <= 200; n++) {
      const values = Float64Array.from({ length: n }, () => Math.floor(rand() * (n % 3 === 0 ? 5 : 1000)));
      const sorted = Float64Array.from(values).sort();
      const mid = n >> 1;
      const median = n % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
      expect(medianAndP95(values), `n=${n}`).toEqual([median, sorted[Math.max(0, Math.ceil(0.95 * n) - 1)]!]);
    }
  });
});

describe('selectEvents', () => {
  // 400 events of 50 customers over 3 attribute sets, in scan order (customer, time)
  const count = 400;
  const log: FlowLog = {
    count,
    customer: Int32Array.from({ length: count }, (_, i) => i >> 3),
    at: Float64Array.from({ length: count }, (_, i) => ((i * 7919) % 1000) * 1000),
    key: Int32Array.from({ length: count }, (_, i) => (i * 31) % 5),
    attrs: Int32Array.from({ length: count }, (_, i) => ((i >> 3) * 13) % 3),
  };
  const naive = (allowed: number[] | null, from: number | null, to: number | null): number[] =>
    Array.from({ length: count }, (_, i) => i).filter(
      (i) =>
        (allowed === null || allowed.includes(log.attrs[i]!)) &&
        (from === null || log.at[i]! >= from) &&
        (to === null || log.at[i]! < to),
    );
  const allowedOf = (sets: number[]): Uint8Array => Uint8Array.from([0, 1, 2], (a) => (sets.includes(a) ? 1 : 0));

  it('keeps exactly the events a scan of every event keeps, in scan order', () => {
    const indexed: FlowLog = { ...log, eventsByAttrs: eventsByAttrs(log.attrs, count, 3) };
    for (const sets of [null, [1], [0, 2], [0, 1, 2], []]) {
      for (const [from, to] of [
        [null, null],
        [200_000, 600_000],
        [null, 300_000],
      ] as [number | null, number | null][]) {
        const filter = { from, to, attrsAllowed: sets === null ? null : allowedOf(sets) };
        const expected = naive(sets, from, to);
        for (const l of [log, indexed]) {
          const selected = selectEvents(l, filter);
          expect(selected === null ? naive(null, null, null) : [...selected]).toEqual(expected);
        }
      }
    }
  });

  it('gives the flows of the filtered events whichever way they were selected', () => {
    const names = {
      nodeOfKey: ['a', 'b', 'c', 'd', 'e'],
      activityOfKey: [null, null, null, null, null],
      isDesigned: () => false,
    };
    const indexed: FlowLog = { ...log, eventsByAttrs: eventsByAttrs(log.attrs, count, 3) };
    const filter = { from: 100_000, to: 900_000, attrsAllowed: allowedOf([0, 2]) };
    const kept = naive([0, 2], 100_000, 900_000);
    const copy: FlowLog = {
      count: kept.length,
      customer: Int32Array.from(kept, (i) => log.customer[i]!),
      at: Float64Array.from(kept, (i) => log.at[i]!),
      key: Int32Array.from(kept, (i) => log.key[i]!),
      attrs: Int32Array.from(kept, (i) => log.attrs[i]!),
    };
    const unfiltered = computeFlows(copy, names, { from: null, to: null, attrsAllowed: null });
    expect(unfiltered.events).toBe(kept.length);
    expect(computeFlows(indexed, names, filter)).toEqual(unfiltered);
    expect(computeFlows(log, names, filter)).toEqual(unfiltered);
  });
});

describe('resolveTouchpoint', () => {
  it('takes a mapping, an id, a label, then a similar label; a text too short to tell stays unmapped', () => {
    const doc = new Y.Doc();
    addStage(doc, { label: 'Contatto', id: 's1' });
    addTouchpoint(doc, { stageId: 's1', label: 'Chiamata call center', id: 'call' });
    addTouchpoint(doc, { stageId: 's1', label: 'Chat sul sito', id: 'tp-web' });
    addTouchpoint(doc, { stageId: 's1', label: 'Chat in app', id: 'tp-app' });
    const index = readMapIndex(doc);
    const none = new Map<string, string>();
    expect(resolveTouchpoint(index, none, 'chat')).toBeNull(); // too little to tell the two chats apart: unmapped, for the UI
    expect(resolveTouchpoint(index, none, ' CHIAMATA CALL CENTER ')).toBe('call');
    expect(resolveTouchpoint(index, none, 'Chiamata al call-center')).toBe('call');
    expect(resolveTouchpoint(index, none, 'Chat del sito')).toBe('tp-web');
    expect(resolveTouchpoint(index, none, 'tp-app')).toBe('tp-app');
    expect(resolveTouchpoint(index, new Map([['chat', 'tp-app']]), 'Chat')).toBe('tp-app');
    expect(resolveTouchpoint(index, none, 'Negozio')).toBeNull();
  });
});

describe('mergeEvents', () => {
  // what a scan reads: each identity (customer, at, key term id) once, the first stored winning, in order
  function reference(rows: [number, number, number, number][]): [number, number, number, number][] {
    const seen = new Map<string, [number, number, number, number]>();
    for (const row of rows) {
      const id = `${row[0]}|${row[1]}|${row[2]}`;
      if (!seen.has(id)) seen.set(id, row);
    }
    return [...seen.values()].sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2]);
  }
  let seed = 7;
  // from the high bits of the generator: its low bits repeat with short periods
  const rand = (n: number): number =>
    Math.floor(((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32) * n);
  // key term ids are not in the order of their dense indices: ties of time must follow the term id
  const keyId = [30, 10, 20, 50, 40];
  const denseKey = (id: number): number => keyId.indexOf(id);
  const randomRows = (n: number, customers: number, customerBase: number): [number, number, number, number][] =>
    Array.from({ length: n }, () => [
      customerBase + rand(customers),
      1000 * rand(6),
      keyId[rand(keyId.length)]!,
      rand(3),
    ]);
  const columns = (rows: [number, number, number, number][]): EventColumns => ({
    count: rows.length,
    customer: Int32Array.from(rows, (r) => r[0]),
    at: Float64Array.from(rows, (r) => r[1]),
    key: Int32Array.from(rows, (r) => r[2]),
    attrs: Int32Array.from(rows, (r) => r[3]),
  });
  const dense = (rows: [number, number, number, number][]): DenseLog => ({
    ...columns(rows),
    key: Int32Array.from(rows, (r) => denseKey(r[2])),
  });
  const rowsOf = (log: DenseLog): [number, number, number, number][] =>
    Array.from({ length: log.count }, (_, i) => [log.customer[i]!, log.at[i]!, keyId[log.key[i]!]!, log.attrs[i]!]);

  it('gives what a scan of the stored events would, with duplicates of stored and of added events left out', () => {
    // customer ids dense (counting sort) and sparse (comparison sort); groups small and large
    for (const [customers, customerBase, spread] of [
      [40, 1, 1],
      [3, 5, 1],
      [50, 1, 100_000],
    ] as const) {
      for (let round = 0; round < 20; round++) {
        const stored = reference(
          randomRows(rand(300), customers, customerBase).map((r) => [r[0] * spread, r[1], r[2], r[3]]),
        );
        const added = randomRows(rand(300), customers, customerBase).map((r): [number, number, number, number] => [
          r[0] * spread,
          r[1],
          r[2],
          r[3],
        ]);
        const merged = mergeEvents(dense(stored), columns(added), keyId, denseKey, (a) => a);
        expect(rowsOf(merged)).toEqual(reference([...stored, ...added]));
      }
    }
  });

  it('merges into an empty log, and nothing into a log', () => {
    const rows = randomRows(100, 10, 1);
    expect(rowsOf(mergeEvents(dense([]), columns(rows), keyId, denseKey, (a) => a))).toEqual(reference(rows));
    const stored = reference(rows);
    expect(rowsOf(mergeEvents(dense(stored), columns([]), keyId, denseKey, (a) => a))).toEqual(stored);
  });

  it('orders a customer of many events (a comparison sort of the group)', () => {
    const rows = Array.from({ length: 500 }, (_, i): [number, number, number, number] => [1, (i * 7919) % 500, 10, 0]);
    const order = eventOrder(columns(rows));
    const times = Array.from(order, (i) => rows[i]![1]);
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });
});
