import { outgoingReplySchema } from "@natter/protocol";
import type { Logger } from "pino";
import type { Domain } from "../domain/context.js";
import { postReply } from "../domain/integrations/replies.js";
import { signatureHeaders } from "../domain/integrations/signing.js";
import type { WebhookDeliveryRow } from "../storage/index.js";
import { JobLoop } from "./jobLoop.js";
import { postWebhook, UnsafeUrl } from "./webhookSender.js";

/** Longer than a delivery can take (5 s, then the reply's post): a node that dies lets its claims go to another. */
const LEASE_MS = 60_000;
const BATCH = 20;
/** The first try and up to five retries. */
export const MAX_DELIVERY_ATTEMPTS = 6;

/**
 * Delivers queued outgoing webhooks: claims due deliveries as the push worker claims its jobs (a lease, and SKIP
 * LOCKED on PostgreSQL), so each is sent by one node, and a restart loses none. A reply `{ "text": … }` is posted
 * in the message's thread, once (its clientMsgId is the delivery's).
 */
export class WebhookWorker {
  private readonly loop: JobLoop;

  constructor(
    private readonly domain: Domain,
    private readonly logger: Logger,
  ) {
    this.loop = new JobLoop(() => this.drain(), logger, "webhook delivery");
  }

  start(): void {
    this.domain.notices.onQueued(() => this.loop.kick());
    this.loop.start();
  }

  stop(): Promise<void> {
    return this.loop.stop();
  }

  private async drain(): Promise<void> {
    for (;;) {
      const now = this.domain.now();
      const deliveries = await this.domain.store.claimDeliveries(now, now + LEASE_MS, BATCH);
      if (deliveries.length === 0) return;
      await Promise.all(deliveries.map((delivery) => this.deliver(delivery)));
    }
  }

  private async deliver(delivery: WebhookDeliveryRow): Promise<void> {
    const { store, settings } = this.domain;
    const hook = await store.outgoingHookById(delivery.hook_id);
    if (!hook) return store.settleDelivery(delivery.id, "failed", delivery.attempts, null, "the webhook was deleted");
    const attempts = delivery.attempts + 1;
    try {
      const headers = { "content-type": "application/json", "user-agent": "Natter-Webhooks", ...signatureHeaders(hook.secret, delivery.body, Date.now()) };
      const answer = await postWebhook({ url: hook.url, body: delivery.body, headers }, { allowPrivate: settings.webhookAllowPrivate });
      if (answer.status < 200 || answer.status >= 300) return await this.retry(delivery, attempts, answer.status, `the receiver answered ${answer.status}`);
      const replyError = await this.reply(delivery, hook, answer.body);
      await store.settleDelivery(delivery.id, "delivered", attempts, answer.status, replyError);
    } catch (error) {
      // A URL refused as private will never work: no retry.
      if (error instanceof UnsafeUrl || (error as { code?: unknown } | null)?.code === "EPRIVATE")
        return store.settleDelivery(delivery.id, "failed", attempts, null, `refused: ${error instanceof Error ? error.message : String(error)}`);
      await this.retry(delivery, attempts, null, error instanceof Error ? error.message : String(error));
    }
  }

  /** Posts the receiver's `{ "text": … }` in the thread; answers why it could not, for the log. */
  private async reply(delivery: WebhookDeliveryRow, hook: { bot_id: number | null; created_by: number }, body: string): Promise<string | null> {
    if (body.trim() === "") return null;
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      return null;
    }
    const reply = outgoingReplySchema.safeParse(parsed);
    if (!reply.success || reply.data.text.trim() === "") return null;
    const sent = JSON.parse(delivery.body) as { room: string; message: { id: number; threadId: number | null } };
    try {
      await postReply(this.domain, {
        authorId: hook.bot_id ?? hook.created_by,
        room: sent.room,
        text: reply.data.text,
        threadId: sent.message.threadId ?? sent.message.id,
        clientMsgId: `hook-reply-${delivery.id}`,
      });
      return null;
    } catch (error) {
      this.logger.info({ err: error, delivery: delivery.id }, "an outgoing webhook's reply was not posted");
      return `the reply was not posted: ${error instanceof Error ? error.message : String(error)}`;
    }
  }

  /** Backoff doubles from WEBHOOK_RETRY_BASE_MS; after the fifth retry the delivery is marked failed. */
  private async retry(delivery: WebhookDeliveryRow, attempts: number, status: number | null, error: string): Promise<void> {
    this.logger.info({ delivery: delivery.id, attempts, status, error }, "outgoing webhook not delivered");
    if (attempts >= MAX_DELIVERY_ATTEMPTS) return this.domain.store.settleDelivery(delivery.id, "failed", attempts, status, error);
    const wait = this.domain.settings.webhookRetryBaseMs * 2 ** (attempts - 1);
    await this.domain.store.retryDelivery(delivery.id, attempts, this.domain.now() + wait, status, error);
  }
}
