// A map as one file that carries its media (issue #14): a zip holding `map.json` (the JSON export,
// format percorso-journey), `manifest.json` (what the bundle holds) and `media/<sha-256>` (each file's
// bytes, stored, not compressed: images and videos are compressed already). Reading checks sizes
// before anything is inflated (a zip bomb is refused from its directory), then every hash.
import { createHash } from 'node:crypto';
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import { exportJourney, validateJourneyJson, isModelError, type JourneyJson } from '../../src/model';
import type * as Y from 'yjs';
import type { MediaRecord } from '../storage/store';

export const BUNDLE_FORMAT = 'percorso-bundle';
export const BUNDLE_VERSION = 1;
const JSON_NAME = 'map.json';
const MANIFEST_NAME = 'manifest.json';
const MEDIA_DIR = 'media/';
const HASH = /^[0-9a-f]{64}$/;

export interface BundleMedia {
  record: Omit<MediaRecord, 'createdAt'>;
  bytes: Uint8Array;
}

export interface Manifest {
  format: typeof BUNDLE_FORMAT;
  version: number;
  media: Omit<MediaRecord, 'createdAt'>[];
}

export interface BundleLimits {
  /** Bytes of one media file (the upload limit). */
  fileBytes: number;
  /** Bytes of everything inflated together. */
  totalBytes: number;
  /** Entries in the zip. */
  entries: number;
}

/** A bundle that cannot be imported: `status` 400 (malformed) or 413 (too large), and why. */
export class BundleRefused extends Error {
  constructor(
    readonly status: 400 | 413,
    readonly code: 'bad_bundle' | 'too_large',
    message: string,
  ) {
    super(message);
    this.name = 'BundleRefused';
  }
}

export function writeBundle(doc: Y.Doc, media: readonly BundleMedia[]): Uint8Array {
  const manifest: Manifest = { format: BUNDLE_FORMAT, version: BUNDLE_VERSION, media: media.map((m) => m.record) };
  const files: Zippable = {
    [JSON_NAME]: strToU8(JSON.stringify(exportJourney(doc), null, 2)),
    [MANIFEST_NAME]: strToU8(JSON.stringify(manifest, null, 2)),
  };
  for (const { record, bytes } of media) files[`${MEDIA_DIR}${record.hash}`] = [bytes, { level: 0 }];
  return zipSync(files, { level: 6 });
}

export interface ReadBundle {
  journey: JourneyJson;
  /** The media files by hash (each hash checked against its bytes), with their manifest records. */
  media: BundleMedia[];
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

function parseJson(bytes: Uint8Array | undefined, name: string): unknown {
  if (!bytes) throw new BundleRefused(400, 'bad_bundle', `The bundle has no ${name}`);
  try {
    return JSON.parse(strFromU8(bytes).replace(/^\uFEFF/, ''));
  } catch {
    throw new BundleRefused(400, 'bad_bundle', `${name} in the bundle is not JSON`);
  }
}

/** The hashes of the media the journey's nodes refer to. */
function referencedMedia(journey: JourneyJson): Set<string> {
  const hashes = new Set<string>();
  for (const node of journey.nodes) for (const ref of node.media ?? []) hashes.add(ref.id);
  return hashes;
}

export function readBundle(zip: Uint8Array, limits: BundleLimits): ReadBundle {
  let entries = 0;
  let declared = 0;
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(zip, {
      // sizes as the zip's directory declares them, before inflating anything
      filter: (file) => {
        entries++;
        declared += file.originalSize;
        if (entries > limits.entries)
          throw new BundleRefused(413, 'too_large', `The bundle holds more than ${limits.entries} files`);
        if (file.originalSize > Math.max(limits.fileBytes, 64 * 1024 * 1024) || declared > limits.totalBytes)
          throw new BundleRefused(413, 'too_large', `The bundle's files are larger than ${limits.totalBytes} bytes`);
        return file.name === JSON_NAME || file.name === MANIFEST_NAME || file.name.startsWith(MEDIA_DIR);
      },
    });
  } catch (err) {
    if (err instanceof BundleRefused) throw err;
    throw new BundleRefused(400, 'bad_bundle', 'The file is not a Percorso bundle (a zip could not be read)');
  }
  // what was inflated, whatever the directory said
  const inflated = Object.values(files).reduce((sum, bytes) => sum + bytes.byteLength, 0);
  if (inflated > limits.totalBytes)
    throw new BundleRefused(413, 'too_large', `The bundle's files are larger than ${limits.totalBytes} bytes`);

  const manifest = parseJson(files[MANIFEST_NAME], MANIFEST_NAME) as Partial<Manifest> | null;
  if (manifest?.format !== BUNDLE_FORMAT || !Array.isArray(manifest.media))
    throw new BundleRefused(400, 'bad_bundle', `${MANIFEST_NAME} is not a ${BUNDLE_FORMAT} manifest`);
  if (manifest.version !== BUNDLE_VERSION)
    throw new BundleRefused(400, 'bad_bundle', `Bundle version ${String(manifest.version)} is not supported`);
  let journey: JourneyJson;
  try {
    journey = validateJourneyJson(parseJson(files[JSON_NAME], JSON_NAME));
  } catch (err) {
    if (isModelError(err)) throw new BundleRefused(400, 'bad_bundle', `map.json: ${err.message}`);
    throw err;
  }

  const media: BundleMedia[] = [];
  for (const record of manifest.media) {
    const hash = typeof record?.hash === 'string' ? record.hash : '';
    if (!HASH.test(hash))
      throw new BundleRefused(400, 'bad_bundle', 'The manifest lists a media file without a valid hash');
    const bytes = files[`${MEDIA_DIR}${hash}`];
    if (!bytes) throw new BundleRefused(400, 'bad_bundle', `The media file ${hash} is missing from the bundle`);
    if (bytes.byteLength > limits.fileBytes)
      throw new BundleRefused(413, 'too_large', `The media file ${hash} is larger than ${limits.fileBytes} bytes`);
    if (sha256(bytes) !== hash) throw new BundleRefused(400, 'bad_bundle', `The media file ${hash} is damaged`);
    media.push({ record: { ...record, hash }, bytes });
  }
  const carried = new Set(media.map((m) => m.record.hash));
  for (const hash of referencedMedia(journey))
    if (!carried.has(hash))
      throw new BundleRefused(400, 'bad_bundle', `The media file ${hash} is missing from the bundle`);
  return { journey, media };
}
