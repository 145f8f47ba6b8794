import type { PendingMessage } from "./chatState";

type PendingChange = Pick<PendingMessage, "status"> & { reason?: string };

interface DeliveryParts {
  /** Resolves once the server stored it; rejects when refused or unanswered. */
  send: (item: PendingMessage) => Promise<void>;
  /** Why the server refused it, or undefined when it did not answer (the message then waits). */
  refusal: (error: unknown) => string | undefined;
  pending: () => readonly PendingMessage[];
  connected: () => boolean;
  setPending: (next: PendingMessage[]) => void;
  newId: () => string;
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

  /** A message just written: it joins the end of the outbox. */
  add(item: PendingMessage): void {
    this.parts.setPending([...this.parts.pending(), item]);
    void this.flush();
  }

  /** A refused message, changed by its author: sent afresh, as the newest. */
  resend(clientMsgId: string, text: string): void {
    const refused = this.parts.pending().find((item) => item.clientMsgId === clientMsgId);
    if (!refused) return;
    const { reason: _reason, ...rest } = refused;
    this.discard(clientMsgId);
    this.add({ ...rest, text, clientMsgId: this.parts.newId(), status: "pending", queuedAt: Date.now() });
  }

  discard(clientMsgId: string): void {
    this.parts.setPending(this.parts.pending().filter((item) => item.clientMsgId !== clientMsgId));
  }

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
      if (!this.parts.connected()) return this.patch(ids(queue), { status: "waiting" });
      this.patch([next.clientMsgId], { status: "pending" });
      const { clientMsgId } = next;
      try {
        await this.parts.send(next);
        this.done.add(clientMsgId);
      } catch (error) {
        const reason = this.parts.refusal(error);
        if (reason !== undefined) {
          this.done.add(clientMsgId);
          this.patch([clientMsgId], { status: "failed", reason });
          continue;
        }
        return this.patch(ids(this.parts.pending().filter((item) => item.status !== "failed" && !this.done.has(item.clientMsgId))), { status: "waiting" });
      }
    }
  }

  private patch(clientMsgIds: readonly string[], change: PendingChange): void {
    const chosen = new Set(clientMsgIds);
    const pending = this.parts.pending();
    const changes = (item: PendingMessage) => chosen.has(item.clientMsgId) && (item.status !== change.status || item.reason !== change.reason);
    if (!pending.some(changes)) return;
    this.parts.setPending(pending.map((item) => (changes(item) ? { ...item, ...change } : item)));
  }
}

function ids(items: readonly PendingMessage[]): string[] {
  return items.map((item) => item.clientMsgId);
}
