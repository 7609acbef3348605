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
// Past restartFrames, a RESTART checkpoint: it blocks the writer while it runs, so it first asks the
// main thread to hold its commits ('hold'), and runs once told 'go'; 'restarted' lets them go on.
const RESTART_FRAMES = workerData.restartFrames;
let closing = false;
let waitingForGo = false;
const restart = () => {
  try {
    db.pragma('wal_checkpoint(RESTART)');
  } catch (err) {
    parentPort.postMessage({ error: String(err) });
  }
};
const checkpoint = () => {
  if (waitingForGo) return;
  try {
    const [result] = db.pragma('wal_checkpoint(PASSIVE)');
    if (result && result.log > RESTART_FRAMES) {
      if (closing) return restart(); // the main thread writes no more
      waitingForGo = true;
      parentPort.postMessage({ hold: true });
    }
  } catch (err) {
    parentPort.postMessage({ error: String(err) });
  }
};
const timer = setInterval(checkpoint, workerData.intervalMs);
parentPort.on('message', (message) => {
  if (message === 'go') {
    waitingForGo = false;
    restart();
    parentPort.postMessage({ restarted: true });
    return;
  }
  clearInterval(timer);
  closing = true;
  waitingForGo = false;
  checkpoint();
  db.close();
  parentPort.postMessage({ closed: true });
});
`;
/**
 * WAL frames past which the worker restarts the WAL (256 MiB of 4 KiB pages). However it is done, a
 * restart holds every commit for the time of the checkpoint's fsyncs (measured 9-200 ms here): no
 * frame may go into the WAL between "all of it is in the database file, synced" and its reuse. At
 * 3,000 edits/s the WAL grows about 20 MiB a second, so at 16 MiB that stall came every second, at
 * 256 MiB every 13 s. The file keeps its size while the store is open and is cut when it closes.
 */
export const RESTART_FRAMES = 65536;

/** The longest the main thread holds its commits for a restart (the worker did not answer). */
const HOLD_MAX_MS = 500;

export interface WalCheckpointerOptions {
  intervalMs: number;
  /**
   * The worker is about to restart the WAL: commit nothing until `release` is called (it is, once
   * the restart is done, or after HOLD_MAX_MS). A writer that meets the restart's lock sleeps in
   * SQLite's busy handler in growing steps: a 9 ms restart stalled the relay 50-65 ms.
   */
  holdCommits?(release: Promise<void>): void;
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
    let released: (() => void) | null = null;
    this.worker.on('message', (message: { error?: string; hold?: boolean; restarted?: boolean }) => {
      if (message.error) fail(message.error);
      if (message.hold) {
        const release = new Promise<void>((resolve) => {
          released = resolve;
          setTimeout(resolve, HOLD_MAX_MS).unref();
        });
        options.holdCommits?.(release);
        this.worker.postMessage('go');
      }
      if (message.restarted) {
        released?.();
        released = null;
      }
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
      this.worker.on('message', (message: { closed?: boolean }) => {
        if (message.closed) void this.worker.terminate().then(done, done);
      });
      this.worker.postMessage('close');
    });
    return this.closing;
  }
}
