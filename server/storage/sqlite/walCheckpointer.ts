// SQLite WAL checkpoints on a worker thread. The store's own connection commits with
// synchronous=NORMAL and never checkpoints (wal_autocheckpoint=0): a commit is then a write() into
// the WAL, safe from a crash of the process, and costs microseconds on the event loop. The fsyncs
// happen here, in a second connection, every `intervalMs`: a PASSIVE checkpoint syncs the WAL, copies
// it into the database file and syncs that, without blocking the writer. A crash of the whole machine
// can lose at most the last interval, and the clients that saw those edits still hold them and send
// them again when they reconnect (y-websocket sync step 2).
import { Worker } from 'node:worker_threads';
import { createRequire } from 'node:module';

/** The worker's code (CommonJS, run with `eval`: no separate file to build or resolve at runtime). */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 5000');
// A PASSIVE checkpoint never blocks the writer, but while edits keep coming it never catches up with
// the WAL's end, so the WAL is never restarted and grows (and a crash's recovery reads all of it).
// Past restartFrames (RESTART_FRAMES below), a RESTART checkpoint makes the writer wait while it finishes.
const RESTART_FRAMES = workerData.restartFrames;
const checkpoint = () => {
  try {
    const [result] = db.pragma('wal_checkpoint(PASSIVE)');
    if (result && result.log > RESTART_FRAMES) db.pragma('wal_checkpoint(RESTART)');
  } catch (err) {
    parentPort.postMessage({ error: String(err) });
  }
};
const timer = setInterval(checkpoint, workerData.intervalMs);
parentPort.on('message', () => {
  clearInterval(timer);
  checkpoint();
  db.close();
  parentPort.postMessage({ closed: true });
});
`;

/**
 * WAL frames past which the worker restarts the WAL (64 MiB of 4 KiB pages). A restart blocks the
 * writer while it finishes (5-25 ms, most of it fsyncs; the writer's busy handler then sleeps in
 * steps of 1, 2, 5, 10 ms). At 3,000 edits/s the WAL grows about 20 MiB a second: at 16 MiB the
 * relay stalled every second, at 64 MiB every three. The file is cut back to journal_size_limit.
 */
export const RESTART_FRAMES = 16384;

export interface WalCheckpointerOptions {
  intervalMs: number;
  /** WAL frames past which the WAL is restarted (RESTART_FRAMES). */
  restartFrames?: number;
  /** The worker failed or stopped: the caller falls back to checkpointing on its own connection. */
  onFailure(reason: string): void;
}

export class WalCheckpointer {
  private readonly worker: Worker;
  private closing: Promise<void> | null = null;
  private failed = false;

  constructor(dbFile: string, options: WalCheckpointerOptions) {
    const driver = createRequire(import.meta.url).resolve('better-sqlite3');
    this.worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: {
        file: dbFile,
        driver,
        intervalMs: options.intervalMs,
        restartFrames: options.restartFrames ?? RESTART_FRAMES,
      },
    });
    this.worker.unref(); // never keeps the process alive; close() checkpoints one last time
    const fail = (reason: string) => {
      if (this.failed || this.closing) return;
      this.failed = true;
      options.onFailure(reason);
    };
    this.worker.on('message', (message: { error?: string }) => {
      if (message.error) fail(message.error);
    });
    this.worker.on('error', (err) => fail(String(err)));
    this.worker.on('exit', (code) => fail(`checkpoint worker exited with code ${code}`));
  }

  /** A last checkpoint, then the worker ends. Idempotent. */
  close(): Promise<void> {
    this.closing ??= new Promise<void>((resolve) => {
      if (this.failed) return resolve();
      const done = () => resolve();
      this.worker.once('exit', done);
      this.worker.once('message', () => void this.worker.terminate().then(done, done));
      this.worker.postMessage('close');
    });
    return this.closing;
  }
}
