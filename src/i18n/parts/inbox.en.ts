// English strings of the mentions inbox (header bell, list).
export const inboxEn = {
  'inbox.button': 'Mentions',
  'inbox.buttonUnread': 'Mentions, {n} unread',
  'inbox.title': 'Mentions',
  'inbox.markAllRead': 'Mark all read',
  'inbox.empty': 'Nobody has mentioned you yet. When a comment names you with @, it appears here.',
  'inbox.unread': 'Unread',
} as const;
