// A member's mentions inbox (server/mentions): the list with the unread count, marking read, and the
// names a member may @mention (every member's display name, no e-mails).
import type { FastifyInstance } from 'fastify';
import { requireMember } from '../accounts/guards';
import type { Store } from '../storage/store';
import { HttpError } from './errors';
import { bodyObject } from './session';

/** The newest mentions the inbox lists. */
export const INBOX_LIMIT = 50;
const IDS_MAX = 200;

export function inboxRoutes(app: FastifyInstance, store: Store): void {
  app.get('/api/inbox', async (request) => {
    const member = await requireMember(request);
    const [items, unread] = await Promise.all([
      store.inbox.listMentions(member.id, INBOX_LIMIT),
      store.inbox.unreadMentions(member.id),
    ]);
    return {
      unread,
      items: items.map(({ memberId: _memberId, ...item }) => item),
    };
  });

  app.post('/api/inbox/read', async (request) => {
    const member = await requireMember(request);
    const { ids } = bodyObject(request);
    const valid =
      ids === 'all' ||
      (Array.isArray(ids) && ids.length <= IDS_MAX && ids.every((id) => typeof id === 'string' && id.length <= 64));
    if (!valid)
      throw new HttpError(400, 'bad_request', `ids must be "all" or a list of at most ${IDS_MAX} mention ids`);
    await store.inbox.markMentionsRead(member.id, ids as string[] | 'all', new Date().toISOString());
    return { unread: await store.inbox.unreadMentions(member.id) };
  });

  app.get('/api/members/names', async (request) => {
    await requireMember(request);
    const members = await store.accounts.listMembers();
    return { names: [...new Set(members.map((member) => member.name))].sort((a, b) => a.localeCompare(b)) };
  });
}
