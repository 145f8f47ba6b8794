/**
 * Notification work runs after the send's commit and off its path: the send answers without waiting for
 * who is to be told. Queued work rings the bell, so this node's workers start at once instead of at their
 * next poll.
 */
export class Notices {
  private readonly listeners: (() => void)[] = [];
  private readonly pending = new Set<Promise<void>>();

  constructor(private readonly report: (error: unknown) => void = () => undefined) {}

  later(work: () => Promise<void>): void {
    const run = new Promise<void>((resolve) => setImmediate(resolve))
      .then(work)
      .then(() => this.ring(), this.report)
      .finally(() => this.pending.delete(run));
    this.pending.add(run);
  }

  ring(): void {
    for (const listener of this.listeners) listener();
  }

  onQueued(listener: () => void): void {
    this.listeners.push(listener);
  }

  /** Resolves when the decisions already started are queued (at shutdown). */
  async settle(): Promise<void> {
    await Promise.all([...this.pending]);
  }
}
