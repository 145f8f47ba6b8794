import {
  type Attachment,
  type Availability,
  type SetAvailabilityBody,
  type SignInMethods,
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
  type SecondFactorStep,
  type SessionInfo,
  type TotpSetup,
  type TwoFactorStatus,
  type DataExport,
  type RoomRetention,
} from "@natter/protocol";
import { Emitter } from "./emitter.js";
import { SecondFactorRequired } from "./errors.js";
import type { NatterClientEvents, UploadOptions } from "./options.js";
import type { AdminApi } from "./adminApi.js";
import type { PeopleApi } from "./peopleApi.js";
import type { ModerationApi } from "./moderationApi.js";
import type { StaplesApi } from "./staplesApi.js";
import type { IntegrationsApi } from "./integrationsApi.js";
import type { RestApi } from "./restApi.js";

/** The HTTP half of NatterClient: each call is one REST route of the protocol's table, answered as parsed. */
export class RestCalls extends Emitter<NatterClientEvents> {
  constructor(protected readonly api: RestApi) {
    super();
  }

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
  get user(): User | null {
    return this.api.user;
  }

  get token(): string | null {
    return this.api.token;
  }

  // ---- accounts ----

  /** Creates an account and logs in; `invite` is an invite's code, needed while registration is by invite. */
  register(username: string, password: string, invite?: string): Promise<User> {
    return this.api.register(username, password, invite);
  }

  /** Turns this guest into a member with a password; the name, rooms and history stay. */
  upgrade(password: string): Promise<User> {
    return this.api.upgrade(password);
  }

  /** Creates the server's first admin with the token of the setup link the server logs when it has none. */
  setup(token: string, username: string, password: string): Promise<User> {
    return this.api.setup(token, username, password);
  }

  /**
   * Logs in. An account with two-factor authentication needs `code` (from its app, or a recovery code);
   * without one this rejects with SecondFactorRequired, whose step `finishLogin` completes.
   */
  async login(username: string, password: string, code?: string): Promise<User> {
    const answer = await this.api.startLogin(username, password);
    if ("user" in answer) return answer.user;
    if (code === undefined || answer.secondFactor.enroll) throw new SecondFactorRequired(answer.secondFactor);
    return (await this.api.finishLogin(answer.secondFactor.ticket, code)).user;
  }

  /** The password's step alone: a session, or the ticket of the second step. */
  startLogin(username: string, password: string): Promise<{ user: User } | { secondFactor: SecondFactorStep }> {
    return this.api.startLogin(username, password);
  }

  /** The second step: a code from the app or a recovery code; `recoveryCodes` when this log-in also set 2FA up. */
  finishLogin(ticket: string, code: string): Promise<{ user: User; recoveryCodes?: string[] }> {
    return this.api.finishLogin(ticket, code);
  }

  /** For an account the server requires to use 2FA: its new secret, confirmed by finishLogin with a first code. */
  enrollAtLogin(ticket: string): Promise<TotpSetup> {
    return this.api.enrollAtLogin(ticket);
  }

  /** Mails a one-time reset link if the address is a verified one; the answer says nothing either way. */
  forgotPassword(email: string, language?: "en" | "zh-CN"): Promise<void> {
    return this.api.forgotPassword(email, language);
  }

  /** Sets a new password with a one-time link's token (mailed, or an admin's); every session of the account ends. Log in afterwards. */
  resetPassword(token: string, password: string): Promise<void> {
    return this.api.resetPassword(token, password);
  }

  twoFactor(): Promise<TwoFactorStatus> {
    return this.api.twoFactor();
  }

  /** A new secret (QR code and key), shown this once; 2FA is on after confirmTwoFactor. */
  startTwoFactor(): Promise<TotpSetup> {
    return this.api.startTwoFactor();
  }

  /** Turns 2FA on with a first code; answers the ten recovery codes, shown once. */
  confirmTwoFactor(code: string): Promise<string[]> {
    return this.api.confirmTwoFactor(code);
  }

  disableTwoFactor(code: string): Promise<TwoFactorStatus> {
    return this.api.disableTwoFactor(code);
  }

  /** The account's sessions, most recently used first. */
  sessions(): Promise<SessionInfo[]> {
    return this.api.sessions();
  }

  /** Ends a session; its sockets close at once, on every node. */
  endSession(id: string): Promise<void> {
    return this.api.endSession(id);
  }

  /** Ends every session but this one; answers how many ended. */
  endOtherSessions(): Promise<number> {
    return this.api.endOtherSessions();
  }

  /** Joins with just a name, as the original chat did (when the server allows guests). */
  guest(username: string): Promise<User> {
    return this.api.guest(username);
  }

  /** Which ways in this server offers: password, guests, registration (open, by invite, closed), single sign-on (and its name). No log-in needed. */
  signInMethods(): Promise<SignInMethods> {
    return this.api.signInMethods();
  }

  /** Where a browser goes to sign in with the server's OpenID provider; it comes back to the app logged in. */
  ssoStartUrl(): string {
    return this.api.ssoStartUrl();
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
