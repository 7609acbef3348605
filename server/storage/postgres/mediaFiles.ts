// Media files for scale-out: the bytes live in PostgreSQL (media.ts), so every process
// serves every upload whichever process received it; DATA_DIR/media of each process is only a cache
// of them (content-addressed, so a cached file never goes stale; deleting the cache is always safe).
// An upload streams to a local temp file exactly as in the embedded setup, is stored in PostgreSQL,
// then renamed into the cache; a download fetches the bytes into the cache on first use.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { MediaFiles } from '../../media/files';
import { BlobMissing, type PostgresMedia } from './media';

export class PostgresMediaFiles extends MediaFiles {
  /** Fetches in flight, so parallel first downloads of one file read it from PostgreSQL once. */
  private readonly fetching = new Map<string, Promise<void>>();

  constructor(
    dataDir: string,
    private readonly blobs: PostgresMedia,
  ) {
    super(dataDir);
  }

  /** Stores the bytes in PostgreSQL (committed), then keeps the file as the local cached copy. */
  override async place(tmpPath: string, hash: string): Promise<void> {
    await this.blobs.putBlob(hash, tmpPath);
    await super.place(tmpPath, hash);
  }

  /** Deletes the stored bytes if no map records them any more (checked again inside PostgreSQL), and the cached copy. */
  override async remove(hash: string): Promise<void> {
    await this.blobs.removeBlobIfUnreferenced(hash);
    await super.remove(hash);
  }

  /** The cached file, fetched from PostgreSQL first if this process has no copy yet. */
  override async localPath(hash: string): Promise<string> {
    const target = this.pathOf(hash);
    if (await exists(target)) return target;
    let fetch = this.fetching.get(hash);
    if (!fetch) {
      fetch = this.fetch(hash, target).finally(() => this.fetching.delete(hash));
      this.fetching.set(hash, fetch);
    }
    await fetch;
    return target; // still missing if the bytes are gone: the caller answers 404
  }

  private async fetch(hash: string, target: string): Promise<void> {
    const tmp = path.join(this.tmpDir, `${randomBytes(12).toString('hex')}.fetch`);
    try {
      await this.blobs.readBlob(hash, tmp);
      await fs.promises.mkdir(path.dirname(target), { recursive: true });
      await fs.promises.rename(tmp, target);
    } catch (err) {
      await fs.promises.rm(tmp, { force: true });
      if (!(err instanceof BlobMissing)) throw err;
    }
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    await fs.promises.access(file);
    return true;
  } catch {
    return false;
  }
}
