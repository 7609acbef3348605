// How long ago, in the UI language: past a day, the date is written the UI language's way, not the
// browser's.
import { afterEach, describe, expect, it } from 'vitest';
import { translate, useLanguage } from '../../src/i18n';
import { relativeTime } from '../../src/ui/relativeTime';

const NOW = Date.parse('2026-12-05T12:00:00Z');

afterEach(() => useLanguage.getState().setLanguage('en'));

describe('relativeTime', () => {
  it('counts minutes and hours, then writes the date in the UI language', () => {
    const en = (key: Parameters<typeof translate>[1], values?: Record<string, string | number>) =>
      translate('en', key, values);
    useLanguage.getState().setLanguage('en');
    expect(relativeTime(en, NOW - 20_000, NOW)).toBe(translate('en', 'home.justNow'));
    expect(relativeTime(en, NOW - 5 * 60_000, NOW)).toBe(translate('en', 'home.minutesAgo', { n: 5 }));
    expect(relativeTime(en, Date.parse('2026-12-01T10:00:00Z'), NOW)).toBe('Dec 1, 2026');
    useLanguage.getState().setLanguage('it');
    const it_ = (key: Parameters<typeof translate>[1], values?: Record<string, string | number>) =>
      translate('it', key, values);
    expect(relativeTime(it_, Date.parse('2026-12-01T10:00:00Z'), NOW)).toBe('1 dic 2026');
  });
});
