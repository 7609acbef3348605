import { describe, expect, it } from 'vitest';
import { CsvError, ModelError, parseCsv, parseCsvDate, parseNumber } from './model';

describe('parseCsv', () => {
  it('reads quoted fields with embedded delimiters, newlines and escaped quotes', () => {
    const csv = parseCsv('id,label,note\na,"Call, then e-mail","line 1\nline 2"\nb,"She said ""hi""",x\n');
    expect(csv.delimiter).toBe(',');
    expect(csv.headers).toEqual(['id', 'label', 'note']);
    expect(csv.rows).toEqual([
      ['a', 'Call, then e-mail', 'line 1\nline 2'],
      ['b', 'She said "hi"', 'x'],
    ]);
  });

  it('strips a UTF-8 BOM, reads CRLF, detects ";" and drops blank trailing lines', () => {
    const csv = parseCsv('\uFEFFTouchpoint;CSAT;Drop-off %\r\nE-mail;4,2;12,5\r\n"Chat; web";3;40\r\n\r\n\r\n');
    expect(csv.delimiter).toBe(';');
    expect(csv.headers).toEqual(['Touchpoint', 'CSAT', 'Drop-off %']);
    expect(csv.rows).toEqual([
      ['E-mail', '4,2', '12,5'],
      ['Chat; web', '3', '40'],
    ]);
  });

  it('detects tabs; pads short rows; keeps blank rows inside the file so row numbers match the sheet', () => {
    const csv = parseCsv(' id \tcsat\tnps\na\t4\n\nb\t3\t10\n');
    expect(csv.delimiter).toBe('\t');
    expect(csv.headers).toEqual(['id', 'csat', 'nps']);
    expect(csv.rows).toEqual([
      ['a', '4', ''],
      ['', '', ''],
      ['b', '3', '10'],
    ]);
  });

  it('a header-only file has zero rows; a single column defaults to ","', () => {
    expect(parseCsv('id;csat\r\n')).toEqual({ headers: ['id', 'csat'], rows: [], delimiter: ';' });
    expect(parseCsv('id\na\nb')).toEqual({ headers: ['id'], rows: [['a'], ['b']], delimiter: ',' });
  });

  it('an empty file is a CsvError empty-csv (a ModelError); an unclosed quote is unterminated-quote', () => {
    for (const text of ['', '\uFEFF', '  \r\n\n ']) {
      const e = (() => {
        try {
          parseCsv(text);
        } catch (err) {
          return err;
        }
        return undefined;
      })();
      expect(e).toBeInstanceOf(CsvError);
      expect(e).toBeInstanceOf(ModelError);
      expect((e as CsvError).reason).toBe('empty-csv');
    }
    expect(() => parseCsv('id,label\na,"never closed\nb,x\n')).toThrow(
      expect.objectContaining({ reason: 'unterminated-quote' }) as Error,
    );
  });
});

describe('parseNumber', () => {
  it.each([
    ['1.5', undefined, 1.5],
    ['1,5', undefined, 1.5],
    ['1,5', true, 1.5],
    ['1.234,5', undefined, 1234.5],
    ['1.234,5', true, 1234.5],
    ['1,234.5', undefined, 1234.5],
    ['1,234', undefined, 1234],
    ['1,234', true, 1.234],
    ['1.234', true, 1234],
    ['1.234', undefined, 1.234],
    ['1.234.567', true, 1234567],
    ['1,234,567', undefined, 1234567],
    ['0,234', undefined, 0.234],
    ['-3', undefined, -3],
    ['−3,5', true, -3.5],
    ['+7', undefined, 7],
    ['12%', undefined, 12],
    [' 12,5 % ', true, 12.5],
    ['1 234,5', true, 1234.5],
    ['1\u00A0234', undefined, 1234],
    [',5', undefined, 0.5],
    ['42', undefined, 42],
  ] as const)('%s (decimalComma %s) → %s', (text, decimalComma, expected) => {
    expect(parseNumber(text, decimalComma === undefined ? {} : { decimalComma })).toBe(expected);
  });

  it.each(['', ' ', 'abc', '1.2.3', '1,2,3', '12a', '1e3', '--1', '1.234,567.8', '.', '%', '12 34', 'NaN', 'Infinity'])(
    'rejects %j',
    (text) => {
      expect(parseNumber(text)).toBeNull();
      expect(parseNumber(text, { decimalComma: true })).toBeNull();
    },
  );
});

describe('parseCsvDate', () => {
  it.each([
    ['2024-03-31', '2024-03-31T00:00:00.000Z'],
    ['2024-03-31T14:30:00Z', '2024-03-31T14:30:00.000Z'],
    ['2024-03-31 14:30', '2024-03-31T14:30:00.000Z'],
    ['2024-03', '2024-03-01T00:00:00.000Z'],
    ['2024/03/31', '2024-03-31T00:00:00.000Z'],
    ['31/03/2024', '2024-03-31T00:00:00.000Z'],
    ['1.3.2024', '2024-03-01T00:00:00.000Z'],
    ['31-03-2024 09:05', '2024-03-31T09:05:00.000Z'],
  ])('%s → %s', (text, iso) => {
    expect(parseCsvDate(text)).toBe(iso);
  });

  it.each(['', 'yesterday', '31/02/2024', '2024-13-01', '03/31/2024', '2024-3-1x'])('rejects %j', (text) => {
    expect(parseCsvDate(text)).toBeNull();
  });
});
