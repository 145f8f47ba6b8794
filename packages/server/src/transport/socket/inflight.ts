/** Counts actions under way so shutdown can let them finish their writes. */
export class Inflight {
  private count = 0;
  private waiters: (() => void)[] = [];

  async run<T>(task: () => Promise<T>): Promise<T> {
    this.count++;
    try {
      return await task();
    } finally {
      if (--this.count === 0) for (const wake of this.waiters.splice(0)) wake();
    }
  }

  drain(): Promise<void> {
    return this.count === 0 ? Promise.resolve() : new Promise((resolve) => this.waiters.push(resolve));
  }
}
