import { isRetryable, NatterError, newClientMsgId, type NatterClient, type SendOptions } from "@natter/client";
import { PeopleDirectory } from "../people/peopleDirectory";
import {
  HISTORY_PAGE_MAX,
  ONLINE_PAGE,
  type Attachment,
  type Message,
  type NotifyLevel,
  type RoomSummary,
  type UpdateRoomBody,
  type User,
} from "@natter/protocol";
import { followStateEvents } from "./chatEvents";
import { setCustomEmoji } from "../content/customEmoji";
import { Delivery } from "./delivery";
import { loadOutbox, saveOutbox } from "./outbox";
import { emptyView, initialState, sortRooms, type ChatState } from "./chatState";
import { serverCalls, type ServerCalls } from "./serverCalls";
import { mergeMessages } from "./timeline";
import { ThreadFollowing } from "./threadFollowing";
import {
  expireTyping,
  forgetRoom,
  learnAvailability,
  learnNames,
  settlePending,
  patchRoom,
  patchView,
  receiveMessage,
  renameRoom,
  setOnline,
  upsertRoom,
} from "./transitions";

const TYPING_RESEND_MS = 2_500;
/** Scrolling back asks for the largest page the server gives: the list draws only what is in view, so more costs little. */
const OLDER_PAGE = HISTORY_PAGE_MAX;
/** One try waits this long for the server; past it the message waits in the outbox for the connection. */
const SEND_GIVE_UP_MS = 15_000;

/**
 * Everything the chat screen shows, kept from the client's events. Immutable snapshots for React's
 * useSyncExternalStore; actions call the client and fold its answers in. Components reach the server
 * only through here.
 */
export class ChatStore {
  private state: ChatState;
  private readonly listeners = new Set<() => void>();
  private readonly unsubscribe: (() => void)[] = [];
  private lastTyping = { room: "", at: 0 };
  private readonly refreshingOnline = new Set<string>();
  /** The room marked unread by hand: it stays unread while open, until the reader opens a room again. */
  private keptUnread: string | null = null;
  /** What panels fetch or change for themselves, outside the chat state. */
  readonly server: ServerCalls;
  private readonly delivery: Delivery;
  readonly threads: ThreadFollowing;
  /** Display names and pictures of everyone drawn, by id. */
  readonly people: PeopleDirectory;

