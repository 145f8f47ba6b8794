import {
  PROTOCOL_VERSION,
  isRetryable,
  type Ack,
  type AuthResponse,
  type Member,
  type NotifyLevel,
  type Profile,
  type ReadEvent,
  type RoomGoneEvent,
  type RoomUpdatedEvent,
  type SearchQuery,
  type SearchResponse,
  type ThreadResult,
  type UpdateMeBody,
  type UpdateRoomBody,
  type Attachment,
  type ClientToServerEvents,
  type HistoryPage,
  type HistoryPayload,
  type JoinResult,
  type MembershipEvent,
  type Message,
  type OnlineCountEvent,
  type PresenceEvent,
  type RoomInfo,
  type RoomSummary,
  type ServerToClientEvents,
  type TypingEvent,
  type User,
  type UserRef,
} from "@natter/protocol";
import type { Socket } from "socket.io-client";
import { Emitter } from "./emitter.js";
import { NatterError } from "./errors.js";
import { request, uploadWithProgress, type HttpOptions } from "./http.js";
import { RoomLog } from "./roomLog.js";

export type ConnectionStatus = "connecting" | "connected" | "catching-up" | "disconnected";

export interface NatterClientEvents {
  message: [Message];
  typing: [TypingEvent];
  user_joined: [MembershipEvent];
  user_left: [MembershipEvent];
  presence: [PresenceEvent];
  /** Instead of `presence`, in a room with more than ONLINE_PAGE members online. */
  online_count: [OnlineCountEvent];
  /** A message's new state: edited, deleted, reacted to, or replied to. Also delivered for changes missed while away. */
  message_updated: [Message];
  read: [ReadEvent];
  room_added: [RoomSummary];
  room_updated: [RoomUpdatedEvent];
  room_removed: [RoomGoneEvent];
  profile_updated: [User];
  /** The connection changed; "connected" comes only after every joined room has caught up. */
  status: [ConnectionStatus];
  /** The client was too far behind in a room: replace what is shown of it with these messages. */
  reset: [{ room: string; messages: Message[] }];
}

export interface NatterClientOptions {
  /** The server's origin, e.g. "http://localhost:5000". */
  url: string;
  /** A session token from an earlier log-in; without one the browser's session cookie is used. */
  token?: string;
  fetch?: typeof fetch;
  /** How long one attempt of a send waits for its acknowledgement before trying again. */
  sendTimeoutMs?: number;
  /** How long any other request over the socket waits for its answer before failing with UNAVAILABLE. */
  ackTimeoutMs?: number;
  /** Socket.IO transports, websocket first by default. */
  transports?: ("websocket" | "polling")[];
}

export interface UploadOptions {
  /** Called with the fraction sent, 0 to 1. */
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
}

export interface SendOptions {
  /** Reuse the id of an earlier attempt to retry it; the server stores the message once. */
  clientMsgId?: string;
  /** Reply to this message, in its thread. */
  replyTo?: number;
  /** With replyTo: false posts to the thread only, true also to the room. */
  inRoom?: boolean;
  /** Ids of uploaded files to attach (the text may then be empty). */
  attachments?: string[];
  /** Stop retrying after this long and reject (the message may still have been stored). */
  giveUpAfterMs?: number;
}

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

const CATCH_UP_PAGE = 100;

/**
 * A Natter user session from any program: log in, join rooms, send with automatic retries that are
 * never stored twice, and receive every message of a joined room exactly once, in order, across reconnects.
 */
export class NatterClient extends Emitter<NatterClientEvents> {
  private readonly options: NatterClientOptions;
  private readonly http: HttpOptions;
  private session: { user: User | null; token: string | null };
  private socket: ClientSocket | null = null;
  private readonly logs = new Map<string, RoomLog>();
  private readonly joining = new Map<string, Message[]>();
  private readonly roomQueues = new Map<string, Promise<void>>();
  private everConnected = false;
  private closed = false;
  private opening: Promise<void> | null = null;

  constructor(options: NatterClientOptions) {
    super();
    this.options = options;
    this.session = { user: null, token: options.token ?? null };
    this.http = {
      baseUrl: options.url.replace(/\/$/, ""),
      fetch: options.fetch ?? globalThis.fetch.bind(globalThis),
      token: () => this.session.token,
    };
  }

  /** The logged-in user, once known. */
  get user(): User | null {
    return this.session.user;
  }

  get token(): string | null {
    return this.session.token;
  }

  private get ackTimeoutMs(): number {
    return this.options.ackTimeoutMs ?? 10_000;
  }

