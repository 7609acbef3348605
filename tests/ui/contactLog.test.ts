// The contact log on its way to the server: columns guessed from English and Italian headers, the
// header row rewritten (fields renamed, the rest kept as attributes) and the body left untouched.
import { describe, expect, it } from 'vitest';
import {
  headerEnd,
  missingFields,
  rewrittenHeader,
  suggestLogMapping,
  withHeader,
} from '../../src/panels/observed/contactLog';

describe('contact log columns', () => {
  it('guesses the fields from English and Italian headers', () => {
    expect(suggestLogMapping(['Cliente', 'Data', 'Attività', 'Canale', 'Segmento'])).toEqual({
      customer: 0,
      at: 1,
      touchpoint: 2,
      channel: 3,
    });
    expect(suggestLogMapping(['segment', 'timestamp', 'case_id', 'event'])).toEqual({
      customer: 2,
      at: 1,
      touchpoint: 3,
      channel: null,
    });
    expect(missingFields({ customer: 0, at: null, touchpoint: 2, channel: null })).toEqual(['at']);
  });

  it('renames the mapped columns and keeps the others as attributes, never as a field', () => {
    const header = rewrittenHeader(
      ['Who', 'When', 'What', 'segment', 'channel', 'a;b'],
      { customer: 0, at: 1, touchpoint: 2, channel: null },
      ';',
    );
    expect(header).toBe('customer;at;touchpoint;segment;channel (5);"a;b"');
  });

  it('finds the end of the header row, past a quoted line break and a BOM', () => {
    const bytes = new TextEncoder().encode('\uFEFF"a\nb";c\r\n1;2\n');
    const end = headerEnd(bytes)!;
    expect(new TextDecoder().decode(bytes.slice(end))).toBe('1;2\n');
    expect(headerEnd(new TextEncoder().encode('no line break'))).toBeNull();
  });

  it('sends the body as it is after the new header', async () => {
    const file = new Blob(['\uFEFFWho;When;What\r\nc1;2026-01-01T10:00:00Z;Call\r\n']);
    const end = headerEnd(new Uint8Array(await file.arrayBuffer()))!;
    const blob = withHeader(file, 'customer;at;touchpoint', end);
    expect(await blob.text()).toBe('customer;at;touchpoint\nc1;2026-01-01T10:00:00Z;Call\r\n');
  });
});
