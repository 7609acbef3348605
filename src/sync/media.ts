// Media over HTTP: uploads stream the raw file (XHR, for progress and cancel), downloads go through
// a Dexie cache so media seen once is there offline. A map key never goes into a URL: fetches send
// it as a header (members: their session cookie), and src/href attributes get a short-lived link
// scoped to one file (mediaLink).
import type { MediaRef } from '../model';
import { db } from '../db/db';
import { ApiError, request } from './api';

export interface Upload {
  /** Resolves with the server's MediaRef, rejects with ApiError (or 'aborted'). */
  done: Promise<MediaRef>;
  cancel(): void;
}

export function uploadMedia(mapId: string, key: string, file: File, onProgress: (fraction: number) => void): Upload {
  const xhr = new XMLHttpRequest();
  const done = new Promise<MediaRef>((resolve, reject) => {
    xhr.open('POST', `/api/maps/${encodeURIComponent(mapId)}/media`);
    if (key) xhr.setRequestHeader('Authorization', `Bearer ${key}`);
    xhr.setRequestHeader('Content-Type', 'application/octet-stream');
    xhr.setRequestHeader('X-File-Name', encodeURIComponent(file.name || 'file'));
    xhr.upload.onprogress = (event) => event.lengthComputable && onProgress(event.loaded / event.total);
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        // not JSON: reported below by status
      }
      if (xhr.status === 201 || xhr.status === 200) return resolve(body as MediaRef);
      const error = (body as { error?: { code?: string; message?: string } } | null)?.error;
      reject(new ApiError(xhr.status, error?.code ?? 'http', error?.message ?? `Upload failed (${xhr.status})`));
    };
    xhr.onerror = () => reject(new ApiError(0, 'network', 'The upload was interrupted: the server cannot be reached.'));
    xhr.onabort = () => reject(new ApiError(0, 'aborted', 'Upload cancelled.'));
    xhr.send(file);
  });
  return { done, cancel: () => xhr.abort() };
}

function mediaPath(mapId: string, hash: string): string {
  return `/api/maps/${encodeURIComponent(mapId)}/media/${encodeURIComponent(hash)}`;
}

export interface MediaLink {
  /** Same-origin URL carrying a token for this one file (no key). */
  url: string;
  expiresAt: string;
}

/** A link to one media file for a src or href: good for minutes, without any key in it. */
export function fetchMediaLink(mapId: string, key: string, hash: string): Promise<MediaLink> {
  return request<MediaLink>(`${mediaPath(mapId, hash)}/token`, { key });
}

/** The bytes of a media file: from the browser's cache, else from the server (then cached). */
export async function loadMediaBlob(mapId: string, key: string, hash: string): Promise<Blob> {
  const cached = await db.media.get(hash);
  if (cached) return cached.blob;
  const response = await fetch(mediaPath(mapId, hash), key ? { headers: { Authorization: `Bearer ${key}` } } : {});
  if (!response.ok) throw new ApiError(response.status, 'http', `Media could not be loaded (${response.status})`);
  const blob = await response.blob();
  await db.media.put({ hash, mime: blob.type, blob, cachedAt: Date.now() }).catch(() => undefined); // a full disk only loses the cache
  return blob;
}
