import type { Logger } from "pino";
import type { Domain } from "../domain/context.js";
import { unsubscribeToken } from "../domain/notifications/email.js";
import type { Instruments } from "../metrics/instruments.js";
import { emailTexts } from "./emailTexts.js";
import { messageLink, preview } from "./texts.js";

/** Checks run at least this often; sooner when the delay is shorter. */
const MAX_CHECK_MS = 30_000;
const MIN_CHECK_MS = 1_000;
/** A user claimed for an email is this node's until then. */
const LEASE_MS = 5 * 60_000;
const BATCH = 20;
/** A refused email waits this long before it is tried again, doubling per refusal up to the last. */
const FIRST_RETRY_MS = 30_000;
const LAST_RETRY_MS = 60 * 60_000;

/**
 * Sends the emails of missed DMs and mentions: one per user per window (EMAIL_NOTIFY_DELAY_MIN), listing what
 * is still unread of what was queued since the last one.
 */
export class EmailWorker {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  /** Refusals in a row, per user; forgotten on a success. */
  private readonly refusals = new Map<number, number>();

  constructor(
    private readonly domain: Domain,
    private readonly logger: Logger,
    private readonly instruments?: Instruments,
  ) {}

  start(): void {
    const every = Math.min(MAX_CHECK_MS, Math.max(MIN_CHECK_MS, this.windowMs()));
    this.timer = setInterval(() => this.check(), every);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  private check(): void {
    this.running ??= this.drain()
      .catch((error: unknown) => this.logger.warn({ err: error }, "email work failed; it is tried again"))
      .finally(() => (this.running = undefined));
  }

  private windowMs(): number {
    return this.domain.settings.emailNotifyDelayMin * 60_000;
  }

  private async drain(): Promise<void> {
    for (;;) {
      const now = this.domain.now();
      const users = await this.domain.store.claimEmailUsers(now, now - this.windowMs(), now + LEASE_MS, BATCH);
      if (users.length === 0) return;
      for (const userId of users) {
        await this.sendTo(userId).then(
          () => this.refusals.delete(userId),
          async (error: unknown) => {
            this.instruments?.emailSent("failed");
            // Released for later, not for now: this very loop would claim it again and ask a failing server forever.
            const refused = this.refusals.get(userId) ?? 0;
            this.refusals.set(userId, refused + 1);
            const waitMs = Math.min(LAST_RETRY_MS, FIRST_RETRY_MS * 2 ** refused);
            this.logger.warn({ err: error, user: userId, retryInMs: waitMs }, "email not sent; tried again later");
            await this.domain.store.releaseEmail(userId, this.domain.now() + waitMs);
          },
        );
      }
    }
  }

  private async sendTo(userId: number): Promise<void> {
    const { store, mailer } = this.domain;
    const [user, jobs] = await Promise.all([store.userById(userId), store.emailJobsOf(userId)]);
    const last = jobs.at(-1);
    if (!last) return store.finishEmail(userId, 0, undefined);
    const missed = jobs.filter((job) => !job.read);
    if (!user?.email || !mailer || missed.length === 0) return store.finishEmail(userId, last.id, undefined);
    const base = this.domain.publicUrl();
    const lines = missed.map((job) => ({
      room: job.room_name,
      direct: job.room_kind === "dm",
      author: job.author_name,
      text: preview(job.text, 300),
      link: messageLink(base, job.room_name, job.seq),
    }));
    const unsubscribe = `${base}/api/email/unsubscribe?token=${await unsubscribeToken(this.domain, user.id, user.email)}`;
    await mailer.send({
      to: user.email,
      ...emailTexts(user.language).missed(lines, unsubscribe),
      headers: { "List-Unsubscribe": `<${unsubscribe}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" },
    });
    this.instruments?.emailSent("sent");
    await store.finishEmail(userId, last.id, this.domain.now());
  }
}
