import { storageFailureCode } from "./failures.js";

/**
 * Lookups of one kind arriving together become one query: a reconnect storm of N sockets reads N sessions in a few
 * `IN (...)` queries instead of N, and waits here, not in the pool's queue (whose wait the connection timeout bounds,
 * so a burst there is refused on a healthy database). Nothing is cached: every lookup reads the database after it
 * was asked.
 */
export class BatchedRead<K, V> {
  private queued = new Map<K, Waiter<V>[]>();
  private inFlight = 0;
  private scheduled = false;

  /** `read` answers for the keys it finds; a key it leaves out is answered `undefined`. */
  constructor(
    private readonly read: (keys: K[]) => Promise<Map<K, V>>,
    private readonly options: { maxKeys: number; maxInFlight: number } = { maxKeys: 500, maxInFlight: 2 },
  ) {}

  load(key: K): Promise<V | undefined> {
    return new Promise((resolve, reject) => {
      const waiters = this.queued.get(key);
      if (waiters) waiters.push({ resolve, reject });
      else this.queued.set(key, [{ resolve, reject }]);
      this.schedule();
    });
  }

  /** Gathers what arrives in this turn of the event loop, unless enough queries are already out. */
  private schedule(): void {
    if (this.scheduled || this.inFlight >= this.options.maxInFlight || this.queued.size === 0) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.flush();
    });
  }

  private flush(): void {
    while (this.inFlight < this.options.maxInFlight && this.queued.size > 0) {
      const batch = new Map<K, Waiter<V>[]>();
      for (const [key, waiters] of this.queued) {
        if (batch.size === this.options.maxKeys) break;
        batch.set(key, waiters);
        this.queued.delete(key);
      }
      this.inFlight++;
      void this.read([...batch.keys()]).then(
        (found) => {
          for (const [key, waiters] of batch) for (const waiter of waiters) waiter.resolve(found.get(key));
          this.settled();
        },
        (error: unknown) => {
          for (const waiters of batch.values()) for (const waiter of waiters) waiter.reject(error);
          // The database is away: those queued behind would wait as long to hear the same, so they hear it now.
          if (storageFailureCode(error) === "UNAVAILABLE") this.failQueued(error);
          this.settled();
        },
      );
    }
  }

  private settled(): void {
    this.inFlight--;
    this.schedule();
  }

  private failQueued(error: unknown): void {
    const queued = this.queued;
    this.queued = new Map();
    for (const waiters of queued.values()) for (const waiter of waiters) waiter.reject(error);
  }
}

interface Waiter<V> {
  resolve(value: V | undefined): void;
  reject(error: unknown): void;
}