  constructor(
    private readonly client: NatterClient,
    me: User,
  ) {
    // What was waiting to be sent when the page last closed goes out first, in the order it was written.
    this.state = { ...initialState(me), pending: loadOutbox(me.id, Date.now()) };
    this.server = serverCalls(client);
    this.people = new PeopleDirectory(client);
    this.delivery = new Delivery({
      // The stored copy is not applied from the answer: the SDK delivers it as a "message" event as well
      // (once, in seq order), and that one event replaces the pending copy.
      send: async ({ room, text, clientMsgId, replyTo, inRoom, attachments }) =>
        void (await client.send(room, text, {
          clientMsgId,
          replyTo,
          inRoom,
          attachments: attachments?.map((file) => file.id),
          giveUpAfterMs: SEND_GIVE_UP_MS,
        })),
      // The reason kept is the code: the tray words it in the reader's language, also after a reload.
      refusal: (error) => (error instanceof NatterError && !isRetryable(error.code) ? error.code : undefined),
      pending: () => this.state.pending,
      connected: () => this.state.status === "connected",
      setPending: (pending) => this.update({ pending }),
      newId: newClientMsgId,
    });
    this.threads = new ThreadFollowing(
      client,
      () => this.state,
      (next) => this.set(next),
    );
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getState = (): ChatState => this.state;

  async start(): Promise<void> {
    this.listen();
    try {
      await this.client.connect();
      const [rooms, limits] = await Promise.all([this.client.rooms(), this.client.limits()]);
      this.update({ rooms: sortRooms(rooms), limits });
      void this.threads.load();
      await Promise.all(rooms.filter((room) => room.joined).map((room) => this.load(room.name)));
      const wanted = decodeURIComponent(window.location.hash.slice(1));
      const first =
        rooms.find((room) => room.joined && room.name === wanted) ??
        rooms.find((room) => room.name === "general" && room.joined) ??
        rooms.find((room) => room.joined);
      if (first) this.select(first.name);
    } catch (error) {
      this.fail(error);
    }
  }

  stop(): void {
    for (const off of this.unsubscribe.splice(0)) off();
    this.people.stop();
    this.client.close();
  }

  // ---- navigation ----

  select(room: string): void {
    this.keptUnread = null;
    const summary = this.room(room);
    const view = this.state.views[room];
    const firstUnreadSeq = summary && summary.unread > 0 ? summary.lastReadSeq + 1 : null;
    this.update({ current: room, views: view ? { ...this.state.views, [room]: { ...view, firstUnreadSeq } } : this.state.views });
    if (window.location.hash !== `#${encodeURIComponent(room)}`) history.replaceState(null, "", `#${encodeURIComponent(room)}`);
    this.markReadIfViewing();
  }

  /** Called when the tab becomes visible again, or new messages arrive in the open room. */
  markReadIfViewing(): void {
    const room = this.state.current;
    if (!room || document.visibilityState !== "visible" || room === this.keptUnread) return;
    const summary = this.room(room);
    const lastSeq = this.state.views[room]?.messages.at(-1)?.seq ?? summary?.lastSeq ?? 0;
    if (!summary || (summary.unread === 0 && summary.mentions === 0 && summary.lastReadSeq >= lastSeq)) return;
    // What arrived while the tab was hidden sits under the "new messages" line.
    const marked = summary.unread > 0 ? patchView(this.state, room, { firstUnreadSeq: summary.lastReadSeq + 1 }) : this.state;
    this.set(patchRoom(marked, room, { unread: 0, mentions: 0, lastReadSeq: lastSeq }));
    this.client.markRead(room, lastSeq).catch(() => undefined);
  }

  /** "Mark unread from here": the server moves the read position back; the line goes above this message. */
  async markUnread(message: Message): Promise<void> {
    await this.act(async () => {
      this.keptUnread = message.room;
      const state = await this.client.markUnread(message.room, message.seq);
      const marked = patchView(this.state, message.room, { firstUnreadSeq: message.seq });
      this.set(patchRoom(marked, message.room, { unread: state.unread, mentions: state.mentions, lastReadSeq: state.seq }));
    });
  }

  async loadOlder(room: string): Promise<void> {
    const view = this.state.views[room];
    const oldest = view?.messages[0];
    if (!view || !oldest || !view.hasOlder || view.loadingOlder) return;
    this.set(patchView(this.state, room, { loadingOlder: true }));
    try {
      const page = await this.client.history(room, { before: oldest.seq, limit: OLDER_PAGE });
      const shown = this.state.views[room]?.messages ?? [];
      const next = patchView(this.state, room, { messages: mergeMessages(shown, page.messages), hasOlder: page.hasOlder, loadingOlder: false });
      this.set(
        learnNames(
          next,
          page.messages.map((message) => message.author),
        ),
      );
    } catch (error) {
      this.set(patchView(this.state, room, { loadingOlder: false }));
      this.fail(error);
    }
  }

  // ---- rooms ----

  async createRoom(name: string, isPrivate: boolean): Promise<void> {
    await this.act(async () => {
      const room = await this.client.createRoom(name, "", { private: isPrivate });
      this.set(upsertRoom(this.state, room));
      await this.load(room.name);
      this.select(room.name);
    });
  }

  async joinRoom(name: string): Promise<void> {
    await this.act(async () => {
      await this.load(name);
      this.select(name);
    });
  }

  async leaveRoom(name: string): Promise<void> {
    await this.act(async () => {
      await this.client.leave(name);
      this.forget(name);
    });
  }

  async openDirect(usernames: string[]): Promise<void> {
    await this.act(async () => {
      const room = await this.client.openDirect(usernames);
      this.set(upsertRoom(this.state, room));
      await this.load(room.name);
      this.select(room.name);
    });
  }

  async invite(room: string, username: string): Promise<void> {
    await this.act(() => this.client.invite(room, username).then(() => undefined));
  }

  async removeMember(room: string, username: string): Promise<void> {
    await this.act(() => this.client.removeMember(room, username));
  }

  /** Bans from the room; the member list is the caller's to refresh. */
  async ban(room: string, username: string): Promise<void> {
    await this.act(() => this.client.moderation.ban(room, username).then(() => undefined));
  }

  async unban(room: string, username: string): Promise<void> {
    await this.act(() => this.client.moderation.unban(room, username));
  }

  /** Deletes the room for everyone; it leaves this tab's list at once, and others' with the room_deleted event. */
  async deleteRoom(room: string): Promise<void> {
    await this.act(async () => {
      await this.client.moderation.deleteRoom(room);
      this.forget(room, true);
    });
  }

  async updateRoom(room: string, change: UpdateRoomBody): Promise<void> {
    await this.act(async () => {
      const updated = await this.client.updateRoom(room, change);
      this.set(renameRoom(this.state, room, updated.name, updated.topic, updated.archived));
    });
  }

  async setNotify(room: string, level: NotifyLevel): Promise<void> {
    await this.act(async () => {
      await this.client.setNotify(room, level);
      this.set(patchRoom(this.state, room, { notify: level }));
    });
  }

  // ---- messages ----

  /** Sends at once as a pending copy; `attachments` are files already uploaded, and the text may then be empty. */
  send(room: string, text: string, options: Pick<SendOptions, "replyTo" | "inRoom"> & { attachments?: Attachment[] } = {}): void {
    this.stopTyping(room);
    this.delivery.add({ clientMsgId: newClientMsgId(), room, text, status: "pending", queuedAt: Date.now(), ...options });
  }

  /** A refused message, edited: sent again as the newest. */
  resend(clientMsgId: string, text: string): void {
    this.delivery.resend(clientMsgId, text);
  }

  discard(clientMsgId: string): void {
    this.delivery.discard(clientMsgId);
  }

  /** Says "typing" at most every few seconds per room; the server forgets it unless repeated. */
  typing(room: string): void {
    const now = Date.now();
    if (this.lastTyping.room === room && now - this.lastTyping.at < TYPING_RESEND_MS) return;
    this.lastTyping = { room, at: now };
    this.client.typing(room, true);
  }

  stopTyping(room: string): void {
    if (this.lastTyping.room !== room || this.lastTyping.at === 0) return;
    this.lastTyping = { room, at: 0 };
    this.client.typing(room, false);
  }

  async edit(message: Message, text: string): Promise<void> {
    await this.act(() => this.client.edit(message.room, message.id, text).then(() => undefined));
  }

  async remove(message: Message): Promise<void> {
    await this.act(() => this.client.delete(message.room, message.id).then(() => undefined));
  }

  /** The author takes the link preview off their message; every tab gets the change as an update. */
  async removePreview(message: Message): Promise<void> {
    await this.act(() => this.client.removePreview(message.room, message.id).then(() => undefined));
  }

  async react(message: Message, emoji: string): Promise<void> {
    const mine = message.reactions.some((reaction) => reaction.emoji === emoji && reaction.userIds.includes(this.state.me.id));
    await this.act(() => this.client.react(message.room, message.id, emoji, !mine).then(() => undefined));
  }

  /** Shows a failure found outside an action (a message link that leads nowhere), as an action's would be. */
  showFailure(error: unknown): void {
    this.fail(error);
  }

  clearError(): void {
    this.update({ error: null });
  }

  /** Drops typing indicators whose time ran out (the server also says when someone stops). */
  expireTyping(now = Date.now()): void {
    this.set(expireTyping(this.state, now));
  }

  // ---- internals ----

  private listen(): void {
    const on = this.unsubscribe;
    on.push(...followStateEvents(this.client, (change) => this.set(change(this.state))));
    on.push(this.client.on("message", (message) => this.received(message)));
    on.push(
      this.client.on("presence", (change) => {
        this.set(setOnline(this.state, change.room, change));
        this.refreshOnlineIfIncomplete(change.room);
      }),
    );
    on.push(
      this.client.on("room_added", (room) => {
        // A public room's announcement to everyone may come after the reader joined it already.
        if (!room.joined && this.room(room.name)?.joined) return;
        this.set(upsertRoom(this.state, room));
        // A public room someone else made arrives to be joined, not joined already.
        if (room.joined) this.load(room.name).catch((error: unknown) => this.fail(error));
      }),
    );
    on.push(this.client.on("room_removed", ({ room, reason }) => this.forget(room, reason === "banned")));
    on.push(this.client.on("room_deleted", ({ room }) => this.forget(room, true)));
    on.push(
      this.client.on("status", (status) => {
        if (status !== "connected") return;
        void this.delivery.flush();
        // Custom emoji changed while away are not caught up as events. Decoration: failing, `:name:` stays text.
        this.client.customEmoji().then(setCustomEmoji, () => undefined);
      }),
    );
  }

  /** Joins (subscribing to) a room and shows its latest page. */
  private async load(room: string): Promise<void> {
    const result = await this.client.join(room);
    const view = this.state.views[room] ?? emptyView;
    let next = upsertRoom(this.state, result.room);
    next = patchView(next, room, {
      messages: mergeMessages(view.messages, result.messages),
      hasOlder: result.hasOlder,
      online: result.online,
      onlineCount: result.room.onlineCount,
      historyStartsAt: result.room.historyStartsAt ?? null,
    });
    next = settlePending(learnAvailability(next, result.availability ?? {}), result.messages);
    this.set(learnNames(next, [...result.online, ...result.messages.map((message) => message.author)]));
  }

  /** Back under a page of people after a crowd, whose names were not kept: ask for them once. */
  private refreshOnlineIfIncomplete(room: string): void {
    const view = this.state.views[room];
    if (!view || view.onlineCount > ONLINE_PAGE || view.online.length >= view.onlineCount || this.refreshingOnline.has(room)) return;
    this.refreshingOnline.add(room);
    void this.client
      .roomInfo(room)
      .then(
        (info) => this.state.views[room] && this.set(patchView(this.state, room, { online: info.online, onlineCount: info.onlineCount })),
        () => undefined,
      )
      .finally(() => this.refreshingOnline.delete(room));
  }

  private received(message: Message): void {
    const seen = message.room === this.state.current && document.visibilityState === "visible" && message.room !== this.keptUnread;
    this.set(this.threads.received(receiveMessage(this.state, message, seen), message));
    if (seen) this.markReadIfViewing();
  }

  private forget(room: string, entirely = false): void {
    const wasCurrent = this.state.current === room;
    this.set(forgetRoom(this.state, room, entirely));
    const next = this.state.rooms.find((known) => known.joined);
    if (wasCurrent && next) this.select(next.name);
  }

  private room(name: string): RoomSummary | undefined {
    return this.state.rooms.find((room) => room.name === name);
  }

  private async act(task: () => Promise<void>): Promise<void> {
    try {
      await task();
    } catch (error) {
      this.fail(error);
    }
  }

  private fail(error: unknown): void {
    this.update({ error: error instanceof Error ? error : new Error(String(error)) });
  }

  private update(patch: Partial<ChatState>): void {
    this.set({ ...this.state, ...patch });
  }

  private set(next: ChatState): void {
    if (next === this.state) return;
    if (next.pending !== this.state.pending) saveOutbox(next.me.id, next.pending);
    this.state = next;
    for (const listener of this.listeners) listener();
  }
}
