import {
  isRetryable,
  type Attachment,
  type Availability,
  type SetAvailabilityBody,
  type HistoryPage,
  type HistoryPayload,
  type MentionsQuery,
  type MentionsResponse,
  type ReadState,
  type ThreadsQuery,
  type ThreadsResponse,
  type JoinResult,
  type Member,
  type Message,
  type NotificationSettings,
  type NotifyLevel,
  type PushSubscriptionBody,
  type Profile,
  type RoomInfo,
  type RoomSummary,
  type SearchQuery,
  type SearchResponse,
  type ThreadResult,
  type UpdateMeBody,
  type UpdateRoomBody,
  type ServerLimits,
  type User,
  type UserRef,
} from "@natter/protocol";
import { Connection } from "./connection.js";
import { Emitter } from "./emitter.js";
import { NatterError } from "./errors.js";
import type { NatterClientEvents, NatterClientOptions, SendOptions, UploadOptions } from "./options.js";
import { RestApi } from "./restApi.js";
import { RoomFeed } from "./roomFeed.js";
import { listenToServer } from "./serverEvents.js";
import { ask, backoff, sleep, type ClientEvent, type PayloadOf, type ResultOf } from "./socketLink.js";

/**
 * A Natter user session from any program: log in, join rooms, send with automatic retries that are
 * never stored twice, and receive every message of a joined room exactly once, in order, across reconnects.
 */
export class NatterClient extends Emitter<NatterClientEvents> {
  private readonly options: NatterClientOptions;
  private readonly api: RestApi;
  private readonly connection: Connection;
  private readonly feed: RoomFeed;

