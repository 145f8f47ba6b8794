import type { PendingMessage } from "./chatState";

interface DeliveryParts {
  /** Resolves once the server stored it; rejects when refused or unanswered. */
  send: (item: PendingMessage) => Promise<void>;
  /** Why the server refused it, or undefined when it did not answer (the message then waits). */
  refusal: (error: unknown) => string | undefined;
  pending: () => readonly PendingMessage[];
  connected: () => boolean;
  patch: (clientMsgIds: readonly string[], change: Pick<PendingMessage, "status"> & { reason?: string }) => void;
}

/**
 * Sends the outbox one message at a time, oldest first, so messages are stored in the order they were
 * written even across an outage. A refusal is kept with its reason for the user to edit or discard; a
 * silent server leaves the rest waiting until the connection is back.
 */
export class Delivery {
  private running = false;
  private again = false;
  /** Answered in this page's life: their stored copy may not have replaced the pending one yet. */
  private readonly done = new Set<string>();

  constructor(private readonly parts: DeliveryParts) {}

  async flush(): Promise<void> {
    if (this.running) return void (this.again = true);
    this.running = true;
    try {
      do {
        this.again = false;
        await this.sendInOrder();
      } while (this.again);
    } finally {
      this.running = false;
    }
  }

  private async sendInOrder(): Promise<void> {
    for (;;) {
      const queue = this.parts.pending().filter((item) => item.status !== "failed" && !this.done.has(item.clientMsgId));
      const next = queue[0];
      if (!next) return;
      if (!this.parts.connected()) return this.parts.patch(ids(queue), { status: "waiting" });
      this.parts.patch([next.clientMsgId], { status: "pending" });
      const { clientMsgId } = next;
      try {
        await this.parts.send(next);
        this.done.add(clientMsgId);
      } catch (error) {
        const reason = this.parts.refusal(error);
        if (reason !== undefined) {
          this.done.add(clientMsgId);
          this.parts.patch([clientMsgId], { status: "failed", reason });
          continue;
        }
        return this.parts.patch(ids(this.parts.pending().filter((item) => item.status !== "failed" && !this.done.has(item.clientMsgId))), { status: "waiting" });
      }
    }
  }
}

function ids(items: readonly PendingMessage[]): string[] {
  return items.map((item) => item.clientMsgId);
}
