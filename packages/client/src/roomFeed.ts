import { isRetryable, type HistoryPage, type JoinResult, type Message } from "@natter/protocol";
import { NatterError } from "./errors.js";
import type { Emit } from "./options.js";
import { RoomLog } from "./roomLog.js";
import { ask, backoff, type SocketLink } from "./socketLink.js";

const CATCH_UP_PAGE = 100;

export interface FeedOptions {
  /** The current connection, or null before connect(). */
  link: () => SocketLink | null;
  /** A page of history after a seq (over HTTP). */
  history: (room: string, after: number, limit: number) => Promise<HistoryPage>;
  ackTimeoutMs: number;
  emit: Emit;
}

/**
 * The joined rooms' messages: each delivered once and in seq order, a gap fetched before anything after it,
 * and after a reconnect everything missed (new messages by seq, changes by rev) asked for again.
 */
export class RoomFeed {
  private readonly logs = new Map<string, RoomLog>();
  /** Messages that arrive while a join is on its way: delivered after its answer, those it did not carry. */
  private readonly joining = new Map<string, Message[]>();
  private readonly queues = new Map<string, Promise<void>>();

  constructor(private readonly options: FeedOptions) {}

  async join(room: string): Promise<JoinResult> {
    this.joining.set(room, []);
    try {
      const result = await ask(this.options.link(), "join", { room }, this.options.ackTimeoutMs);
      const log = new RoomLog(result.messages.at(-1)?.seq ?? 0, result.room.lastRev);
      this.logs.set(room, log);
      this.deliver(room, log, this.joining.get(room) ?? []);
      return result;
    } finally {
      this.joining.delete(room);
    }
  }

  /** The room is no longer followed (left, removed, or the client closed). */
  forget(room?: string): void {
    if (room === undefined) this.logs.clear();
    else this.logs.delete(room);
  }

  /** The last seq delivered for a joined room. */
  lastSeq(room: string): number | undefined {
    return this.logs.get(room)?.last;
  }

  rename(previous: string, next: string): void {
    const log = this.logs.get(previous);
    if (!log || previous === next) return;
    this.logs.delete(previous);
    this.logs.set(next, log);
  }

  /** New messages from the server, in any order, duplicates included. */
  receive(room: string, messages: Message[]): void {
    const pending = this.joining.get(room);
    if (pending) return void pending.push(...messages);
    const log = this.logs.get(room);
    if (!log) {
      for (const message of messages) this.options.emit("message", message);
      return;
    }
    this.deliver(room, log, messages);
    if (log.hasGap) void this.inRoomOrder(room, () => this.fillGap(room, log)).catch(() => undefined);
  }

  /** Changes to messages: remembered by rev so a reconnect asks only for what changed since. */
  updated(room: string, messages: Message[]): void {
    const log = this.logs.get(room);
    for (const message of messages) {
      log?.sawRev(message.rev);
      this.options.emit("message_updated", message);
    }
  }

  /** After a reconnect: every joined room asks for what it missed, until done or the connection is gone. */
  async catchUpAll(): Promise<void> {
    const link = this.options.link();
    await Promise.all([...this.logs.keys()].map((room) => this.catchUpUntilDone(room, link)));
  }

  /** A failed catch-up is tried again while this connection lasts; the next connection starts its own. */
  private async catchUpUntilDone(room: string, link: SocketLink | null): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.catchUp(room);
      } catch (error) {
        const retryable = !(error instanceof NatterError) || isRetryable(error.code);
        if (!retryable || this.options.link() !== link || !link?.connected) return;
        await backoff(attempt, 250);
      }
    }
  }

  /** Asks for everything after the last seq delivered, and every change after the last rev seen. */
  private catchUp(room: string): Promise<void> {
    return this.inRoomOrder(room, async () => {
      const log = this.logs.get(room);
      if (!log) return;
      const result = await ask(this.options.link(), "join", { room, after: log.last, sinceRev: log.rev }, this.options.ackTimeoutMs);
      if (result.reset) {
        log.reset(result.messages.at(-1)?.seq ?? 0, result.room.lastRev);
        this.options.emit("reset", { room, messages: result.messages });
        return;
      }
      this.updated(room, result.updated);
      this.deliver(room, log, result.messages);
      if (result.hasNewer) await this.fillGap(room, log);
    });
  }

  private deliver(room: string, log: RoomLog, messages: Message[]): void {
    if (this.logs.get(room) !== log) return;
    for (const message of log.accept(messages)) this.options.emit("message", message);
  }

  private async fillGap(room: string, log: RoomLog): Promise<void> {
    for (;;) {
      const page = await this.options.history(room, log.last, CATCH_UP_PAGE);
      this.deliver(room, log, page.messages);
      if (!page.hasNewer || page.messages.length === 0) return;
    }
  }

  /** One catch-up at a time per room, so pages are applied in order. */
  private inRoomOrder(room: string, task: () => Promise<void>): Promise<void> {
    const next = (this.queues.get(room) ?? Promise.resolve()).then(task, task);
    this.queues.set(
      room,
      next.catch(() => undefined),
    );
    return next;
  }
}
