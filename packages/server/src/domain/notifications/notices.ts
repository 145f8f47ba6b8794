const REACHABLE_TTL_MS = 1_000;

/**
 * Notification work runs after the send's commit and off its path: the send answers without waiting for
 * who is to be told. Queued work rings the bell, so this node's workers start at once instead of at their
 * next poll.
 */
export class Notices {
  private readonly listeners: (() => void)[] = [];
  private readonly pending = new Set<Promise<void>>();
  private reachable: { answer: Promise<boolean>; at: number } | undefined;

  constructor(private readonly report: (error: unknown) => void = () => undefined) {}

  /** Runs `work` after this turn; when it answers that it queued something, the workers are woken. */
  later(work: () => Promise<boolean>): void {
    const run = new Promise<void>((resolve) => setImmediate(resolve))
      .then(work)
      .then((queued) => {
        if (queued) this.ring();
      }, this.report)
      .finally(() => this.pending.delete(run));
    this.pending.add(run);
  }

  /**
   * Whether anyone could be told at all, asked of the database at most once a second: on a server where
   * nobody subscribed to pushes or verified an email, a send costs no notification query. A subscription on
   * this node counts at once (`forgetReachable`); one on another node within the second.
   */
  anyoneReachable(ask: () => Promise<boolean>, now: number): Promise<boolean> {
    if (!this.reachable || now - this.reachable.at >= REACHABLE_TTL_MS || now < this.reachable.at) this.reachable = { answer: ask(), at: now };
    return this.reachable.answer;
  }

  forgetReachable(): void {
    this.reachable = undefined;
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
