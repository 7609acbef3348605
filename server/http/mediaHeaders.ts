// Response headers for served media. The bytes were uploaded by someone else, so the browser must
// never sniff them, run them, or render them as a page of ours.
import type { MediaRecord } from '../storage/store';

/** Types shown in the page (img, audio, video, the PDF viewer); everything else downloads. */
function isInline(mime: string): boolean {
  return /^(image|audio|video)\//.test(mime) || mime === 'application/pdf';
}

/** RFC 8187 value for filename*: percent-encoded UTF-8, also encoding the characters 5987 reserves. */
function encodeRfc8187(value: string): string {
  return encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

export function contentDisposition(record: Pick<MediaRecord, 'name' | 'mime'>): string {
  const fallback = record.name.replace(/[^\x20-\x7e]|["\\%]/g, '_'); // for clients without filename*
  const disposition = isInline(record.mime) ? 'inline' : 'attachment';
  return `${disposition}; filename="${fallback}"; filename*=UTF-8''${encodeRfc8187(record.name)}`;
}

export function contentType(mime: string): string {
  return mime.startsWith('text/') ? `${mime}; charset=utf-8` : mime;
}

export function etagOf(hash: string): string {
  return `"${hash}"`;
}

/** If-None-Match holds our ETag (or `*`); weak comparison, as RFC 9110 asks for this header. */
export function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}

export const MEDIA_SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'content-security-policy': "default-src 'none'; sandbox",
  // Only our own pages may embed it (the key in ?key= is a capability, not a public link).
  'cross-origin-resource-policy': 'same-origin',
  'accept-ranges': 'bytes',
} as const;
