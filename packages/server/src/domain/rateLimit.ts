/** Counts failures per key in a sliding window (failed log-ins): in memory, or shared by the nodes through Redis. */
export interface FailureCounter {
  /** 0 while the key is under its limit; once it has reached it, the ms until its oldest failure leaves the window. */
  lockedFor(key: string): Promise<number>;
  record(key: string): Promise<void>;
  clear(key: string): Promise<void>;
}

/** Admits one more action per key, or refuses it (sends, edits, sign-ups…). */
export interface ActionLimiter {
  /** 0 when the action is admitted (and counted); otherwise the ms to wait before one more would be. */
  take(key: string): Promise<number>;
}

/** Counts events per key in a sliding window; used for failed log-ins. */
export class WindowCounter implements FailureCounter {
  private readonly hits = new Map<string, number[]>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  async lockedFor(key: string): Promise<number> {
    const recent = this.recent(key);
    if (recent.length < this.limit) return 0;
    const freeing = recent[recent.length - this.limit] ?? this.now();
    return Math.max(1, freeing + this.windowMs - this.now());
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

/** A token bucket per key: `rate` per second, bursts up to `burst`. A rate of 0 admits everything. */
export class TokenBuckets implements ActionLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private sweptAt = 0;

  constructor(
    private readonly rate: number,
    private readonly burst: number,
    private readonly now: () => number = Date.now,
  ) {}

  async take(key: string): Promise<number> {
    if (this.rate <= 0) return 0;
    const now = this.now();
    const bucket = this.buckets.get(key) ?? { tokens: this.burst, at: now };
    bucket.tokens = Math.min(this.burst, bucket.tokens + ((now - bucket.at) / 1000) * this.rate);
    bucket.at = now;
    this.buckets.set(key, bucket);
    if (bucket.tokens < 1) return Math.max(1, Math.ceil(((1 - bucket.tokens) / this.rate) * 1000 - ROUNDING));
    bucket.tokens -= 1;
    if (this.buckets.size > BUCKETS_KEPT && now - this.sweptAt > 1000) this.sweep(now);
    return 0;
  }

  /** A bucket that has refilled is the same as no bucket: forget those, so idle keys do not pile up. */
  private sweep(now: number): void {
    this.sweptAt = now;
    for (const [key, bucket] of this.buckets) {
      if (bucket.tokens + ((now - bucket.at) / 1000) * this.rate >= this.burst) this.buckets.delete(key);
    }
  }
}

/** Past this many keys a bucket map drops the full ones (an address per sign-up must not grow memory forever). */
const BUCKETS_KEPT = 10_000;

/** Floating-point dust must not add a whole millisecond to a wait. */
const ROUNDING = 1e-6;
