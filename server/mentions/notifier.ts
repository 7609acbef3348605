// Mentions notify: every loaded room's comments are watched; a new comment that names a workspace
// member as @Name puts it in that member's inbox (the store's `inbox`) and, when SMTP_URL is set,
// sends them an e-mail. The names are parsed again here from the comment's text with the members'
// names: the `mentions` list a client wrote is not trusted. The load of a stored document is not
// watched (a restart never notifies again); with scale-out, a change relayed from another process
// is that process's to notify, and the inbox keeps one mention per member and comment anyway.
import { randomBytes } from 'node:crypto';
import * as Y from 'yjs';
import type { FastifyBaseLogger } from 'fastify';
import { ROOT, parseMentions } from '../../src/model';
import type { MemberRecord, Store } from '../storage/store';
import { isRelayedOrigin, type Room } from '../sync/room';
import type { Mailer } from './mailer';
import { addedComments, type AddedComment } from './newComments';

const EXCERPT_MAX = 280;

/** Where a mention opens in the app: the map, with the commented node selected. */
export function mentionPath(mapId: string, nodeId: string): string {
  return `/map/${encodeURIComponent(mapId)}?node=${encodeURIComponent(nodeId)}`;
}

export class MentionNotifier {
  constructor(
    private readonly deps: {
      store: Store;
      log: FastifyBaseLogger;
      mailer: Mailer | null;
      /** Absolute links in e-mails (PUBLIC_ORIGIN); without it they carry the path only. */
      publicOrigin: string | null;
    },
  ) {}

  /** Room hook: watch this room's comments from now on. */
  watch(room: Room): void {
    const root = room.doc.getMap<unknown>(ROOT.comments);
    root.observeDeep((events, transaction) => {
      if (isRelayedOrigin(transaction.origin)) return;
      const added = addedComments(events, root);
      if (added.length === 0) return;
      this.record(room, added).catch((err: unknown) =>
        this.deps.log.error({ err, mapId: room.mapId }, 'could not record mentions'),
      );
    });
  }

  private async record(room: Room, added: AddedComment[]): Promise<void> {
    const members = await this.deps.store.accounts.listMembers();
    if (members.length === 0) return; // no accounts: guests see their mentions in the map itself
    const names = members.map((member) => member.name);
    for (const { nodeId, comment } of added) {
      const mentioned = new Set(parseMentions(comment.text, names).map((name) => name.trim().toLowerCase()));
      if (mentioned.size === 0) continue;
      for (const member of members) {
        const name = member.name.trim().toLowerCase();
        // nobody is notified of their own comment
        if (!mentioned.has(name) || comment.author.trim().toLowerCase() === name) continue;
        const stored = await this.deps.store.inbox.addMention({
          id: randomBytes(12).toString('base64url'),
          memberId: member.id,
          mapId: room.mapId,
          nodeId,
          commentId: comment.id,
          author: comment.author,
          excerpt: comment.text.slice(0, EXCERPT_MAX),
          createdAt: new Date().toISOString(),
        });
        if (stored) this.mail(room, member, nodeId, comment.author, comment.text);
      }
    }
  }

  private mail(room: Room, member: MemberRecord, nodeId: string, author: string, text: string): void {
    const { mailer, publicOrigin, log } = this.deps;
    if (!mailer) return;
    const node = room.doc.getMap<unknown>(ROOT.nodes).get(nodeId);
    const title = room.doc.getMap<unknown>(ROOT.meta).get('title');
    mailer
      .sendMention({
        to: member.email,
        author,
        mapTitle: typeof title === 'string' ? title : '',
        nodeLabel: node instanceof Y.Map ? String(node.get('label') ?? '') : '',
        excerpt: text.slice(0, EXCERPT_MAX),
        link: `${publicOrigin ?? ''}${mentionPath(room.mapId, nodeId)}`,
      })
      .then(
        () => log.info({ mapId: room.mapId, member: member.id }, 'mention e-mail sent'),
        (err: unknown) => log.warn({ err, mapId: room.mapId, member: member.id }, 'mention e-mail failed'),
      );
  }
}
