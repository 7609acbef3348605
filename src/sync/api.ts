// The HTTP API of the Percorso server (README "HTTP API"), with errors turned into ApiError.
import type { MapRole } from '../db/db';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** A JSON request to the API; errors (HTTP or network) become ApiError with a readable message. */
export async function request<T>(path: string, init: RequestInit & { key?: string } = {}): Promise<T> {
  const headers = new Headers(init.headers);
  if (init.key) headers.set('Authorization', `Bearer ${init.key}`);
  if (init.body && !headers.has('Content-Type')) headers.set('Content-Type', 'application/json');
  let response: Response;
  try {
    response = await fetch(path, { ...init, headers });
  } catch {
    throw new ApiError(0, 'network', 'The server cannot be reached. Check your connection and try again.');
  }
  if (response.status === 204) return undefined as T;
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const error = (body as { error?: { code?: string; message?: string } } | null)?.error;
    throw new ApiError(response.status, error?.code ?? 'http', error?.message ?? `Request failed (${response.status})`);
  }
  return body as T;
}

export interface CreatedMap {
  id: string;
  editorKey: string;
  viewerKey: string;
}

export function createMap(title: string): Promise<CreatedMap> {
  return request<CreatedMap>('/api/maps', { method: 'POST', body: JSON.stringify({ title }) });
}

export function fetchMapInfo(id: string, key: string): Promise<{ id: string; title: string; role: MapRole }> {
  return request(`/api/maps/${encodeURIComponent(id)}`, { key });
}

export function deleteMap(id: string, key: string): Promise<void> {
  return request(`/api/maps/${encodeURIComponent(id)}`, { method: 'DELETE', key });
}

export interface VersionInfo {
  id: string;
  name: string;
  createdAt: string;
  /** True for the server's automatic daily versions and the backups made before a restore. */
  auto: boolean;
}

export const mapPath = (id: string) => `/api/maps/${encodeURIComponent(id)}`;

export async function listVersions(mapId: string, key: string): Promise<VersionInfo[]> {
  return (await request<{ versions: VersionInfo[] }>(`${mapPath(mapId)}/versions`, { key })).versions;
}

export function saveVersion(mapId: string, key: string, name: string): Promise<VersionInfo> {
  return request(`${mapPath(mapId)}/versions`, { method: 'POST', key, body: JSON.stringify({ name }) });
}

export function restoreVersion(
  mapId: string,
  key: string,
  versionId: string,
  { apply = true }: { apply?: boolean } = {},
): Promise<{ restored: VersionInfo; backup: VersionInfo }> {
  return request(`${mapPath(mapId)}/versions/${encodeURIComponent(versionId)}/restore`, {
    method: 'POST',
    key,
    ...(apply ? {} : { body: JSON.stringify({ apply: false }) }),
  });
}

/** The version's document state (a Yjs update), to open read-only in a separate doc. */
export async function fetchVersionState(mapId: string, key: string, versionId: string): Promise<Uint8Array> {
  let response: Response;
  try {
    response = await fetch(`${mapPath(mapId)}/versions/${encodeURIComponent(versionId)}`, {
      headers: { Authorization: `Bearer ${key}` },
    });
  } catch {
    throw new ApiError(0, 'network', 'The server cannot be reached. Check your connection and try again.');
  }
  if (!response.ok)
    throw new ApiError(response.status, 'http', `The version could not be loaded (${response.status}).`);
  return new Uint8Array(await response.arrayBuffer());
}

export function rotateKey(
  mapId: string,
  key: string,
  role: MapRole,
): Promise<{ editorKey?: string; viewerKey?: string }> {
  return request(`${mapPath(mapId)}/keys/rotate`, { method: 'POST', key, body: JSON.stringify({ role }) });
}

/** The map with its media as one zip (GET /api/maps/:id/bundle); a member's session needs no key. */
export async function fetchBundle(id: string, key: string): Promise<Blob> {
  let response: Response;
  try {
    response = await fetch(`/api/maps/${encodeURIComponent(id)}/bundle`, {
      headers: key ? { Authorization: `Bearer ${key}` } : {},
    });
  } catch {
    throw new ApiError(0, 'network', 'The server cannot be reached. Check your connection and try again.');
  }
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as { error?: { code?: string; message?: string } } | null;
    throw new ApiError(
      response.status,
      body?.error?.code ?? 'http',
      body?.error?.message ?? `Request failed (${response.status})`,
    );
  }
  return response.blob();
}
