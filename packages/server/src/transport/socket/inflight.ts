/** Counts actions under way so shutdown can let them finish their writes and send their acks. */
export class Inflight {
  private count = 0;
  private waiters: (() => void)[] = [];
  private closed = false;

  /** False once shutdown began: new events are refused, so the ones under way can be counted down to none. */
  get accepting(): boolean {
    return !this.closed;
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    this.count++;
    try {
      return await task();
    } finally {
      if (--this.count === 0) for (const wake of this.waiters.splice(0)) wake();
    }
  }

  /** Refuses new work and resolves once the work under way has finished, or after `limitMs` at most. */
  close(limitMs: number): Promise<void> {
    this.closed = true;
    if (this.count === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, limitMs);
      this.waiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
}
