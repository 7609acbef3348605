// A sliding-window limit per key (a client address): at most `max` events in `windowMs`. Used for
// map creation. Memory stays bounded by the addresses active within one window: an address whose
// events all expired is forgotten on the next sweep.
export class WindowLimit {
  private readonly events = new Map<string, number[]>();
  private lastSweep = 0;

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
    private readonly now: () => number = () => Date.now(),
  ) {}

  /**
   * Records an event of `key` and returns 0, or returns the milliseconds until one more is allowed
   * (nothing recorded). Always 0 when `max` is 0 (no limit) or `key` is null (not limited).
   */
  take(key: string | null): number {
    if (this.max <= 0 || key === null) return 0;
    const now = this.now();
    this.sweep(now);
    const since = now - this.windowMs;
    const times = (this.events.get(key) ?? []).filter((t) => t > since);
    if (times.length >= this.max) {
      this.events.set(key, times);
      return Math.max(1, (times[0] ?? now) + this.windowMs - now);
    }
    times.push(now);
    this.events.set(key, times);
    return 0;
  }

  /** Keys remembered (tests check that expired ones go). */
  get size(): number {
    return this.events.size;
  }

  private sweep(now: number): void {
    if (now - this.lastSweep < this.windowMs) return;
    this.lastSweep = now;
    const since = now - this.windowMs;
    for (const [key, times] of this.events) if ((times.at(-1) ?? 0) <= since) this.events.delete(key);
  }
}
