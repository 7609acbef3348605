// Italian strings of the mentions inbox; every key of inboxEn must be here.
import type { inboxEn } from './inbox.en';

export const inboxIt: Record<keyof typeof inboxEn, string> = {
  'inbox.button': 'Menzioni',
  'inbox.buttonUnread': 'Menzioni, {n} da leggere',
  'inbox.title': 'Menzioni',
  'inbox.markAllRead': 'Segna tutte come lette',
  'inbox.empty': 'Nessuno ti ha ancora menzionato. Quando un commento ti nomina con @, compare qui.',
  'inbox.unread': 'Da leggere',
};
