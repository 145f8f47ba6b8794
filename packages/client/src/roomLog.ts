import type { Message } from "@natter/protocol";

/**
 * What one client has seen of one room: delivers each message once, in seq order, and says when a
 * gap must be fetched before anything newer can be shown.
 */
export class RoomLog {
  private lastSeq: number;
  private lastRev: number;
  private readonly waiting = new Map<number, Message>();

  constructor(lastSeq = 0, lastRev = 0) {
    this.lastSeq = lastSeq;
    this.lastRev = lastRev;
  }

  get last(): number {
    return this.lastSeq;
  }

  /** The newest change this client has seen; a reconnect asks for changes after it. */
  get rev(): number {
    return this.lastRev;
  }

  sawRev(rev: number): void {
    this.lastRev = Math.max(this.lastRev, rev);
  }

  /** Takes messages in any order; returns those now deliverable, in order. */
  accept(messages: Iterable<Message>): Message[] {
    for (const message of messages) {
      if (message.seq > this.lastSeq) this.waiting.set(message.seq, message);
    }
    const ready: Message[] = [];
    for (let next = this.waiting.get(this.lastSeq + 1); next; next = this.waiting.get(this.lastSeq + 1)) {
      this.waiting.delete(next.seq);
      this.lastSeq = next.seq;
      this.sawRev(next.rev);
      ready.push(next);
    }
    return ready;
  }

  /** True when a later message arrived but an earlier one did not. */
  get hasGap(): boolean {
    return this.waiting.size > 0;
  }

  /** Forget everything: the server said this client is too far behind to catch up. */
  reset(lastSeq: number, lastRev = this.lastRev): void {
    this.waiting.clear();
    this.lastSeq = lastSeq;
    this.lastRev = lastRev;
  }
}
