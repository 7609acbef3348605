// The workspace's map list and trash (README "HTTP API"): members send their session cookie, so
// nothing here carries a key; a guest's restore goes through restoreMap with the editor key.
import { mapPath, request } from './api';

export interface WorkspaceMap {
  id: string;
  title: string;
  updatedAt: string;
  createdAt: string;
  createdBy: { id: string; name: string } | null;
  role: 'editor' | 'viewer';
}

export interface TrashedMap {
  id: string;
  title: string;
  createdAt: string;
  trashedAt: string;
}

export async function listWorkspaceMaps(): Promise<WorkspaceMap[]> {
  return (await request<{ maps: WorkspaceMap[] }>('/api/maps')).maps;
}

export async function listTrash(): Promise<TrashedMap[]> {
  return (await request<{ maps: TrashedMap[] }>('/api/trash')).maps;
}

/** Moves the map to the trash (the server keeps its data until the purge). */
export function trashMap(id: string): Promise<void> {
  return request(mapPath(id), { method: 'DELETE' });
}

export function restoreMap(id: string, key?: string): Promise<{ id: string; title: string }> {
  return request(`${mapPath(id)}/restore`, { method: 'POST', ...(key ? { key } : {}) });
}

export interface DuplicatedMap {
  id: string;
  title: string;
  editorKey: string;
  viewerKey: string;
}

/** A copy of the map as a new map (editors only): a member needs no key, a guest sends the editor key. */
export function duplicateMap(id: string, key?: string): Promise<DuplicatedMap> {
  return request(`${mapPath(id)}/duplicate`, { method: 'POST', ...(key ? { key } : {}) });
}
