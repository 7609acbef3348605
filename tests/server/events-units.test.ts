// The parts of the events import that need no server: contact times and the flows' statistics.
import { describe, expect, it } from 'vitest';
import { medianAndP95 } from '../../server/events/flows';
import { parseEventTime } from '../../server/events/time';

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
    for (const bad of ['2025-02-29T00:00:00Z', '2025-01-02T24:00:00Z', '2025-01-02T10:30:1xZ', '2025-00-02T10:30:15.000Z']) {
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
});
