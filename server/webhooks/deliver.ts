// Delivers metric alerts to webhooks (issue 17, finding 2: not an amplifier). Alerts for one hook are
// batched: the first opens a window (default 1 s), and everything that crosses into red meanwhile
// goes out in ONE signed POST. A hook has at most one delivery in flight (with its retries: 1 s, 2 s,
// 4 s); what arrives meanwhile waits for the next window, merged into one batch (at most
// MAX_ALERTS_PER_POST alerts, the rest counted as `dropped`). Attempts of all hooks share a global
// concurrency cap. Each attempt's outcome is recorded on the hook; editors see delivered or failed,
// the reason goes to the server log. Fire and forget: never holds up an edit or an ingest.
import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type { Store, WebhookRecord } from '../storage/store';
import { postWebhook } from './post';
import { SIGNATURE_HEADER, signBody } from './sign';

export interface DeliveryOptions {
  /** Per attempt (default 5000). */
  timeoutMs: number;
  /** Waits before each retry; its length is the number of retries (default [1000, 2000, 4000]). */
  retryDelaysMs: readonly number[];
  /** One POST per hook per window (default 1000). */
  windowMs: number;
  /** Attempts in flight at once, all hooks together (default 8). */
  concurrency: number;
  /** WEBHOOK_ALLOW_PRIVATE: deliver to private, loopback and link-local addresses too. */
  allowPrivate: boolean;
}

export const DEFAULT_DELIVERY: DeliveryOptions = {
  timeoutMs: 5000,
  retryDelaysMs: [1000, 2000, 4000],
  windowMs: 1000,
  concurrency: 8,
  allowPrivate: false,
};

/** Alerts one POST lists at most; more in one window are counted in `dropped`. */
export const MAX_ALERTS_PER_POST = 1000;

type Hook = Pick<WebhookRecord, 'id' | 'url' | 'secret'>;
type Outcome = { status: number | null; error: string | null };

interface HookQueue {
  hook: Hook;
  mapId: string;
  type: string;
  alerts: unknown[];
  dropped: number;
  /** A delivery (with its retries) or a window wait is running. */
  busy: boolean;
}

