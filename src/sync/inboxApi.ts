// A member's mentions inbox (GET /api/inbox, POST /api/inbox/read) and the names a member may
// @mention (GET /api/members/names). Only for signed-in members; guests read mentions from the map.
import { request } from './api';

export interface InboxItem {
  id: string;
  mapId: string;
  mapTitle: string;
  nodeId: string;
  commentId: string;
  author: string;
  excerpt: string;
  createdAt: string;
  readAt: string | null;
}

export interface Inbox {
  unread: number;
  items: InboxItem[];
}

export const fetchInbox = (): Promise<Inbox> => request<Inbox>('/api/inbox');

export const markInboxRead = (ids: readonly string[] | 'all'): Promise<{ unread: number }> =>
  request<{ unread: number }>('/api/inbox/read', { method: 'POST', body: JSON.stringify({ ids }) });

export const fetchMemberNames = (): Promise<{ names: string[] }> => request<{ names: string[] }>('/api/members/names');
