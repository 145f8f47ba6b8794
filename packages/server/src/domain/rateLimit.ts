/** Counts failures per key in a sliding window (failed log-ins): in memory, or shared by the nodes through Redis. */
export interface FailureCounter {
  /** True once the key has reached its limit within the window. */
  exceeded(key: string): Promise<boolean>;
  record(key: string): Promise<void>;
  clear(key: string): Promise<void>;
}

/** Admits one more action per key, or refuses it (sends). */
export interface ActionLimiter {
  take(key: string): Promise<boolean>;
}

/** Counts events per key in a sliding window; used for failed log-ins. */
export class WindowCounter implements FailureCounter {
  private readonly hits = new Map<string, number[]>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  async exceeded(key: string): Promise<boolean> {
    return this.recent(key).length >= this.limit;
  }

  async record(key: string): Promise<void> {
    const recent = this.recent(key);
    recent.push(this.now());
    this.hits.set(key, recent);
  }

  async clear(key: string): Promise<void> {
    this.hits.delete(key);
  }

  private recent(key: string): number[] {
    const since = this.now() - this.windowMs;
    const recent = (this.hits.get(key) ?? []).filter((t) => t > since);
    if (recent.length === 0) this.hits.delete(key);
    return recent;
  }
}

/** A token bucket per key: `rate` per second, bursts up to `burst`; for sends. */
export class TokenBuckets implements ActionLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly rate: number,
    private readonly burst: number,
    private readonly now: () => number = Date.now,
  ) {}

  async take(key: string): Promise<boolean> {
    if (this.rate <= 0) return true;
    const now = this.now();
    const bucket = this.buckets.get(key) ?? { tokens: this.burst, at: now };
    bucket.tokens = Math.min(this.burst, bucket.tokens + ((now - bucket.at) / 1000) * this.rate);
    bucket.at = now;
    this.buckets.set(key, bucket);
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  }
}
