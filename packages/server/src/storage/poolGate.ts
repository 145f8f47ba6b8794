import type pg from "pg";

/**
 * A queue in front of pg's pool, so a burst waits for as long as the database keeps answering. pg's own queue is
 * bounded by `connectionTimeoutMillis`, which is also how a database that is away gets refused within seconds; but
 * a healthy database serving a reconnect storm (10,000 handshakes, bench `cluster`) made the same queue refuse work it
 * was about to do. Here a waiter is refused when no client has come back for `stalledMs` (a vanished database answers
 * UNAVAILABLE in about that time, a busy one never does), or after ten times that in all (a stuck one, whose queries
 * end only by their own timeouts, still moves the queue, too slowly to wait for).
 */
export class PoolGate {
  private out = 0;
  private readonly waiting: Waiter[] = [];
  private lastProgress = Date.now();
  private watchdog: NodeJS.Timeout | undefined;

  constructor(
    private readonly pool: pg.Pool,
    private readonly max: number,
    private readonly stalledMs: number,
  ) {
    pool.on("release", () => {
      this.out--;
      this.lastProgress = Date.now();
      this.next();
    });
  }

  connect(): Promise<pg.PoolClient> {
    if (this.out < this.max && this.waiting.length === 0) return this.take();
    return new Promise((resolve, reject) => {
      // A queue starting now has waited for nothing yet, however long ago the last client came back.
      if (this.waiting.length === 0) this.lastProgress = Date.now();
      this.waiting.push({ resolve, reject, since: Date.now() });
      this.watch();
    });
  }

  end(): Promise<void> {
    this.refuseWaiting(new Error("Connection terminated: the pool is closing"));
    return this.pool.end();
  }

  private take(): Promise<pg.PoolClient> {
    this.out++;
    return this.pool.connect().catch((error: unknown) => {
      // No client was handed out, so no release will come: the slot is free again.
      this.out--;
      this.next();
      throw error;
    });
  }

  private next(): void {
    while (this.out < this.max) {
      const waiter = this.waiting.shift();
      if (!waiter) return;
      this.take().then(waiter.resolve, waiter.reject);
    }
  }

  /** Wording that `storageFailureCode` reads as UNAVAILABLE, as pg's own queue timeout is. */
  private watch(): void {
    if (this.watchdog) return;
    this.watchdog = setInterval(
      () => {
        if (this.waiting.length === 0) {
          clearInterval(this.watchdog);
          this.watchdog = undefined;
        } else if (Date.now() - this.lastProgress > this.stalledMs) {
          this.refuseWaiting(new Error("timeout exceeded when trying to connect: the database has not answered"));
        } else {
          const tooLong = Date.now() - 10 * this.stalledMs;
          while ((this.waiting[0]?.since ?? Infinity) < tooLong)
            this.waiting.shift()?.reject(new Error("timeout exceeded when trying to connect: the queue is not moving"));
        }
      },
      Math.max(50, this.stalledMs / 4),
    );
    this.watchdog.unref();
  }

  private refuseWaiting(error: Error): void {
    for (const waiter of this.waiting.splice(0)) waiter.reject(error);
  }
}

interface Waiter {
  since: number;
  resolve(client: pg.PoolClient): void;
  reject(error: unknown): void;
}
