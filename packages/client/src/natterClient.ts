import { isRetryable, type JoinResult, type Message, type ThreadResult } from "@natter/protocol";
import { Connection } from "./connection.js";
import { NatterError } from "./errors.js";
import type { NatterClientOptions, SendOptions } from "./options.js";
import { RestApi } from "./restApi.js";
import { RestCalls } from "./restCalls.js";
import { RoomFeed } from "./roomFeed.js";
import { listenToServer } from "./serverEvents.js";
import { ask, backoff, sleep, type ClientEvent, type PayloadOf, type ResultOf } from "./socketLink.js";

/**
 * A Natter user session from any program: log in, join rooms, send with automatic retries that are
 * never stored twice, and receive every message of a joined room exactly once, in order, across reconnects.
 */
export class NatterClient extends RestCalls {
  private readonly options: NatterClientOptions;
  private readonly connection: Connection;
  private readonly feed: RoomFeed;

  constructor(options: NatterClientOptions) {
    super(new RestApi(options.url, options.token ?? null, options.fetch));
    this.options = options;
    const emit = this.emit.bind(this);
    this.feed = new RoomFeed({
      link: () => this.connection.link,
      history: (room, after, limit) => this.api.history(room, { after, limit }),
      ackTimeoutMs: this.ackTimeoutMs,
      emit,
    });
    this.connection = new Connection({
      baseUrl: this.api.baseUrl,
      transports: options.transports ?? ["websocket", "polling"],
      token: () => this.api.token,
      status: (status) => emit("status", status),
      opened: (link) => listenToServer(link, this.feed, emit),
      reconnected: () => this.feed.catchUpAll(),
      closed: () => this.feed.forget(),
      refused: (error) => emit("session_ended", { code: error.code, message: error.message }),
    });
  }

  get connected(): boolean {
    return this.connection.connected;
  }

  private get ackTimeoutMs(): number {
    return this.options.ackTimeoutMs ?? 10_000;
  }

  // ---- accounts (the REST calls are RestCalls') ----

  /**
   * Ends the session. For a session opened by single sign-on whose provider offers RP-initiated logout, resolves
   * with the provider's logout URL: open it to end the provider's session too.
   */
  async logout(): Promise<string | undefined> {
    const { endSessionUrl } = await this.api.logout();
    this.close();
    this.api.forgetSession();
    return endSessionUrl;
  }

  // ---- real time ----

  /** Opens the socket; resolves once connected, rejects if the server refuses the session. */
  connect(): Promise<void> {
    return this.connection.connect();
  }

  /**
   * Goes offline but remembers what was seen (an app sent to the background, say): `connect()` again
   * catches up on every joined room, edits and reactions included.
   */
  disconnect(): void {
    this.connection.disconnect();
  }

  /** Closes the socket for good; pending sends fail. */
  close(): void {
    this.connection.close();
  }

  /**
   * Joins a room (becoming a member of a public one) and returns its latest history. From then on
   * its messages arrive as `message` events exactly once and in order, reconnects included.
   */
  join(room: string): Promise<JoinResult> {
    return this.feed.join(room);
  }

  async leave(room: string): Promise<void> {
    await this.ask("leave_room", { room });
    this.feed.forget(room);
  }

  async edit(room: string, id: number, text: string): Promise<Message> {
    return this.changed((await this.ask("edit_message", { room, id, text })).message);
  }

  async delete(room: string, id: number): Promise<Message> {
    return this.changed((await this.ask("delete_message", { room, id })).message);
  }

  /** Adds (on) or removes a reaction; adding twice is the same as once. */
  async react(room: string, id: number, emoji: string, on = true): Promise<Message> {
    return this.changed((await this.ask("react", { room, id, emoji, on })).message);
  }

  async thread(room: string, id: number): Promise<ThreadResult> {
    return this.ask("thread", { room, id });
  }

  /** Marks the room read up to seq, here and on every other device of the user. */
  async markRead(room: string, seq: number): Promise<void> {
    await this.ask("mark_read", { room, seq });
  }

  /**
   * Sends a message and resolves with the stored copy. Retries (with the same clientMsgId, so the
   * server stores it once) across timeouts and reconnects until the server answers or refuses.
   */
  async send(room: string, text: string, options: SendOptions = {}): Promise<Message> {
    const clientMsgId = options.clientMsgId ?? newClientMsgId();
    const payload = { room, text, clientMsgId, replyTo: options.replyTo, inRoom: options.inRoom, attachments: options.attachments ?? [] };
    const deadline = Date.now() + (options.giveUpAfterMs ?? Number.POSITIVE_INFINITY);
    for (let attempt = 0; ; attempt++) {
      if (this.connection.isClosed) throw new NatterError({ code: "UNAVAILABLE", message: "The client was closed" });
      if (Date.now() > deadline) throw new NatterError({ code: "UNAVAILABLE", message: "No answer from the server" });
      const link = this.connection.link;
      if (!link) throw new NatterError({ code: "UNAVAILABLE", message: "Call connect() first" });
      const answer = await link.request("send_message", payload, this.options.sendTimeoutMs ?? 5_000).catch(() => null);
      if (answer?.ok) {
        this.feed.receive(room, [answer.message]);
        return answer.message;
      }
      if (answer && !isRetryable(answer.error.code)) throw new NatterError(answer.error);
      // Told how long the budget needs, wait that long (and a little, so refused senders do not return together).
      const toldMs = answer?.error.retryAfterMs;
      await (toldMs === undefined ? backoff(attempt, 200) : sleep(toldMs * (1 + Math.random() / 5)));
    }
  }

  typing(room: string, typing: boolean): void {
    this.connection.link?.send("typing", { room, typing });
  }

  /** This tab's user went idle or came back; the server decides away from all their tabs. */
  activity(idle: boolean): void {
    this.connection.link?.send("activity", { idle });
  }

  /** The last seq delivered for a joined room. */
  lastSeq(room: string): number | undefined {
    return this.feed.lastSeq(room);
  }

  private ask<E extends ClientEvent>(event: E, payload: PayloadOf<E>): Promise<ResultOf<E>> {
    return ask(this.connection.link, event, payload, this.ackTimeoutMs);
  }

  private changed(message: Message): Message {
    this.feed.updated(message.room, [message]);
    return message;
  }
}

export function newClientMsgId(): string {
  return globalThis.crypto.randomUUID();
}
