// Background compactions of all rooms, one at a time and spread out. Under a steady edit rate many
// maps reach their compaction threshold within the same second (100 maps edited at the same pace
// compact together), and each compaction holds the event loop for milliseconds (the whole document
// encoded, a snapshot written, the log's rows deleted): run back to back they stalled the relay for
// 200-300 ms. Here each one is followed by a rest, so compactions take at most `share` of the loop.
import { performance } from 'node:perf_hooks';
import { setImmediate as nextTurn, setTimeout as sleep } from 'node:timers/promises';

/** The share of the event loop background compactions may take while several are waiting. */
export const COMPACTION_SHARE = 0.2;

export class CompactionPacer {
  private tail: Promise<void> = Promise.resolve();

  constructor(private readonly share = COMPACTION_SHARE) {}

  /**
   * Runs `task` after the tasks queued before it (each in a turn of its own) and resolves when it
   * is done. A task that throws rejects its own promise only; the queue goes on.
   */
  run(task: () => Promise<void>): Promise<void> {
    const done = this.tail.then(async () => {
      await nextTurn();
      const started = performance.now();
      try {
        await task();
      } finally {
        this.restAfter = (performance.now() - started) * (1 / this.share - 1);
      }
    });
    this.tail = done.then(this.rest, this.rest);
    return done;
  }

  private restAfter = 0;

  private readonly rest = async (): Promise<void> => {
    if (this.restAfter >= 1) await sleep(this.restAfter, undefined, { ref: false });
  };
}
