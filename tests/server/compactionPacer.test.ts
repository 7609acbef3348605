// Background compactions of all rooms go through one pacer: one at a time, each in a turn of its own
// with a rest after it, so a burst of maps reaching their threshold together never holds the event
// loop for the sum of their compactions.
import { describe, expect, it } from 'vitest';
import { CompactionPacer } from '../../server/sync/compactionPacer';

/** A task that busy-waits `ms` (a compaction is synchronous work) and records when it ran. */
function busyTask(log: string[], name: string, ms: number): () => Promise<void> {
  return async () => {
    log.push(`${name} start`);
    const until = performance.now() + ms;
    while (performance.now() < until);
    log.push(`${name} end`);
  };
}

describe('CompactionPacer', () => {
  it('runs queued tasks one at a time, in order, and lets other work run between them', async () => {
    const pacer = new CompactionPacer(0.5);
    const log: string[] = [];
    const first = pacer.run(busyTask(log, 'a', 5));
    const second = pacer.run(busyTask(log, 'b', 5));
    const third = pacer.run(busyTask(log, 'c', 5));
    // other work queued once the first task ran: it must get the loop before the second starts
    void first.then(() => setImmediate(() => log.push('relay')));
    await Promise.all([first, second, third]);
    expect(log).toEqual(['a start', 'a end', 'relay', 'b start', 'b end', 'c start', 'c end']);
  });

  it('a failing task rejects its own promise and the queue goes on', async () => {
    const pacer = new CompactionPacer();
    const log: string[] = [];
    const failing = pacer.run(async () => {
      throw new Error('disk full');
    });
    const next = pacer.run(busyTask(log, 'next', 1));
    await expect(failing).rejects.toThrow('disk full');
    await next;
    expect(log).toEqual(['next start', 'next end']);
  });
});
