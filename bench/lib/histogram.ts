// A latency histogram that processes can send over IPC and add up: 0.1 ms buckets below 100 ms,
// 1 ms buckets to 1 s, 10 ms buckets to 60 s, and one bucket beyond.
const BUCKETS = 1000 + 900 + 5900 + 1;

function bucketOf(ms: number): number {
  if (ms < 100) return Math.max(0, Math.floor(ms * 10));
  if (ms < 1000) return 1000 + Math.floor(ms - 100);
  if (ms < 60_000) return 1900 + Math.floor((ms - 1000) / 10);
  return BUCKETS - 1;
}

/** The upper edge of a bucket, in ms. */
function upperOf(bucket: number): number {
  if (bucket < 1000) return (bucket + 1) / 10;
  if (bucket < 1900) return 100 + (bucket - 1000) + 1;
  if (bucket < BUCKETS - 1) return 1000 + (bucket - 1900 + 1) * 10;
  return Infinity;
}

export class LatencyHistogram {
  private readonly counts = new Float64Array(BUCKETS);
  private total = 0;
  private maxMs = 0;

  add(ms: number): void {
    this.counts[bucketOf(ms)]! += 1;
    this.total++;
    if (ms > this.maxMs) this.maxMs = ms;
  }

  /** Counts, then the maximum as the last element. */
  toArray(): number[] {
    return [...this.counts, this.maxMs];
  }

  merge(other: number[]): void {
    for (let i = 0; i < BUCKETS; i++) {
      const n = other[i] ?? 0;
      this.counts[i]! += n;
      this.total += n;
    }
    this.maxMs = Math.max(this.maxMs, other[BUCKETS] ?? 0);
  }

  get count(): number {
    return this.total;
  }

  get max(): number {
    return this.maxMs;
  }

  /** The upper edge of the bucket holding the p-th percentile (nearest rank). */
  percentile(p: number): number {
    if (this.total === 0) return NaN;
    const rank = Math.ceil((p / 100) * this.total);
    let seen = 0;
    for (let i = 0; i < BUCKETS; i++) {
      seen += this.counts[i] ?? 0;
      if (seen >= rank) return Math.min(upperOf(i), this.maxMs);
    }
    return this.maxMs;
  }
}
