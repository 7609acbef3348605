// The media of maps: uploads (stream, sniff, store once by hash, record per map), lookups that only
// find what was uploaded to that map, and clean-up when a map goes (a file is deleted only when no
// map records its hash any more).
import type { Readable } from 'node:stream';
import type { MediaRecord, Store } from '../storage/store';
import { MediaRefused } from './errors';
import { MediaFiles } from './files';
import { KeyedLock } from './lock';
import { sanitizeFileName } from './name';
import { sniffType } from './sniff';
import type { MediaRef } from './types';

export interface UploadInput {
  mapId: string;
  body: Readable;
  /** X-File-Name as sent (URI-encoded), if any. */
  rawName: string | undefined;
  /** Content-Length, if the client declared one. */
  declaredLength: number | undefined;
}

export class MediaLibrary {
  readonly files: MediaFiles;
  // Lock order: a hash, then a map; never the other way round.
  private readonly hashLocks = new KeyedLock();
  private readonly mapLocks = new KeyedLock();

  constructor(
    private readonly store: Store,
    dataDir: string,
    readonly maxBytes: number,
    /** Where the bytes go (default: files in DATA_DIR/media; scale-out: PostgreSQL with a local cache). */
    files?: MediaFiles,
  ) {
    this.files = files ?? new MediaFiles(dataDir);
  }

  /** Refuses a declared size over the limit before a byte of the body is read. */
  checkDeclaredLength(length: number | undefined): void {
    if (length !== undefined && length > this.maxBytes) {
      throw new MediaRefused('too_large', `The file is larger than ${this.maxBytes} bytes`);
    }
  }

  async upload(input: UploadInput): Promise<MediaRef> {
    this.checkDeclaredLength(input.declaredLength);
    const name = sanitizeFileName(input.rawName);
    const received = await this.files.receive(input.body, this.maxBytes);
    try {
      const type = await sniffType(received.tmpPath, received.inertText, name);
      if (!type) throw new MediaRefused('unsupported', 'This type of file is not accepted');
      const record: MediaRecord = {
        hash: received.hash,
        name,
        ...type,
        size: received.size,
        createdAt: new Date().toISOString(),
      };
      await this.hashLocks.run(record.hash, async () => {
        await this.files.place(received.tmpPath, record.hash);
        const added = await this.mapLocks.run(input.mapId, () => this.store.media.add(input.mapId, record));
        if (!added) {
          await this.collectLocked(record.hash);
          throw new MediaRefused('map_gone', 'The map was deleted during the upload');
        }
      });
      return { id: record.hash, name, mime: record.mime, size: record.size, kind: record.kind };
    } finally {
      await this.files.discard(received.tmpPath); // a no-op once renamed into place
    }
  }

  /** The map's record of `hash` and the path of its bytes, or null. */
  async find(mapId: string, hash: string): Promise<{ record: MediaRecord; path: string } | null> {
    const record = await this.store.media.get(mapId, hash);
    return record ? { record, path: await this.files.localPath(hash) } : null;
  }

  /**
   * Runs `deleteMap` (which removes the map and its media rows), then deletes the files that no map
   * records any more. An upload to this map that finishes meanwhile either is listed here or finds
   * the map gone and cleans up after itself.
   */
  async deleteMapWithMedia<T>(mapId: string, deleteMap: () => Promise<T>): Promise<T> {
    const { hashes, result } = await this.mapLocks.run(mapId, async () => {
      const listed = await this.store.media.listHashes(mapId);
      return { hashes: listed, result: await deleteMap() };
    });
    for (const hash of hashes) await this.hashLocks.run(hash, () => this.collectLocked(hash));
    return result;
  }

  /** Deletes the file of `hash` if no map records it. Call with the hash's lock held. */
  private async collectLocked(hash: string): Promise<void> {
    if (!(await this.store.media.isReferenced(hash))) await this.files.remove(hash);
  }
}
