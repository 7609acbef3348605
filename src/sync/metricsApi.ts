// The metrics side of the HTTP API (server/http/keys.ts, metrics.ts, webhooks.ts): the map's ingest
// key and its webhooks, with the editor key. Errors become ApiError like the rest of the client.
import { mapPath, request } from './api';

/** A request with the editor key (every call here needs it). */
function call<T>(path: string, key: string, init: RequestInit = {}): Promise<T> {
  return request<T>(path, { ...init, key });
}

export interface IngestKeyInfo {
  exists: boolean;
  rotatedAt: string | null;
}

export function getIngestKeyInfo(mapId: string, editorKey: string): Promise<IngestKeyInfo> {
  return call(`${mapPath(mapId)}/ingest-key`, editorKey);
}

/** Makes a new ingest key (the old one stops working at once); the key is shown only now. */
export function rotateIngestKey(mapId: string, editorKey: string): Promise<{ ingestKey: string; rotatedAt?: string }> {
  return call(`${mapPath(mapId)}/ingest-key`, editorKey, { method: 'POST' });
}

export interface Webhook {
  id: string;
  url: string;
  createdAt: string;
  /** The last delivery: delivered, failed (the reason is only in the server's log), or null: none yet. */
  lastResult: 'delivered' | 'failed' | null;
  attempts: number;
  lastAttemptAt: string | null;
}

export async function listWebhooks(mapId: string, editorKey: string): Promise<Webhook[]> {
  return (await call<{ webhooks: Webhook[] }>(`${mapPath(mapId)}/webhooks`, editorKey)).webhooks;
}

/** Adds a hook; its signing secret is returned only now. */
export function addWebhook(
  mapId: string,
  editorKey: string,
  url: string,
): Promise<{ id: string; url: string; secret: string; createdAt: string }> {
  return call(`${mapPath(mapId)}/webhooks`, editorKey, { method: 'POST', body: JSON.stringify({ url }) });
}

export function removeWebhook(mapId: string, editorKey: string, hookId: string): Promise<void> {
  return call(`${mapPath(mapId)}/webhooks/${encodeURIComponent(hookId)}`, editorKey, { method: 'DELETE' });
}