  constructor(options: NatterClientOptions) {
    super();
    this.options = options;
    this.api = new RestApi(options.url, options.token ?? null, options.fetch);
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

  /** The logged-in user, once known. */
  get user(): User | null {
    return this.api.user;
  }

  get token(): string | null {
    return this.api.token;
  }

  get connected(): boolean {
    return this.connection.connected;
  }

  private get ackTimeoutMs(): number {
    return this.options.ackTimeoutMs ?? 10_000;
  }

  // ---- accounts ----

  /** Creates an account and logs in. */
  register(username: string, password: string): Promise<User> {
    return this.api.register(username, password);
  }

  /** Creates the server's first admin with the token of the setup link the server logs when it has none. */
  setup(token: string, username: string, password: string): Promise<User> {
    return this.api.setup(token, username, password);
  }

  login(username: string, password: string): Promise<User> {
    return this.api.login(username, password);
  }

  /** Joins with just a name, as the original chat did (when the server allows guests). */
  guest(username: string): Promise<User> {
    return this.api.guest(username);
  }

  /** Who the token or cookie belongs to, or null when not logged in. */
  me(): Promise<User | null> {
    return this.api.me();
  }

  /** Ends every session of the account (closing its other tabs and devices) and continues with a new one. */
  changePassword(currentPassword: string, newPassword: string): Promise<User> {
    return this.api.changePassword(currentPassword, newPassword);
  }

  async logout(): Promise<void> {
    await this.api.logout();
    this.close();
    this.api.forgetSession();
  }

  /** What the server accepts (message length, files per message, upload size); no log-in needed. */
  limits(): Promise<ServerLimits> {
    return this.api.limits();
  }

  // ---- rooms, people and history over HTTP ----

  rooms(): Promise<RoomSummary[]> {
    return this.api.rooms();
  }

  /** Creates a room you own; a private one is joined by invitation only. */
  createRoom(name: string, topic = "", options: { private?: boolean } = {}): Promise<RoomSummary> {
    return this.api.createRoom(name, topic, options.private ?? false);
  }

  roomInfo(name: string): Promise<RoomInfo> {
    return this.api.roomInfo(name);
  }

  onlineUsers(): Promise<UserRef[]> {
    return this.api.onlineUsers();
  }

  updateRoom(name: string, change: UpdateRoomBody): Promise<RoomSummary> {
    return this.api.updateRoom(name, change);
  }

  members(room: string): Promise<Member[]> {
    return this.api.members(room);
  }

  invite(room: string, username: string): Promise<Member> {
    return this.api.invite(room, username);
  }

  removeMember(room: string, username: string): Promise<void> {
    return this.api.removeMember(room, username);
  }

  setMemberRole(room: string, username: string, role: "admin" | "member"): Promise<void> {
    return this.api.setMemberRole(room, username, role);
  }

  setNotify(room: string, level: NotifyLevel): Promise<void> {
    return this.api.setNotify(room, level);
  }

  /** The server's VAPID public key, for `PushManager.subscribe({ applicationServerKey })`. */
  pushKey(): Promise<string> {
    return this.api.pushKey();
  }

  /** Registers this browser's push subscription for the signed-in user (and the language to write in). */
  subscribePush(subscription: PushSubscriptionBody): Promise<void> {
    return this.api.subscribePush(subscription);
  }

  unsubscribePush(endpoint: string): Promise<void> {
    return this.api.unsubscribePush(endpoint);
  }

  /** The words that notify the user wherever they are written. */
  notificationSettings(): Promise<NotificationSettings> {
    return this.api.notificationSettings();
  }

  setKeywords(keywords: string[]): Promise<NotificationSettings> {
    return this.api.setKeywords(keywords);
  }

  /** Mails a link that verifies the address; null stops emails. */
  setEmail(email: string | null, language?: "en" | "zh-CN"): Promise<NotificationSettings> {
    return this.api.setEmail(email, language);
  }

  /** Opens (or finds) the direct conversation with these people; join it to receive its messages. */
  openDirect(usernames: string[]): Promise<RoomSummary> {
    return this.api.openDirect(usernames);
  }

  profile(username: string): Promise<Profile> {
    return this.api.profile(username);
  }

  updateProfile(change: UpdateMeBody): Promise<User> {
    return this.api.updateProfile(change);
  }

  setServerRole(username: string, role: "user" | "admin"): Promise<User> {
    return this.api.setServerRole(username, role);
  }

  /** Away by choice, do-not-disturb (until an absolute time, or until turned off) and the custom status. */
  setAvailability(change: SetAvailabilityBody): Promise<Availability> {
    return this.api.setAvailability(change);
  }

  /**
   * Uploads a file (the server checks its real type and strips image metadata); attach the answer's id
   * to a message with `send(room, caption, { attachments: [id] })`. Reports progress where the platform can.
   */
  upload(data: Blob | Uint8Array, name: string, options: UploadOptions = {}): Promise<Attachment> {
    return this.api.upload(data, name, options);
  }

  /** Searches every room and DM you are in: all words must appear (Chinese works without spaces). */
  search(query: SearchQuery): Promise<SearchResponse> {
    return this.api.search(query);
  }

  /** Every mention of you in your rooms, newest first, each marked unread or not; page on with `before`. */
  mentions(query: MentionsQuery = {}): Promise<MentionsResponse> {
    return this.api.mentions(query);
  }

  /** Threads you started, replied to or were mentioned in, most recently answered first, with unread replies. */
  threads(query: ThreadsQuery = {}): Promise<ThreadsResponse> {
    return this.api.threads(query);
  }

  /** Shows the room unread again from the message with this seq on, on every device (the read position moves back). */
  markUnread(room: string, seq: number): Promise<ReadState> {
    return this.api.markUnread(room, seq);
  }

  /** You read a thread up to this reply's seq: its replies up to there no longer count as unread. */
  markThreadRead(room: string, rootId: number, seq: number): Promise<number> {
    return this.api.markThreadRead(room, rootId, seq);
  }

  /** A page of history: older than `before`, newer than `after`, or the latest. */
  history(room: string, page: Omit<HistoryPayload, "room"> = {}): Promise<HistoryPage> {
    return this.api.history(room, page);
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
