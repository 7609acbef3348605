// Helpers for the media tests: upload with fetch, list what is on disk under DATA_DIR/media.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { CreatedMap } from './testServer';

export interface MediaRefJson {
  id: string;
  name: string;
  mime: string;
  size: number;
  kind: string;
}

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function uploadRaw(
  baseUrl: string,
  mapId: string,
  body: Uint8Array | string,
  options: { key?: string | null; name?: string | null; contentType?: string } = {},
): Promise<Response> {
  const headers: Record<string, string> = { 'content-type': options.contentType ?? 'application/octet-stream' };
  if (options.key) headers.authorization = `Bearer ${options.key}`;
  if (options.name !== null) headers['x-file-name'] = options.name ?? 'file.bin';
  // a copy: fetch's types want a Uint8Array over a plain ArrayBuffer, and a Buffer may sit on a shared one
  const payload = typeof body === 'string' ? body : new Uint8Array(body);
  return fetch(`${baseUrl}/api/maps/${mapId}/media`, { method: 'POST', headers, body: payload });
}

/** Uploads with the editor key and the URI-encoded name; expects 201. */
export async function upload(
  baseUrl: string,
  map: CreatedMap,
  body: Uint8Array | string,
  name: string,
): Promise<MediaRefJson> {
  const res = await uploadRaw(baseUrl, map.id, body, { key: map.editorKey, name: encodeURIComponent(name) });
  if (res.status !== 201) throw new Error(`upload of ${name} failed: ${res.status} ${await res.text()}`);
  return (await res.json()) as MediaRefJson;
}

export function mediaUrl(baseUrl: string, mapId: string, hash: string): string {
  return `${baseUrl}/api/maps/${mapId}/media/${hash}`;
}

/** Every file (not directory) under DATA_DIR/media, relative to it; temp files included. */
export function filesOnDisk(dataDir: string): string[] {
  const root = path.join(dataDir, 'media');
  if (!fs.existsSync(root)) return [];
  return (fs.readdirSync(root, { recursive: true }) as string[])
    .filter((entry) => fs.statSync(path.join(root, entry)).isFile())
    .sort();
}
