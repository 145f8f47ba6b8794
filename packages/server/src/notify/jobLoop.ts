import type { Logger } from "pino";

/** Every node polls this often for work queued by the others (its own it starts at once). */
export const POLL_MS = 1_000;

/**
 * The loop of a database-queued worker (pushes, outgoing webhooks): `drain` claims and runs due work until none
 * is left; a kick while it runs makes it run once more; a poll picks up what other nodes queued; `stop` waits for
 * the work in hand, so nothing claimed is dropped at shutdown (an unfinished claim lapses and is taken again).
 */
export class JobLoop {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;

  constructor(
    private readonly drain: () => Promise<void>,
    private readonly logger: Logger,
    private readonly what: string,
  ) {}

  start(): void {
    this.timer = setInterval(() => this.kick(), POLL_MS);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  kick(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.drain()
      .catch((error: unknown) => this.logger.warn({ err: error }, `${this.what} failed; it is tried again`))
      .finally(() => {
        this.running = undefined;
        if (this.again && this.timer) {
          this.again = false;
          this.kick();
        }
      });
  }
}
