import {
  type Attachment,
  type Availability,
  type SetAvailabilityBody,
  type HistoryPage,
  type CustomEmoji,
  type Message,
  type HistoryPayload,
  type MentionsQuery,
  type MentionsResponse,
  type ReadState,
  type ServerRole,
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
  type ImportJob,
  type UserRef,
  type RoomRetention,
} from "@natter/protocol";
import { AccountCalls } from "./accountCalls.js";
import type { UploadOptions } from "./options.js";
import type { AdminApi } from "./adminApi.js";
import type { PeopleApi } from "./peopleApi.js";
import type { ModerationApi } from "./moderationApi.js";
import type { StaplesApi } from "./staplesApi.js";
import type { IntegrationsApi } from "./integrationsApi.js";

/** The HTTP half of NatterClient: each call is one REST route of the protocol's table, answered as parsed (the account's own calls are AccountCalls'). */
export class RestCalls extends AccountCalls {
  /** The admin console's calls (audit log, people, settings…): for admins and moderators. */
  get admin(): AdminApi {
    return this.api.admin;
  }

  /** The people directory and avatars. */
  get people(): PeopleApi {
    return this.api.people;
  }

  /** Deleting rooms, bans and reports of messages. */
  get moderation(): ModerationApi {
    return this.api.moderation;
  }

  /** The room directory, pins and saved messages. */
  get staples(): StaplesApi {
    return this.api.staples;
  }

  /** Tokens and bots, incoming and outgoing webhooks, slash commands. */
  get integrations(): IntegrationsApi {
    return this.api.integrations;
  }

  /** The logged-in user, once known. */
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

  setServerRole(username: string, role: ServerRole): Promise<User> {
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

  /**
   * Admins: starts importing a Slack export's zip (with `dryRun`, only counts what it would bring in). The
   * answer is the job; follow it with `importJob(id)` until its state is "done" or "failed".
   */
  startImport(zip: Blob | Uint8Array, options: { dryRun?: boolean } & UploadOptions = {}): Promise<ImportJob> {
    return this.api.startImport(zip, options);
  }

  /** Admins: an import's progress (files read of all, counts), and when done what it skipped and why. */
  importJob(id: string): Promise<ImportJob> {
    return this.api.importJob(id);
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

  /** The server's custom emoji (written :name:); `custom_emoji` events bring changes. */
  customEmoji(): Promise<CustomEmoji[]> {
    return this.api.customEmoji();
  }

  /** Takes the link preview off your message, for everyone (the server fetched it after the send). */
  removePreview(room: string, id: number): Promise<Message> {
    return this.api.removePreview(room, id);
  }

  /** You read a thread up to this reply's seq: its replies up to there no longer count as unread. */
  markThreadRead(room: string, rootId: number, seq: number): Promise<number> {
    return this.api.markThreadRead(room, rootId, seq);
  }

  /** A page of history: from the time `at` (a jump to a date), older than `before`, newer than `after`, or the latest. */
  history(room: string, page: Omit<HistoryPayload, "room"> = {}): Promise<HistoryPage> {
    return this.api.history(room, page);
  }

  // ---- data: retention ----

  /** Server admins: days of history the room keeps (0 keeps everything), or null to follow the server's RETENTION_DAYS. */
  setRoomRetention(room: string, days: number | null): Promise<RoomRetention> {
    return this.api.setRoomRetention(room, days);
  }
}