function describeFailure(err: unknown, timeoutMs: number): string {
  if (err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError'))
    return `no answer within ${timeoutMs} ms`;
  if (err instanceof Error && (err as { code?: unknown }).code === 'EFORBIDDEN_ADDRESS') return err.message;
  const code = err instanceof Error ? (err as { code?: unknown }).code : undefined;
  if (typeof code === 'string') return `could not connect (${code})`;
  return err instanceof Error ? err.message : String(err);
}

export class WebhookSender {
  private readonly stopping = new AbortController();
  private readonly queues = new Map<string, HookQueue>();
  private readonly running = new Set<Promise<void>>();
  private inFlight = 0;
  private readonly waitingForSlot: (() => void)[] = [];
  /** POSTs made so far (attempts, retries included); tests and the README's figures read it. */
  posts = 0;

  constructor(private readonly deps: { store: Store; log: FastifyBaseLogger; options: DeliveryOptions }) {}

  /** Queues `alerts` for `hook`: they go out with the hook's next batch. */
  enqueue(hook: Hook, mapId: string, type: string, alerts: readonly unknown[]): void {
    if (this.stopping.signal.aborted || alerts.length === 0) return;
    let queue = this.queues.get(hook.id);
    if (!queue) {
      queue = { hook, mapId, type, alerts: [], dropped: 0, busy: false };
      this.queues.set(hook.id, queue);
    }
    queue.hook = hook; // a newer record (same id) wins
    const room = MAX_ALERTS_PER_POST - queue.alerts.length;
    queue.alerts.push(...alerts.slice(0, Math.max(0, room)));
    queue.dropped += Math.max(0, alerts.length - Math.max(0, room));
    if (!queue.busy) this.start(queue);
  }

  /** Hooks with alerts waiting or a delivery running (tests and shutdown wait for 0). */
  get active(): number {
    return this.queues.size;
  }

  /** Cancels waits and requests in flight, and waits for the deliveries to record their end. */
  async close(): Promise<void> {
    this.stopping.abort();
    for (const wake of this.waitingForSlot.splice(0)) wake();
    await Promise.all([...this.running]);
  }

  private start(queue: HookQueue): void {
    queue.busy = true;
    const run = this.run(queue)
      .catch((err: unknown) => this.deps.log.error({ hookId: queue.hook.id, err }, 'webhook delivery failed'))
      .finally(() => this.running.delete(run));
    this.running.add(run);
  }

  /** Window, batch, deliver; again while alerts keep arriving; then the hook's queue is dropped. */
  private async run(queue: HookQueue): Promise<void> {
    for (;;) {
      // the window: alerts arriving now join this batch (also the per-hook rate: one POST per window)
      const opened = performance.now();
      if (!(await this.wait(this.deps.options.windowMs))) break;
      if (queue.alerts.length === 0) break;
      const alerts = queue.alerts.splice(0);
      const dropped = queue.dropped;
      queue.dropped = 0;
      const event = { type: queue.type, mapId: queue.mapId, alerts, ...(dropped > 0 ? { dropped } : {}) };
      await this.deliver(queue.hook, JSON.stringify(event), queue.type);
      if (this.stopping.signal.aborted) break;
      const rest = this.deps.options.windowMs - (performance.now() - opened);
      if (rest > 0 && !(await this.wait(rest))) break;
      if (queue.alerts.length === 0) break;
    }
    queue.busy = false;
    if (queue.alerts.length > 0 && !this.stopping.signal.aborted) this.start(queue);
    else this.queues.delete(queue.hook.id);
  }

  private async deliver(hook: Hook, body: string, type: string): Promise<void> {
    const { retryDelaysMs } = this.deps.options;
    // one id for every attempt of this batch, so a receiver can drop a retry it already handled
    const deliveryId = randomUUID();
    for (let attempt = 1; ; attempt++) {
      const at = new Date().toISOString();
      const outcome = await this.attempt(hook, body, type, deliveryId);
      if (this.stopping.signal.aborted && outcome.error !== null) return; // cut short by shutdown: not the receiver's failure
      await this.deps.store.features.recordWebhookDelivery(hook.id, { ...outcome, attempts: attempt, at });
      if (outcome.error === null) return;
      const delay = retryDelaysMs[attempt - 1];
      this.deps.log.warn(
        { hookId: hook.id, attempt, status: outcome.status, error: outcome.error, retry: delay !== undefined },
        'webhook attempt failed',
      );
      if (delay === undefined || !(await this.wait(delay))) return;
    }
  }

  private async attempt(hook: Hook, body: string, type: string, deliveryId: string): Promise<Outcome> {
    const { timeoutMs, allowPrivate } = this.deps.options;
    if (!(await this.slot())) return { status: null, error: 'server stopping' };
    this.posts++;
    try {
      const status = await postWebhook(hook.url, {
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Percorso-Webhooks/1',
          'x-percorso-event': type,
          'x-percorso-delivery': deliveryId,
          [SIGNATURE_HEADER]: signBody(hook.secret, body),
        },
        body,
        allowPrivate,
        signal: AbortSignal.any([AbortSignal.timeout(timeoutMs), this.stopping.signal]),
      });
      const ok = status >= 200 && status < 300;
      return { status, error: ok ? null : `answered HTTP ${status}` };
    } catch (err) {
      return { status: null, error: describeFailure(err, timeoutMs) };
    } finally {
      this.inFlight--;
      this.waitingForSlot.shift()?.();
    }
  }

  /** Waits for one of the `concurrency` attempt slots; false when the sender closed meanwhile. */
  private async slot(): Promise<boolean> {
    while (this.inFlight >= this.deps.options.concurrency) {
      if (this.stopping.signal.aborted) return false;
      await new Promise<void>((resolve) => this.waitingForSlot.push(resolve));
    }
    if (this.stopping.signal.aborted) return false;
    this.inFlight++;
    return true;
  }

  /** Resolves true after `ms`, or false at once when the sender is closed. */
  private wait(ms: number): Promise<boolean> {
    const signal = this.stopping.signal;
    if (signal.aborted) return Promise.resolve(false);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        signal.removeEventListener('abort', onAbort);
        resolve(true);
      }, ms);
      const onAbort = (): void => {
        clearTimeout(timer);
        resolve(false);
      };
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }
}
