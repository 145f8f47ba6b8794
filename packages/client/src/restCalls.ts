import {
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
  type Member,
  type NotificationSettings,
  type NotifyLevel,
  type PushSubscriptionBody,
  type Profile,
  type RoomInfo,
  type RoomSummary,
  type SearchQuery,
  type SearchResponse,
  type UpdateMeBody,
  type UpdateRoomBody,
  type ServerLimits,
  type User,
  type UserRef,
  type DataExport,
  type RoomRetention,
} from "@natter/protocol";
import { Emitter } from "./emitter.js";
import type { NatterClientEvents, UploadOptions } from "./options.js";
import type { RestApi } from "./restApi.js";

/** The HTTP half of NatterClient: each call is one REST route of the protocol's table, answered as parsed. */
export class RestCalls extends Emitter<NatterClientEvents> {
  constructor(protected readonly api: RestApi) {
    super();
  }

  /** The logged-in user, once known. */
  get user(): User | null {
    return this.api.user;
  }

  get token(): string | null {
    return this.api.token;
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

  // ---- data: retention, your own archive, your account ----

  /** Server admins: days of history the room keeps (0 keeps everything), or null to follow the server's RETENTION_DAYS. */
  setRoomRetention(room: string, days: number | null): Promise<RoomRetention> {
    return this.api.setRoomRetention(room, days);
  }

  /** "Download my data": the archive is made in the background; `data_export_ready` says when (or use `dataExport`). */
  requestDataExport(): Promise<DataExport> {
    return this.api.requestDataExport();
  }

  dataExport(id: string): Promise<DataExport> {
    return this.api.dataExport(id);
  }

  /** The ready archive's zip; refused (NOT_READY) while it is being prepared, NOT_FOUND once it expired. */
  downloadDataExport(id: string): Promise<Blob> {
    return this.api.downloadDataExport(id);
  }

  /** Deletes your account for good, confirmed with your password; every session, this one included, ends. */
  deleteAccount(password: string): Promise<void> {
    return this.api.deleteAccount(password);
  }
}
