// Delivers webhook events: a signed JSON POST with a timeout per attempt, retried with backoff
// (default 1 s, 2 s, 4 s) on a non-2xx answer or no answer. Every attempt's outcome is recorded on
// the hook (status, error, attempts, time) for GET /api/maps/:id/webhooks. Fire and forget: a
// receiver that is slow or down never holds up an edit or an ingest request.
import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type { Store, WebhookRecord } from '../storage/store';
import { SIGNATURE_HEADER, signBody } from './sign';

export interface DeliveryOptions {
  /** Per attempt (default 5000). */
  timeoutMs: number;
  /** Waits before each retry; its length is the number of retries (default [1000, 2000, 4000]). */
  retryDelaysMs: readonly number[];
}

export const DEFAULT_DELIVERY: DeliveryOptions = { timeoutMs: 5000, retryDelaysMs: [1000, 2000, 4000] };

type Outcome = { status: number | null; error: string | null };

function describeFailure(err: unknown, timeoutMs: number): string {
  if (err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError')) return `no answer within ${timeoutMs} ms`;
  const cause = err instanceof Error ? (err.cause as { code?: unknown; message?: unknown } | undefined) : undefined;
  if (typeof cause?.code === 'string') return `could not connect (${cause.code})`;
  return err instanceof Error ? err.message : String(err);
}

export class WebhookSender {
  private readonly stopping = new AbortController();
  private readonly pending = new Set<Promise<void>>();

  constructor(
    private readonly deps: { store: Store; log: FastifyBaseLogger; options: DeliveryOptions },
  ) {}

  /** Starts delivering `event` to `hook` in the background. */
  send(hook: Pick<WebhookRecord, 'id' | 'url' | 'secret'>, event: { type: string }): void {
    if (this.stopping.signal.aborted) return;
    const done = this.deliver(hook, JSON.stringify(event), event.type)
      .catch((err: unknown) => this.deps.log.error({ hookId: hook.id, err }, 'webhook delivery failed'))
      .finally(() => this.pending.delete(done));
    this.pending.add(done);
  }

  /** Deliveries still running (tests and shutdown wait for them). */
  get active(): number {
    return this.pending.size;
  }

  /** Cancels waits and requests in flight, and waits for the deliveries to record their end. */
  async close(): Promise<void> {
    this.stopping.abort();
    await Promise.all([...this.pending]);
  }

  private async deliver(hook: Pick<WebhookRecord, 'id' | 'url' | 'secret'>, body: string, type: string): Promise<void> {
    const { retryDelaysMs } = this.deps.options;
    // one id for every attempt of this event, so a receiver can drop a retry it already handled
    const deliveryId = randomUUID();
    for (let attempt = 1; ; attempt++) {
      const at = new Date().toISOString();
      const outcome = await this.attempt(hook, body, type, deliveryId);
      if (this.stopping.signal.aborted && outcome.error !== null) return; // cut short by shutdown: not the receiver's failure
      await this.deps.store.features.recordWebhookDelivery(hook.id, { ...outcome, attempts: attempt, at });
      if (outcome.error === null) return;
      const delay = retryDelaysMs[attempt - 1];
      this.deps.log.warn({ hookId: hook.id, attempt, status: outcome.status, error: outcome.error, retry: delay !== undefined }, 'webhook attempt failed');
      if (delay === undefined || !(await this.wait(delay))) return;
    }
  }

  private async attempt(hook: Pick<WebhookRecord, 'url' | 'secret'>, body: string, type: string, deliveryId: string): Promise<Outcome> {
    const { timeoutMs } = this.deps.options;
    try {
      const res = await fetch(hook.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Percorso-Webhooks/1',
          'x-percorso-event': type,
          'x-percorso-delivery': deliveryId,
          [SIGNATURE_HEADER]: signBody(hook.secret, body),
        },
        body,
        redirect: 'manual', // a redirect is an answer, not an invitation to post elsewhere
        signal: AbortSignal.any([AbortSignal.timeout(timeoutMs), this.stopping.signal]),
      });
      await res.body?.cancel().catch(() => undefined); // the answer's body is not read
      const ok = res.status >= 200 && res.status < 300;
      return { status: res.status, error: ok ? null : `answered HTTP ${res.status}` };
    } catch (err) {
      return { status: null, error: describeFailure(err, timeoutMs) };
    }
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
