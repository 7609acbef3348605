// The signed-in member's inbox, shared by the home page and the map header: loaded on mount, again
// every 30 seconds and whenever the window comes back to the front; marking read updates it at once.
import { useEffect } from 'react';
import { create } from 'zustand';
import { fetchInbox, markInboxRead, type InboxItem } from '../../sync/inboxApi';

const REFRESH_MS = 30_000;

interface MemberInboxState {
  items: InboxItem[];
  unread: number;
  loaded: boolean;
  load(): Promise<void>;
  markRead(ids: readonly string[] | 'all'): Promise<void>;
}

export const useMemberInboxStore = create<MemberInboxState>((set, get) => ({
  items: [],
  unread: 0,
  loaded: false,
  load: async () => {
    try {
      const inbox = await fetchInbox();
      set({ items: inbox.items, unread: inbox.unread, loaded: true });
    } catch {
      set({ loaded: true }); // offline or signed out: keep what is shown
    }
  },
  markRead: async (ids) => {
    const now = new Date().toISOString();
    const marks = (item: InboxItem) => item.readAt === null && (ids === 'all' || ids.includes(item.id));
    // at once on screen; the server's count follows
    set({
      items: get().items.map((item) => (marks(item) ? { ...item, readAt: now } : item)),
      unread: Math.max(0, get().unread - get().items.filter(marks).length),
    });
    try {
      set({ unread: (await markInboxRead(ids)).unread });
    } catch {
      void get().load();
    }
  },
}));

/** Keeps the inbox fresh while a component that shows it is mounted (`on`: a member is signed in). */
export function useMemberInbox(on: boolean): MemberInboxState {
  const state = useMemberInboxStore();
  useEffect(() => {
    if (!on) return;
    const load = () => void useMemberInboxStore.getState().load();
    load();
    const timer = setInterval(load, REFRESH_MS);
    window.addEventListener('focus', load);
    return () => {
      clearInterval(timer);
      window.removeEventListener('focus', load);
    };
  }, [on]);
  return state;
}
