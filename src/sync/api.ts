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

async function request<T>(path: string, init: RequestInit & { key?: string } = {}): Promise<T> {
  const headers = new Headers(init.headers);
  if (init.key) headers.set('Authorization', `Bearer ${init.key}`);
  if (init.body) headers.set('Content-Type', 'application/json');
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
