// A signed-in member's inbox in the header: every mention on every map of the workspace.
import { useLocation } from 'wouter';
import { useT } from '../../i18n';
import { InboxButton, type InboxEntry } from './InboxButton';
import { mapLinkToNode } from './revealComment';
import { useMemberInbox } from './useMemberInbox';

/** `goTo`: how this page goes to a comment (the map page reveals one of its own cards in place). */
export function MemberInbox({ goTo }: { goTo?: (mapId: string, nodeId: string) => boolean }) {
  const t = useT();
  const inbox = useMemberInbox(true);
  const [, navigate] = useLocation();
  const entries: InboxEntry[] = inbox.items.map((item) => ({
    id: item.id,
    author: item.author,
    excerpt: item.excerpt,
    createdAt: item.createdAt,
    read: item.readAt !== null,
    place: item.mapTitle || t('map.untitled'),
  }));
  return (
    <InboxButton
      entries={entries}
      unread={inbox.unread}
      onMarkAllRead={() => void inbox.markRead('all')}
      onOpen={(id) => {
        const item = inbox.items.find((candidate) => candidate.id === id);
        if (!item) return;
        void inbox.markRead([id]);
        if (!goTo?.(item.mapId, item.nodeId)) navigate(mapLinkToNode(item.mapId, item.nodeId));
      }}
    />
  );
}
