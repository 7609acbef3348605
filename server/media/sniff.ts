// The type of an upload, decided from its bytes (file-type), never from its name or Content-Type.
// Only the allow-list below is accepted; anything else (SVG, HTML, plain zip, executables…) is refused.
import { kindOfMime, type MediaKind } from './types';

export interface SniffedType {
  mime: string;
  kind: MediaKind;
}

/** file-type's `ext` → the MIME type we store and serve. */
const ALLOWED: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  mp3: 'audio/mpeg',
  ogg: 'audio/ogg',
  oga: 'audio/ogg',
  opus: 'audio/ogg',
  wav: 'audio/wav',
  m4a: 'audio/mp4',
  mp4: 'video/mp4',
  webm: 'video/webm',
  pdf: 'application/pdf',
  // file-type reports these from the zip's [Content_Types].xml; a plain zip stays 'zip' and is refused.
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
};

/**
 * The accepted type of the file at `filePath`, or null. `inertText` says the bytes are plain UTF-8
 * text (see TextSniffer); only then does the name choose between text/csv and text/plain, which is
 * safe because either way the content is known to be inert.
 */
export async function sniffType(filePath: string, inertText: boolean, safeName: string): Promise<SniffedType | null> {
  // A file whose structure file-type cannot even walk (a broken zip, say) is no file we accept.
  // file-type is loaded with the first upload (it and its readers cost every server ~10 MiB of RSS)
  const { fileTypeFromFile } = await import('file-type');
  const detected = await fileTypeFromFile(filePath).catch(() => undefined);
  if (detected) {
    const mime = ALLOWED[detected.ext];
    return mime ? { mime, kind: kindOfMime(mime) } : null;
  }
  if (!inertText) return null;
  return { mime: /\.csv$/i.test(safeName) ? 'text/csv' : 'text/plain', kind: 'document' };
}
