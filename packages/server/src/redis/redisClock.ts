import type { Redis } from "ioredis";

const RESYNC_MS = 10_000;

/**
 * Presence expiries are compared across nodes, so they are read off one clock: Redis's. A node whose
 * own clock is minutes off still neither leaves ghosts nor drops its users.
 */
export class RedisClock {
  private offset = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly redis: Redis,
    private readonly local: () => number = Date.now,
  ) {}

  readonly now = (): number => this.local() + this.offset;

  async start(): Promise<void> {
    await this.sync();
    this.timer = setInterval(() => void this.sync().catch(() => undefined), RESYNC_MS).unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private async sync(): Promise<void> {
    const before = this.local();
    const [seconds = 0, microseconds = 0] = (await this.redis.time()).map(Number);
    const after = this.local();
    this.offset = seconds * 1000 + microseconds / 1000 - (before + after) / 2;
  }
}
