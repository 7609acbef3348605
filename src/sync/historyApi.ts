// Who changed what on a map (GET /api/maps/:id/history): one node's changes, or the map's.
import { request } from './api';

export interface HistoryChange {
  id: number;
  nodeId: string;
  /** The field that changed, or 'created' / 'removed' for the node itself. */
  field: string;
  /** Short JSON text of the values; null when there was none. */
  oldValue: string | null;
  newValue: string | null;
  at: string;
  author: { kind: 'member' | 'guest' | 'system'; id: string | null; name: string };
}

export function fetchHistory(
  mapId: string,
  key: string,
  options: { nodeId?: string; limit?: number; before?: number } = {},
): Promise<{ changes: HistoryChange[]; next: number | null }> {
  const query = new URLSearchParams();
  if (options.nodeId) query.set('node', options.nodeId);
  if (options.limit) query.set('limit', String(options.limit));
  if (options.before) query.set('before', String(options.before));
  // a member opens maps without a key: the session cookie goes with the request by itself
  return request(`/api/maps/${encodeURIComponent(mapId)}/history?${query.toString()}`, key ? { key } : {});
}