  get connected(): boolean {
    return this.socket?.connected ?? false;
  }

  // ---- accounts ----

  /** Creates an account and logs in. */
  async register(username: string, password: string): Promise<User> {
    return this.adopt(await request<AuthResponse>(this.http, "POST", "/api/auth/register", { username, password }));
  }

  async login(username: string, password: string): Promise<User> {
    return this.adopt(await request<AuthResponse>(this.http, "POST", "/api/auth/login", { username, password }));
  }

  /** Joins with just a name, as the original chat did (when the server allows guests). */
  async guest(username: string): Promise<User> {
    return this.adopt(await request<AuthResponse>(this.http, "POST", "/api/auth/guest", { username }));
  }

  /** Who the token or cookie belongs to, or null when not logged in. */
  async me(): Promise<User | null> {
    try {
      const { user } = await request<{ user: User }>(this.http, "GET", "/api/me");
      this.session.user = user;
      return user;
    } catch (error) {
      if (error instanceof NatterError && error.code === "UNAUTHORIZED") return null;
      throw error;
    }
  }

  /** Ends every session of the account (closing its other tabs and devices) and continues with a new one. */
  async changePassword(currentPassword: string, newPassword: string): Promise<User> {
    return this.adopt(await request<AuthResponse>(this.http, "POST", "/api/me/password", { currentPassword, newPassword }));
  }

  async logout(): Promise<void> {
    await request(this.http, "POST", "/api/auth/logout");
    this.close();
    this.session = { user: null, token: null };
  }

  // ---- rooms and history over HTTP ----

  async rooms(): Promise<RoomSummary[]> {
    return (await request<{ rooms: RoomSummary[] }>(this.http, "GET", "/api/rooms")).rooms;
  }

  /** Creates a room you own; a private one is joined by invitation only. */
  async createRoom(name: string, topic = "", options: { private?: boolean } = {}): Promise<RoomSummary> {
    return (await request<{ room: RoomSummary }>(this.http, "POST", "/api/rooms", { name, topic, private: options.private ?? false })).room;
  }

  async roomInfo(name: string): Promise<RoomInfo> {
    return (await request<{ room: RoomInfo }>(this.http, "GET", `/api/rooms/${encodeURIComponent(name)}`)).room;
  }

  async onlineUsers(): Promise<UserRef[]> {
    return (await request<{ users: UserRef[] }>(this.http, "GET", "/api/users/online")).users;
  }

  async updateRoom(name: string, change: UpdateRoomBody): Promise<RoomSummary> {
    return (await request<{ room: RoomSummary }>(this.http, "PATCH", `/api/rooms/${encodeURIComponent(name)}`, change)).room;
  }

  async members(room: string): Promise<Member[]> {
    return (await request<{ members: Member[] }>(this.http, "GET", `/api/rooms/${encodeURIComponent(room)}/members`)).members;
  }

  async invite(room: string, username: string): Promise<Member> {
    return (await request<{ member: Member }>(this.http, "POST", `/api/rooms/${encodeURIComponent(room)}/members`, { username })).member;
  }

  async removeMember(room: string, username: string): Promise<void> {
    await request(this.http, "DELETE", `/api/rooms/${encodeURIComponent(room)}/members/${encodeURIComponent(username)}`);
  }

  async setMemberRole(room: string, username: string, role: "admin" | "member"): Promise<void> {
    await request(this.http, "PATCH", `/api/rooms/${encodeURIComponent(room)}/members/${encodeURIComponent(username)}`, { role });
  }

  async setNotify(room: string, level: NotifyLevel): Promise<void> {
    await request(this.http, "PUT", `/api/rooms/${encodeURIComponent(room)}/notify`, { level });
  }

  /** Opens (or finds) the direct conversation with these people; join it to receive its messages. */
  async openDirect(usernames: string[]): Promise<RoomSummary> {
    return (await request<{ room: RoomSummary }>(this.http, "POST", "/api/dms", { usernames })).room;
  }

  async profile(username: string): Promise<Profile> {
    return (await request<{ user: Profile }>(this.http, "GET", `/api/users/${encodeURIComponent(username)}`)).user;
  }

  async updateProfile(change: UpdateMeBody): Promise<User> {
    const { user } = await request<{ user: User }>(this.http, "PATCH", "/api/me", change);
    this.session.user = user;
    return user;
  }

  async setServerRole(username: string, role: "user" | "admin"): Promise<User> {
    return (await request<{ user: User }>(this.http, "PUT", `/api/users/${encodeURIComponent(username)}/role`, { role })).user;
  }

