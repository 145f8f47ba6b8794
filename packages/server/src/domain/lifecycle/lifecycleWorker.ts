import type { Logger } from "pino";
import type { Domain } from "../context.js";
import { sweepDataExports } from "./ownData.js";
import { trimHistory } from "./retention.js";

const LEASE = "retention";
/** A batch is short (see retention.ts); a pass that is still running this long after a stop is stuck on the database. */
const STOP_WAIT_MS = 3_000;

/**
 * Runs retention (and removes expired "download my data" archives) every so often, on one node of a
 * cluster at a time: the node holding the lease in the database, which lapses if that node dies.
 */
export class LifecycleWorker {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly domain: Domain,
    private readonly options: { everyMs: number; nodeId: string; logger: Logger },
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.runOnce(), this.options.everyMs);
    this.timer.unref();
    void this.runOnce();
  }

  /** Waits for a pass under way, but not past STOP_WAIT_MS: a hung database must not hold the shutdown. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    let timer: NodeJS.Timeout | undefined;
    const limit = new Promise<void>((resolve) => (timer = setTimeout(resolve, STOP_WAIT_MS)));
    await Promise.race([this.running, limit]);
    clearTimeout(timer);
  }

  /** One pass, unless one is under way here or another node holds the lease; answers whether it ran. */
  async runOnce(): Promise<boolean> {
    if (this.running) return false;
    let ran = false;
    this.running = this.pass()
      .then((did) => void (ran = did))
      .catch((error: unknown) => this.options.logger.warn({ err: error }, "retention failed; it runs again at the next interval"))
      .finally(() => (this.running = undefined));
    await this.running;
    return ran;
  }

  private async pass(): Promise<boolean> {
    const now = this.domain.now();
    // Held for two intervals: renewed by every pass of its holder, taken over once a holder stops.
    if (!(await this.domain.store.takeLease(LEASE, this.options.nodeId, now, now + 2 * this.options.everyMs))) return false;
    const report = await trimHistory(this.domain);
    if (report.deleted > 0) this.options.logger.info(report, "retention deleted old messages");
    await sweepDataExports(this.domain);
    return true;
  }
}
