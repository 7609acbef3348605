// "just now", "5 min ago", "3 h ago", then the date: how long ago something happened, in the UI language.
import type { Translate } from '../i18n';

export function relativeTime(t: Translate, epochMs: number, now = Date.now()): string {
  const minutes = Math.round((now - epochMs) / 60_000);
  if (minutes < 1) return t('home.justNow');
  if (minutes < 60) return t('home.minutesAgo', { n: minutes });
  const hours = Math.round(minutes / 60);
  if (hours < 24) return t('home.hoursAgo', { n: hours });
  return new Date(epochMs).toLocaleDateString();
}
