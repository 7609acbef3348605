// The pure parts of media: file-name sanitising, Range parsing, the inert-text check, the keyed lock.
import { describe, expect, it } from 'vitest';
import { ConfigError, configFromEnv } from '../../server/config';
import { KeyedLock } from '../../server/media/lock';
import { sanitizeFileName } from '../../server/media/name';
import { parseRange } from '../../server/media/range';
import { TextSniffer } from '../../server/media/text';

describe('sanitizeFileName', () => {
  it('keeps the base name, without separators, control or bidi characters, at most 255 long', () => {
    expect(sanitizeFileName(undefined)).toBe('file');
    expect(sanitizeFileName('')).toBe('file');
    expect(sanitizeFileName('   ')).toBe('file');
    expect(sanitizeFileName('Journey%20map.pdf')).toBe('Journey map.pdf');
    expect(sanitizeFileName('%2F..%2F..%2Fetc%2Fpasswd')).toBe('passwd');
    expect(sanitizeFileName('C:\\Users\\me\\photo.png')).toBe('photo.png');
    expect(sanitizeFileName('.')).toBe('file');
    expect(sanitizeFileName('a/..')).toBe('file');
    expect(sanitizeFileName('tab\there\u007f.txt')).toBe('tabhere.txt');
    expect(sanitizeFileName('invoice\u202Efdp.exe')).toBe('invoicefdp.exe');
    const long = sanitizeFileName(`${'a'.repeat(400)}.docx`);
    expect(long).toHaveLength(255);
    expect(long.endsWith('.docx')).toBe(true);
    const emoji = sanitizeFileName('😀'.repeat(200)); // never half a surrogate pair
    expect(emoji.length).toBeLessThanOrEqual(255);
    expect(emoji).toBe('😀'.repeat(127));
  });
});

describe('parseRange', () => {
  it('reads single ranges and ignores what it does not understand', () => {
    expect(parseRange(undefined, 100)).toEqual({ kind: 'none' });
    expect(parseRange('bytes=0-9', 100)).toEqual({ kind: 'range', start: 0, end: 9 });
    expect(parseRange('bytes=90-', 100)).toEqual({ kind: 'range', start: 90, end: 99 });
    expect(parseRange('bytes=-10', 100)).toEqual({ kind: 'range', start: 90, end: 99 });
    expect(parseRange('bytes=-500', 100)).toEqual({ kind: 'range', start: 0, end: 99 });
    expect(parseRange('bytes=50-5000', 100)).toEqual({ kind: 'range', start: 50, end: 99 });
    expect(parseRange('bytes=100-', 100)).toEqual({ kind: 'unsatisfiable' });
    expect(parseRange('bytes=-0', 100)).toEqual({ kind: 'unsatisfiable' });
    expect(parseRange('bytes=0-0', 0)).toEqual({ kind: 'unsatisfiable' });
    expect(parseRange('bytes=9-3', 100)).toEqual({ kind: 'none' });
    expect(parseRange('bytes=0-1,4-5', 100)).toEqual({ kind: 'none' });
    expect(parseRange('items=0-1', 100)).toEqual({ kind: 'none' });
    expect(parseRange('bytes=-', 100)).toEqual({ kind: 'none' });
  });
});

describe('TextSniffer', () => {
  const check = (...chunks: (string | number[])[]): boolean => {
    const sniffer = new TextSniffer();
    for (const chunk of chunks) sniffer.feed(typeof chunk === 'string' ? Buffer.from(chunk) : Uint8Array.from(chunk));
    return sniffer.isInertText();
  };

  it('accepts UTF-8 text, also split inside a character', () => {
    expect(check('plain text\n')).toBe(true);
    expect(check('')).toBe(true);
    expect(check([0x63, 0x61, 0x66, 0xc3], [0xa9])).toBe(true); // "café" split across chunks
    expect(check('a < b and b > c')).toBe(true);
  });

  it('refuses NUL, invalid or truncated UTF-8, and markup', () => {
    expect(check('a\u0000b')).toBe(false);
    expect(check([0x63, 0xe9])).toBe(false);
    expect(check([0x61, 0xe2, 0x82])).toBe(false);
    expect(check('  \n<p>hi</p>')).toBe(false);
    expect(check('\ufeff<svg/>')).toBe(false);
    expect(check('hello\n<SCRIPT>x</SCRIPT>')).toBe(false);
    expect(check('x', '<!DOCTYPE html>')).toBe(false);
  });
});

describe('KeyedLock', () => {
  it('runs work for one key one at a time and other keys in parallel', async () => {
    const lock = new KeyedLock();
    const events: string[] = [];
    const step = (name: string, ms: number) => async () => {
      events.push(`${name}+`);
      await new Promise((resolve) => setTimeout(resolve, ms));
      events.push(`${name}-`);
      return name;
    };
    const results = await Promise.all([
      lock.run('a', step('a1', 20)),
      lock.run('a', step('a2', 1)),
      lock.run('b', step('b1', 1)),
    ]);
    expect(results).toEqual(['a1', 'a2', 'b1']);
    expect(events.indexOf('a2+')).toBeGreaterThan(events.indexOf('a1-'));
    expect(events.indexOf('b1-')).toBeLessThan(events.indexOf('a1-'));
    await expect(lock.run('a', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await lock.run('a', async () => 'after')).toBe('after');
  });
});

describe('MAX_UPLOAD_BYTES', () => {
  it('defaults to 50 MiB and must be a positive integer', () => {
    expect(configFromEnv({}).maxUploadBytes).toBe(50 * 1024 * 1024);
    expect(configFromEnv({ MAX_UPLOAD_BYTES: '1048576' }).maxUploadBytes).toBe(1048576);
    for (const bad of ['0', '-5', '1.5', 'lots'])
      expect(() => configFromEnv({ MAX_UPLOAD_BYTES: bad })).toThrow(ConfigError);
  });
});
