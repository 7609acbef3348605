// A guest's mentions on the open map: the comments that name them by the name they gave (their
// presence name). Without an account there is no server inbox, so what was read is remembered in
// this browser, per map.
import { useMemo, useState } from 'react';
import { useStore } from 'zustand';
import { mentionsOf } from '../../model';
import { useMap } from '../../state/session';
import { InboxButton, type InboxEntry } from './InboxButton';
import { revealComment } from './revealComment';

const READ_MAX = 500;
const readKey = (mapId: string) => `percorso.mentionsRead.${mapId}`;

function loadRead(mapId: string): Set<string> {
  try {
    const stored: unknown = JSON.parse(localStorage.getItem(readKey(mapId)) ?? '[]');
    return new Set(Array.isArray(stored) ? stored.filter((id): id is string => typeof id === 'string') : []);
  } catch {
    return new Set();
  }
}

function saveRead(mapId: string, read: Set<string>): void {
  try {
    localStorage.setItem(readKey(mapId), JSON.stringify([...read].slice(-READ_MAX)));
  } catch {
    // storage full or blocked: the marks last as long as the page
  }
}

export function MapMentions() {
  const { doc, store, mapId, user } = useMap();
  const modelNodes = useStore(store, (state) => state.modelNodes); // re-read on every change
  const mentions = useMemo(() => (modelNodes ? mentionsOf(doc, user.name) : []), [doc, modelNodes, user.name]);
  const [read, setRead] = useState(() => loadRead(mapId));
  const markRead = (ids: readonly string[]) => {
    const next = new Set([...read, ...ids]);
    setRead(next);
    saveRead(mapId, next);
  };
  const entries: InboxEntry[] = mentions.map(({ nodeId, comment }) => ({
    id: comment.id,
    author: comment.author,
    excerpt: comment.text,
    createdAt: comment.createdAt,
    read: read.has(comment.id),
    place: modelNodes.get(nodeId)?.label ?? '',
  }));
  return (
    <InboxButton
      entries={entries}
      unread={entries.filter((entry) => !entry.read).length}
      onMarkAllRead={() => markRead(entries.map((entry) => entry.id))}
      onOpen={(id) => {
        const mention = mentions.find((candidate) => candidate.comment.id === id);
        if (!mention) return;
        markRead([id]);
        revealComment(store, mention.nodeId);
      }}
    />
  );
}
