// Content-addressed media files: DATA_DIR/media/<first two hex>/<sha256>. Uploads stream into
// DATA_DIR/media/tmp while being hashed, counted and checked for text, and are renamed into place only
// once complete and accepted; every other outcome removes the temp file.
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { MediaRefused } from './errors';
import { TextSniffer } from './text';

const WRITE_BATCH_BYTES = 1024 * 1024;

export interface ReceivedFile {
  tmpPath: string;
  hash: string;
  size: number;
  inertText: boolean;
}

export class MediaFiles {
  readonly root: string;
  protected readonly tmpDir: string;

  constructor(dataDir: string) {
    this.root = path.join(dataDir, 'media');
    this.tmpDir = path.join(this.root, 'tmp');
    // Whatever is in tmp was left by a process that died mid-upload: nobody will finish it.
    fs.rmSync(this.tmpDir, { recursive: true, force: true });
    fs.mkdirSync(this.tmpDir, { recursive: true });
  }

  pathOf(hash: string): string {
    return path.join(this.root, hash.slice(0, 2), hash);
  }

  /** Where the bytes of `hash` can be read now (a subclass may fetch them first; see storage/postgres/mediaFiles.ts). */
  async localPath(hash: string): Promise<string> {
    return this.pathOf(hash);
  }

  /**
   * Streams `source` into a new temp file. Rejects with MediaRefused('too_large') as soon as more than
   * `limit` bytes arrived, or with the stream's error if the client went away; the temp file is gone
   * in both cases. `source` is never destroyed here, so the caller can still answer on its socket.
   */
  async receive(source: Readable, limit: number): Promise<ReceivedFile> {
    const tmpPath = path.join(this.tmpDir, `${randomBytes(12).toString('hex')}.part`);
    const handle = await fs.promises.open(tmpPath, 'wx');
    const hash = createHash('sha256');
    const text = new TextSniffer();
    let size = 0;
    // Chunks are written in batches, one batch in flight while the next is read: reading and
    // writing overlap, and a 50 MiB upload takes ~50 writes instead of ~800.
    let batch: Buffer[] = [];
    let batchBytes = 0;
    let inFlight: Promise<unknown> = Promise.resolve();
    const flush = async (): Promise<void> => {
      await inFlight;
      const writing = handle.writev(batch);
      writing.catch(() => undefined); // handled: the next flush (or the catch below) awaits it
      inFlight = writing;
      batch = [];
      batchBytes = 0;
    };
    try {
      for await (const chunk of source.iterator({ destroyOnReturn: false }) as AsyncIterable<Buffer>) {
        size += chunk.length;
        if (size > limit) throw new MediaRefused('too_large', `The file is larger than ${limit} bytes`);
        hash.update(chunk);
        text.feed(chunk);
        batch.push(chunk);
        batchBytes += chunk.length;
        if (batchBytes >= WRITE_BATCH_BYTES) await flush();
      }
      await flush();
      await inFlight;
      await handle.datasync(); // on disk before it is renamed into place and recorded
    } catch (err) {
      await inFlight.catch(() => undefined);
      await handle.close().catch(() => undefined);
      await this.discard(tmpPath);
      throw err;
    }
    await handle.close();
    return { tmpPath, hash: hash.digest('hex'), size, inertText: text.isInertText() };
  }

  /** Moves a received file to its content address; if the same bytes are already stored, drops it. */
  async place(tmpPath: string, hash: string): Promise<void> {
    const target = this.pathOf(hash);
    if (await exists(target)) return this.discard(tmpPath);
    await fs.promises.mkdir(path.dirname(target), { recursive: true });
    await fs.promises.rename(tmpPath, target);
  }

  async discard(tmpPath: string): Promise<void> {
    await fs.promises.rm(tmpPath, { force: true });
  }

  async remove(hash: string): Promise<void> {
    await fs.promises.rm(this.pathOf(hash), { force: true });
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
