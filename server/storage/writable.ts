// Whether the store can write, probed at most once a second (Store.checkWritable): /api/health
// answers 503 with the reason, and sync refuses connections with 4503 before any document data
// while it cannot (issue 17, finding 8). A client that never synced backs off between attempts;
// one that synced and was then closed for a failed write (4501) reconnected at once, in a loop.
import type { FastifyBaseLogger } from 'fastify';
import type { Store } from './store';

const PROBE_EVERY_MS = 1000;

export class StorageHealth {
  private last: { at: number; problem: string | null } | null = null;
  private probing: Promise<string | null> | null = null;

  constructor(
    private readonly store: Store,
    private readonly log: FastifyBaseLogger,
  ) {}

  /** null when the store can write, else why it cannot. */
  async problem(): Promise<string | null> {
    if (this.last && performance.now() - this.last.at < PROBE_EVERY_MS) return this.last.problem;
    this.probing ??= this.probe().finally(() => {
      this.probing = null;
    });
    return this.probing;
  }

  private async probe(): Promise<string | null> {
    let problem: string | null = null;
    try {
      await this.store.checkWritable();
    } catch (err) {
      problem = `storage cannot write: ${err instanceof Error ? err.message : String(err)}`.slice(0, 300);
    }
    const before = this.last?.problem ?? null;
    if (problem !== before) {
      if (problem) this.log.error({ problem }, 'storage is not writable; sync connections are refused with 4503');
      else if (this.last) this.log.info('storage is writable again');
    }
    this.last = { at: performance.now(), problem };
    return problem;
  }
}