  /**
   * Uploads a file (the server checks its real type and strips image metadata); attach the answer's id
   * to a message with `send(room, caption, { attachments: [id] })`. Reports progress where the platform can.
   */
  async upload(data: Blob | Uint8Array, name: string, options: UploadOptions = {}): Promise<Attachment> {
    const path = `/api/uploads?name=${encodeURIComponent(name)}`;
    const body = data instanceof Uint8Array ? new Blob([data as Uint8Array<ArrayBuffer>]) : data;
    if (options.onProgress && typeof XMLHttpRequest !== "undefined") return uploadWithProgress(this.http, path, body, options);
    return (await request<{ file: Attachment }>(this.http, "POST", path, body, options.signal)).file;
  }

  /** Searches every room and DM you are in: all words must appear (Chinese works without spaces). */
  async search(query: SearchQuery): Promise<SearchResponse> {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) if (value !== undefined) params.set(key, String(value));
    return request<SearchResponse>(this.http, "GET", `/api/search?${params}`);
  }

  /** A page of history: older than `before`, newer than `after`, or the latest. */
  async history(room: string, page: Omit<HistoryPayload, "room"> = {}): Promise<HistoryPage> {
    const query = new URLSearchParams({ room });
    for (const key of ["limit", "before", "after"] as const) {
      const value = page[key];
      if (value !== undefined) query.set(key, String(value));
    }
    return request<HistoryPage>(this.http, "GET", `/api/messages?${query}`);
  }

  // ---- real time ----

  /** Opens the socket; resolves once connected, rejects if the server refuses the session. */
  connect(): Promise<void> {
    if (this.socket) {
      if (this.socket.connected) return Promise.resolve();
      if (!this.socket.active) this.socket.connect();
      return this.waitForConnect(this.socket);
    }
    this.closed = false;
    this.opening ??= this.openSocket().finally(() => (this.opening = null));
    return this.opening;
  }

  /** Socket.IO's client is loaded on first connect, so a login page does not wait for it. */
  private async openSocket(): Promise<void> {
    this.emit("status", "connecting");
    const { io } = await import("socket.io-client");
    if (this.closed) throw new NatterError({ code: "UNAVAILABLE", message: "The client was closed while connecting" });
    const socket: ClientSocket = io(this.http.baseUrl, {
      transports: this.options.transports ?? ["websocket", "polling"],
      auth: (send) => send({ token: this.session.token ?? undefined, protocol: PROTOCOL_VERSION }),
      withCredentials: true,
      reconnectionDelay: 500,
      reconnectionDelayMax: 5_000,
      randomizationFactor: 0.5,
    });
    this.socket = socket;
    socket.on("connect", () => void this.onConnect());
    socket.on("disconnect", (reason) => {
      this.emit("status", "disconnected");
      // The server closed us on purpose (e.g. restart): Socket.IO won't retry by itself then.
      if (reason === "io server disconnect" && !this.closed) setTimeout(() => socket.connect(), 250 + Math.random() * 750);
    });
    socket.on("connect_error", (error) => {
      const code = (error as Error & { data?: { code?: string } }).data?.code;
      // A refusal by our middleware is not retried by Socket.IO; retry the ones that can heal.
      if (code && code !== "UNAUTHORIZED" && code !== "FORBIDDEN" && !this.closed) {
        setTimeout(() => socket.connect(), 500 + Math.random() * 1_500);
      }
    });
    socket.on("message", (message) => this.receive(message.room, [message]));
    socket.on("messages", (batch) => {
      const room = batch[0]?.room;
      if (room !== undefined) this.receive(room, batch);
    });
    socket.on("typing", (event) => this.emit("typing", event));
    socket.on("user_joined", (event) => this.emit("user_joined", event));
    socket.on("user_left", (event) => this.emit("user_left", event));
    socket.on("presence", (event) => this.emit("presence", event));
    socket.on("presences", (events) => {
      for (const event of events) this.emit("presence", event);
    });
    socket.on("online_count", (event) => this.emit("online_count", event));
    socket.on("message_updated", (message) => this.updated(message.room, [message]));
    socket.on("read", (event) => this.emit("read", event));
    socket.on("room_added", (room) => this.emit("room_added", room));
    socket.on("room_updated", (event) => {
      this.rename(event.previousName, event.name);
      this.emit("room_updated", event);
    });
    socket.on("room_removed", (event) => {
      this.logs.delete(event.room);
      this.emit("room_removed", event);
    });
    socket.on("profile_updated", (user) => this.emit("profile_updated", user));
    return this.waitForConnect(socket);
  }

  /**
   * Goes offline but remembers what was seen (an app sent to the background, say): `connect()` again
   * catches up on every joined room, edits and reactions included.
   */
  disconnect(): void {
    this.socket?.disconnect();
  }

  /** Closes the socket for good; pending sends fail. */
  close(): void {
    this.closed = true;
    this.socket?.disconnect();
    this.socket = null;
    this.logs.clear();
    this.emit("status", "disconnected");
  }

  /**
   * Joins a room (becoming a member of a public one) and returns its latest history. From then on
   * its messages arrive as `message` events exactly once and in order, reconnects included.
   */
  async join(room: string): Promise<JoinResult> {
    this.joining.set(room, []);
    try {
      const result = unwrap(await answered(this.timedSocket().emitWithAck("join", { room })));
      const log = new RoomLog(result.messages.at(-1)?.seq ?? 0, result.room.lastRev);
      this.logs.set(room, log);
      this.deliver(room, log, this.joining.get(room) ?? []);
      return result;
    } finally {
      this.joining.delete(room);
    }
  }

  async leave(room: string): Promise<void> {
    unwrap(await answered(this.timedSocket().emitWithAck("leave_room", { room })));
    this.logs.delete(room);
  }

  async edit(room: string, id: number, text: string): Promise<Message> {
    return this.changed(unwrap(await answered(this.timedSocket().emitWithAck("edit_message", { room, id, text }))).message);
  }

  async delete(room: string, id: number): Promise<Message> {
    return this.changed(unwrap(await answered(this.timedSocket().emitWithAck("delete_message", { room, id }))).message);
  }

  /** Adds (on) or removes a reaction; adding twice is the same as once. */
  async react(room: string, id: number, emoji: string, on = true): Promise<Message> {
    return this.changed(unwrap(await answered(this.timedSocket().emitWithAck("react", { room, id, emoji, on }))).message);
  }

  async thread(room: string, id: number): Promise<ThreadResult> {
    return unwrap(await answered(this.timedSocket().emitWithAck("thread", { room, id })));
  }

  /** Marks the room read up to seq, here and on every other device of the user. */
  async markRead(room: string, seq: number): Promise<void> {
    unwrap(await answered(this.timedSocket().emitWithAck("mark_read", { room, seq })));
  }

  /**
   * Sends a message and resolves with the stored copy. Retries (with the same clientMsgId, so the
   * server stores it once) across timeouts and reconnects until the server answers or refuses.
   */
  async send(room: string, text: string, options: SendOptions = {}): Promise<Message> {
    const clientMsgId = options.clientMsgId ?? newClientMsgId();
    const deadline = Date.now() + (options.giveUpAfterMs ?? Number.POSITIVE_INFINITY);
    for (let attempt = 0; ; attempt++) {
      if (this.closed) throw new NatterError({ code: "UNAVAILABLE", message: "The client was closed" });
      if (Date.now() > deadline) throw new NatterError({ code: "UNAVAILABLE", message: "No answer from the server" });
      const socket = this.requireSocket();
      const answer = await socket
        .timeout(this.options.sendTimeoutMs ?? 5_000)
        .emitWithAck("send_message", { room, text, clientMsgId, replyTo: options.replyTo, inRoom: options.inRoom, attachments: options.attachments ?? [] })
        .catch(() => null);
      if (answer?.ok) {
        this.receive(room, [answer.message]);
        return answer.message;
      }
      if (answer && !isRetryable(answer.error.code)) throw new NatterError(answer.error);
      await sleep(Math.min(5_000, 200 * 2 ** attempt) * (0.5 + Math.random()));
    }
  }

  typing(room: string, typing: boolean): void {
    this.socket?.emit("typing", { room, typing });
  }

  /** The last seq delivered for a joined room. */
  lastSeq(room: string): number | undefined {
    return this.logs.get(room)?.last;
  }

  // ---- internals ----

  private adopt(response: AuthResponse): User {
    this.session = { user: response.user, token: response.token };
    return response.user;
  }

  /** The socket, with a deadline on the answer to the next request. */
  private timedSocket() {
    return this.requireSocket().timeout(this.ackTimeoutMs);
  }

  private requireSocket(): ClientSocket {
    if (!this.socket) throw new NatterError({ code: "UNAVAILABLE", message: "Call connect() first" });
    return this.socket;
  }

  private waitForConnect(socket: ClientSocket): Promise<void> {
    return new Promise((resolve, reject) => {
      const done = () => {
        socket.off("connect", onConnect);
        socket.off("connect_error", onError);
      };
      const onConnect = () => (done(), resolve());
      const onError = (error: Error & { data?: { code?: string; message?: string } }) => {
        if (error.data?.code !== "UNAUTHORIZED" && error.data?.code !== "FORBIDDEN") return;
        done();
        this.close();
        reject(new NatterError({ code: error.data.code, message: error.data.message ?? error.message }));
      };
      socket.on("connect", onConnect);
      socket.on("connect_error", onError);
    });
  }

  private async onConnect(): Promise<void> {
    if (!this.everConnected) {
      this.everConnected = true;
      this.emit("status", "connected");
      return;
    }
    this.emit("status", "catching-up");
    const socket = this.socket;
    await Promise.all([...this.logs.keys()].map((room) => this.catchUpUntilDone(room, socket)));
    if (this.socket?.connected) this.emit("status", "connected");
  }

  /** A failed catch-up is tried again while this connection lasts; the next connection starts its own. */
  private async catchUpUntilDone(room: string, socket: ClientSocket | null): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.catchUp(room);
      } catch (error) {
        const retryable = !(error instanceof NatterError) || isRetryable(error.code);
        if (!retryable || this.closed || this.socket !== socket || !socket?.connected) return;
        await sleep(Math.min(5_000, 250 * 2 ** attempt) * (0.5 + Math.random()));
      }
    }
  }

  /** After a reconnect: ask for everything after the last seq we delivered. */
  private catchUp(room: string): Promise<void> {
    return this.inRoomOrder(room, async () => {
      const log = this.logs.get(room);
      if (!log) return;
      const result = unwrap(await answered(this.timedSocket().emitWithAck("join", { room, after: log.last, sinceRev: log.rev })));
      if (result.reset) {
        log.reset(result.messages.at(-1)?.seq ?? 0, result.room.lastRev);
        this.emit("reset", { room, messages: result.messages });
        return;
      }
      this.updated(room, result.updated);
      this.deliver(room, log, result.messages);
      if (result.hasNewer) await this.fillGap(room, log);
    });
  }

  private receive(room: string, messages: Message[]): void {
    const pending = this.joining.get(room);
    if (pending) return void pending.push(...messages);
    const log = this.logs.get(room);
    if (!log) {
      for (const message of messages) this.emit("message", message);
      return;
    }
    this.deliver(room, log, messages);
    if (log.hasGap) void this.inRoomOrder(room, () => this.fillGap(room, log)).catch(() => undefined);
  }

  private deliver(room: string, log: RoomLog, messages: Message[]): void {
    if (this.logs.get(room) !== log) return;
    for (const message of log.accept(messages)) this.emit("message", message);
  }

  /** Changes to messages: remembered by rev so a reconnect asks only for what changed since. */
  private updated(room: string, messages: Message[]): void {
    const log = this.logs.get(room);
    for (const message of messages) {
      log?.sawRev(message.rev);
      this.emit("message_updated", message);
    }
  }

  private changed(message: Message): Message {
    this.updated(message.room, [message]);
    return message;
  }

  private rename(previous: string, next: string): void {
    const log = this.logs.get(previous);
    if (!log || previous === next) return;
    this.logs.delete(previous);
    this.logs.set(next, log);
  }

  private async fillGap(room: string, log: RoomLog): Promise<void> {
    for (;;) {
      const page = await this.history(room, { after: log.last, limit: CATCH_UP_PAGE });
      this.deliver(room, log, page.messages);
      if (!page.hasNewer || page.messages.length === 0) return;
    }
  }

  /** One catch-up at a time per room, so pages are applied in order. */
  private inRoomOrder(room: string, task: () => Promise<void>): Promise<void> {
    const next = (this.roomQueues.get(room) ?? Promise.resolve()).then(task, task);
    this.roomQueues.set(room, next.catch(() => undefined));
    return next;
  }
}

function unwrap<T extends object>(ack: Ack<T>): T {
  if (!ack.ok) throw new NatterError(ack.error);
  return ack;
}

/** A request the server never answered (the connection dropped, or it is overloaded) fails as UNAVAILABLE. */
function answered<T>(ack: Promise<T>): Promise<T> {
  return ack.catch((error: unknown) => {
    throw new NatterError({ code: "UNAVAILABLE", message: `No answer from the server: ${error instanceof Error ? error.message : String(error)}` });
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export function newClientMsgId(): string {
  return globalThis.crypto.randomUUID();
}
