import type { Logger } from "pino";
import webpush from "web-push";
import type { Domain } from "../domain/context.js";
import { vapidKeys } from "../domain/notifications/push.js";
import type { NotificationJobRow, PushSubscriptionRow } from "../storage/index.js";
import { JobLoop } from "./jobLoop.js";
import type { Instruments } from "../metrics/instruments.js";
import { sendPush } from "./pushSender.js";
import { messageLink, noticeTitle, preview } from "./texts.js";

export interface WorkerOptions {
  logger: Logger;
  vapidSubject: string | undefined;
  instruments?: Instruments;
}

/** A claimed job is this node's until then; a node that dies lets it go to another. */
const LEASE_MS = 60_000;
const BATCH = 50;
const MAX_ATTEMPTS = 8;

/** Sends queued pushes: claims due jobs, encrypts each for its subscription, and sends it. */
export class PushWorker {
  private readonly loop: JobLoop;

  constructor(
    private readonly domain: Domain,
    private readonly options: WorkerOptions,
  ) {
    this.loop = new JobLoop(() => this.drain(), options.logger, "push work");
  }

  start(): void {
    this.domain.notices.onQueued(() => this.kick());
    this.loop.start();
  }

  stop(): Promise<void> {
    return this.loop.stop();
  }

  kick(): void {
    this.loop.kick();
  }

  private async drain(): Promise<void> {
    for (;;) {
      const now = this.domain.now();
      const jobs = await this.domain.store.claimPushJobs(now, now + LEASE_MS, BATCH);
      if (jobs.length === 0) return;
      const subscriptions = await this.domain.store.pushSubscriptionsByIds([...new Set(jobs.flatMap((job) => job.subscription_id ?? []))]);
      const byId = new Map(subscriptions.map((subscription) => [subscription.id, subscription]));
      await Promise.all(jobs.map((job) => this.run(job, byId.get(job.subscription_id ?? -1))));
    }
  }

  private async run(job: NotificationJobRow, subscription: PushSubscriptionRow | undefined): Promise<void> {
    const payload = subscription && (await this.payload(job));
    if (!subscription || !payload) return this.domain.store.finishJob(job.id);
    try {
      const keys = await vapidKeys(this.domain);
      const details = webpush.generateRequestDetails(
        { endpoint: subscription.endpoint, keys: { p256dh: subscription.p256dh, auth: subscription.auth } },
        payload,
        {
          vapidDetails: { subject: this.subject(), publicKey: keys.publicKey, privateKey: keys.privateKey },
          TTL: 24 * 3600,
          contentEncoding: "aes128gcm",
        },
      );
      const { status } = await sendPush(
        { endpoint: details.endpoint, method: details.method, headers: details.headers, body: details.body },
        this.domain.settings.pushAllowPrivateEndpoints,
      );
      if (status >= 200 && status < 300) {
        this.options.instruments?.pushSent("sent");
        return await this.domain.store.finishJob(job.id);
      }
      // The browser unsubscribed or the subscription expired: it will never work again.
      if (status === 404 || status === 410) {
        this.options.instruments?.pushSent("gone");
        return await this.domain.store.forgetPushSubscription(subscription.id);
      }
      throw new Error(`push service answered ${status}`);
    } catch (error) {
      this.options.instruments?.pushSent("failed");
      await this.retry(job, error);
    }
  }

  /** Backoff doubles from 5 s; past MAX_ATTEMPTS (about 20 min in all) the push is dropped. */
  private async retry(job: NotificationJobRow, error: unknown): Promise<void> {
    this.options.logger.info({ err: error, job: job.id, attempts: job.attempts + 1 }, "push not delivered");
    if (job.attempts + 1 >= MAX_ATTEMPTS) return this.domain.store.finishJob(job.id);
    await this.domain.store.retryJob(job.id, this.domain.now() + 5_000 * 2 ** job.attempts);
  }

  /** Undefined when there is nothing to tell any more: read since, deleted, or no longer a member. */
  private async payload(job: NotificationJobRow): Promise<string | undefined> {
    const { store } = this.domain;
    const [membership, message, room, user] = await Promise.all([
      store.membership(job.room_id, job.user_id),
      store.messageById(job.room_id, job.message_id),
      store.roomById(job.room_id),
      store.userById(job.user_id),
    ]);
    if (!membership || membership.last_read_seq >= job.seq || !message || message.deleted_at !== null || !room || !user) return undefined;
    return JSON.stringify({
      title: noticeTitle(user.language, job.reason, message.author_name, room.name),
      body: preview(message.text),
      url: messageLink(this.domain.publicUrl(), room.name, job.seq),
      tag: `natter-${room.id}-${job.seq}`,
      room: room.name,
      seq: job.seq,
    });
  }

  private subject(): string {
    const url = this.domain.publicUrl();
    return this.options.vapidSubject ?? (url.startsWith("https:") ? url : "mailto:natter@localhost");
  }
}
