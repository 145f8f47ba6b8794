import type { NewInvite } from "./queries/access.js";
import type { IntegrationQueries } from "./queries/integrations.js";
import type { AuditFilter, NewAuditRow } from "./queries/audit.js";
import type { BanListing, NewReport, ReportFilter, ReportListing } from "./queries/moderation.js";
import type { AdminRoomFilter, AdminRoomListing } from "./queries/roomDeletion.js";
import type { DirectoryFilter, DirectoryListing } from "./queries/roomDirectory.js";
import type { PinListing, SavedListing } from "./queries/pins.js";
import type {
  AuditRow,
  EmailTokensTable,
  FileRow,
  InviteRow,
  LoginTicketRow,
  ImportJobRow,
  MembershipRow,
  MessageRow,
  NewSession,
  NewUser,
  NotificationJobRow,
  PushSubscriptionRow,
  ReactionRow,
  ReportRow,
  RoomRow,
  SessionRow,
  UserRow,
} from "./schema.js";
import type { DirectoryQuery } from "./queries/directory.js";
import type { OidcStore } from "./queries/oidc.js";
import type { LifecycleStore } from "./lifecycleStore.js";
import type { LinkPreviewStore } from "./queries/linkPreviews.js";
import type { CustomEmojiStore } from "./queries/customEmoji.js";

export interface NewMessage {
  roomId: number;
  authorId: number;
  text: string;
  clientMsgId: string;
  createdAt: number;
  /** The thread's first message, for a reply. */
  replyToId?: number | null;
  inRoom?: boolean;
  mentionIds?: readonly number[];
  mentionsRoom?: boolean;
  /** Uploaded, not yet attached files of the author's, attached in the same transaction. */
  fileIds?: readonly string[];
  /** An integration's card, as validated JSON. */
  card?: string | null;
}

/** A file of an imported message, owned by its author; its bytes are already in the blob store (or absent). */
export type ImportedFile = Omit<FileRow, "room_id" | "message_id" | "owner_id">;

/**
 * A message brought in by an import, with its reactions and files, keyed by (source, key): the key is
 * written in the same transaction, so a second run (or one resumed after a crash) skips it.
 */
export interface ImportedMessage {
  source: string;
  key: string;
  roomId: number;
  authorId: number;
  text: string;
  createdAt: number;
  editedAt: number | null;
  /** The thread's first message, by its key: stored by an earlier batch, or earlier in this one. */
  replyToKey: string | null;
  inRoom: boolean;
  mentionIds: readonly number[];
  mentionsRoom: boolean;
  reactions: readonly { userId: number; emoji: string }[];
  files: readonly ImportedFile[];
}

/**
 * The stored message's id; created is false when an earlier run had imported it. A reply whose first
 * message was never imported is stored in the room, as a message of its own (orphan).
 */
export interface ImportedResult {
  id: number;
  created: boolean;
  orphan: boolean;
}

export interface NewRoom {
  name: string;
  nameKey: string;
  topic: string;
  createdBy: number | null;
  createdAt: number;
  kind?: "public" | "private" | "dm";
  dmKey?: string | null;
}

export type RoomChange = Partial<{ name: string; name_key: string; topic: string; archived_at: number | null }>;

export interface SearchQuery {
  /** Only rooms this user is a member of are searched. */
  userId: number;
  /** Every term must appear in the text, as a substring, ignoring case. */
  terms: readonly string[];
  roomId?: number | undefined;
  authorId?: number | undefined;
  from?: number | undefined;
  to?: number | undefined;
  hasFile?: boolean | undefined;
  /** Newest first; continue below this message id. */
  beforeId?: number | undefined;
  limit: number;
}

/** A message with its author's name, as history pages need it. */
export type MessageWithAuthor = MessageRow & { author_name: string };

/** A room as one user sees it in the sidebar. */
export type RoomListing = RoomRow & {
  joined: boolean;
  role: MembershipRow["role"] | null;
  last_read_seq: number;
  notify: MembershipRow["notify"];
  unread: number;
  mentions: number;
};

/** A message that mentions the reader, with its room and how far the reader has read that room. */
export type MentionListing = MessageWithAuthor & { room_name: string; last_read_seq: number };

/** A thread the reader follows: its first message, the newest reply's id, and the replies they have not read. */
export type ThreadListing = MessageWithAuthor & { room_name: string; last_reply_id: number; unread_replies: number };

export type MemberListing = { user_id: number; username: string; role: MembershipRow["role"] };

/** What a user's availability is made of, beside being idle. */
export type AvailabilityRow = Pick<UserRow, "id" | "away_chosen" | "dnd_until" | "status" | "status_emoji" | "status_expires_at">;

/** What a user may change of their own row (and an admin of its role). */
export type UserChange = Partial<
  Pick<
    UserRow,
    | "display_name"
    | "avatar"
    | "status"
    | "status_emoji"
    | "status_expires_at"
    | "dnd_until"
    | "away_chosen"
    | "role"
    | "keywords"
    | "language"
    | "email"
    | "email_verified_at"
  >
>;

/** What changed in a message, in the same transaction as its rev bump. */
export type MessageChange =
  /** clearPreview: the first link changed, so its card goes (unless the author removed it: that stays). */
  | { kind: "edit"; text: string; editedAt: number; mentionIds: readonly number[]; mentionsRoom: boolean; clearPreview?: boolean }
  | { kind: "delete"; deletedAt: number }
  | { kind: "react"; userId: number; emoji: string; on: boolean; at: number }
  /** A fetched preview is set only while none is (the author may have removed it meanwhile); '' removes it for good. */
  | { kind: "preview"; preview: string };

export interface NewPushSubscription {
  userId: number;
  endpoint: string;
  p256dh: string;
  auth: string;
  createdAt: number;
}

export type NewJob = Omit<NotificationJobRow, "id" | "attempts" | "claimed_until">;

/** A member who could be told of a message, with what decides whether and how. */
export interface NotifyTarget {
  user_id: number;
  notify: MembershipRow["notify"];
  notify_chosen: number;
  last_read_seq: number;
  keywords: string;
  language: string;
  email_verified_at: number | null;
  subscriptions: number;
}

/** One missed message of an email. */
export interface EmailJob {
  id: number;
  reason: string;
  seq: number;
  text: string;
  created_at: number;
  room_name: string;
  room_kind: RoomRow["kind"];
  author_name: string;
  read: boolean;
}

/**
 * Everything Natter keeps. One contract, implemented over SQLite and PostgreSQL; the contract suite
 * in test/storage runs against each.
 */
export interface Store extends OidcStore, IntegrationQueries, LifecycleStore, LinkPreviewStore, CustomEmojiStore {
  readonly dialect: "sqlite" | "postgres";
  migrate(): Promise<void>;
  /** Resolves when the database answers. */
  ping(): Promise<void>;
  close(): Promise<void>;

  /** Undefined when the name's key is taken. The first registered member becomes a server admin. */
  createUser(user: NewUser): Promise<UserRow | undefined>;
  userById(id: number): Promise<UserRow | undefined>;
  userByKey(usernameKey: string): Promise<UserRow | undefined>;
  usersByKeys(keys: readonly string[]): Promise<UserRow[]>;
  /** By id, in id order; unknown ids are left out. */
  usersByIds(ids: readonly number[]): Promise<UserRow[]>;
  /**
   * Of these users, those who chose away, do-not-disturb or a status (lapsed or not), in id order: in a
   * crowd that is few, so a join's answer reads a few short rows rather than a page of whole ones.
   */
  availabilitiesSet(ids: readonly number[]): Promise<AvailabilityRow[]>;
  updateUser(id: number, change: UserChange): Promise<UserRow | undefined>;
  /** Whether any account administers the server. */
  hasAdmin(): Promise<boolean>;
  /** Stores a first-admin setup link's hash. */
  addSetupToken(tokenHash: string, at: number): Promise<void>;
  /** Uses a setup link once: true when it was valid; then every other setup link is void too. */
  useSetupToken(tokenHash: string): Promise<boolean>;

  /**
   * A new account with its first session, a member of the room keyed `roomKey` when there is one: one
   * transaction, so a crowd signing up costs one commit each. Undefined when the name's key is taken.
   */
  signUp(user: NewUser, session: Omit<NewSession, "user_id">, roomKey: string): Promise<UserRow | undefined>;
  createSession(session: NewSession): Promise<void>;
  sessionByHash(tokenHash: string): Promise<SessionRow | undefined>;
  /** The session's user and when the session ends, in one read: every request and connection asks it. */
  sessionUser(tokenHash: string): Promise<{ user: UserRow; expiresAt: number; lastSeenAt: number } | undefined>;
  deleteSession(tokenHash: string): Promise<void>;
  /** Ends every session of the user; answers the token hashes that were ended. */
  deleteSessionsOf(userId: number): Promise<string[]>;
  setPasswordHash(userId: number, passwordHash: string): Promise<void>;

  /** Undefined when the name's key (or the DM's people) is taken. */
  createRoom(room: NewRoom): Promise<RoomRow | undefined>;
  roomByKey(nameKey: string): Promise<RoomRow | undefined>;
  roomById(id: number): Promise<RoomRow | undefined>;
  roomByDmKey(dmKey: string): Promise<RoomRow | undefined>;
  /** Undefined when the new name is taken. */
  updateRoom(id: number, change: RoomChange): Promise<RoomRow | undefined>;
  /** Public rooms, and every room the user belongs to, with their unread counts. */
  listRooms(forUserId: number): Promise<RoomListing[]>;
  roomsOfUser(userId: number): Promise<RoomRow[]>;

  /** True when the user was not a member before. */
  addMember(roomId: number, userId: number, at: number, role?: MembershipRow["role"]): Promise<boolean>;
  /** True when the user was a member. */
  removeMember(roomId: number, userId: number): Promise<boolean>;
  membership(roomId: number, userId: number): Promise<MembershipRow | undefined>;
  /** A room and the user's membership of it, in one read: what every read and write of a room's messages checks. */
  roomWithMembership(nameKey: string, userId: number): Promise<{ room: RoomRow; membership: MembershipRow | undefined } | undefined>;
  isMember(roomId: number, userId: number): Promise<boolean>;
  members(roomId: number): Promise<MemberListing[]>;
  /** Which of these users are members of the room. */
  membersAmong(roomId: number, userIds: readonly number[]): Promise<number[]>;
  updateMembership(roomId: number, userId: number, change: Partial<{ role: MembershipRow["role"]; notify: MembershipRow["notify"] }>): Promise<void>;
  /** Moves the read position forward only; answers the position now stored. */
  markRead(roomId: number, userId: number, seq: number): Promise<number>;
  /** Sets the read position anywhere, backward too: only "mark unread from here" asks it. */
  setReadPosition(roomId: number, userId: number, seq: number): Promise<void>;
  /** The user's unread messages and mentions in one room after a seq, counted as listRooms counts them. */
  roomCounts(roomId: number, userId: number, afterSeq: number): Promise<{ unread: number; mentions: number }>;
  /** Newest first: others' messages that mention the user, in rooms the user is a member of. */
  mentionsOf(userId: number, beforeId: number | undefined, limit: number): Promise<MentionListing[]>;
  /**
   * Threads in the user's rooms they started, replied to or were mentioned in, most recently answered
   * first; continue below a reply id.
   */
  threadsOf(userId: number, beforeReplyId: number | undefined, limit: number): Promise<ThreadListing[]>;
  /** Moves the user's read position in a thread forward only; answers the position now stored. */
  markThreadRead(userId: number, rootId: number, seq: number): Promise<number>;

  /**
   * Stores a message with the room's next seq and rev, in one transaction with the bumps (and, for a
   * reply, the thread root's reply count). When the author already stored this clientMsgId, nothing is
   * written and the stored message comes back.
   */
  insertMessage(message: NewMessage): Promise<{ message: MessageRow; created: boolean }>;
  /**
   * Stores imported messages in one transaction, each with the room's next seq and rev (in batch order), its
   * reactions, files and import key. A message whose key is stored already is left as it is.
   */
  importMessages(batch: readonly ImportedMessage[]): Promise<ImportedResult[]>;
  /** What these keys of a source became, for the keys imported already. */
  importTargets(source: string, keys: readonly string[]): Promise<Map<string, number>>;
  saveImportKey(source: string, kind: "user" | "room", key: string, targetId: number): Promise<void>;
  /** Whether the account was made by an import (and so, with no password, waits to be claimed). */
  isImportedUser(userId: number): Promise<boolean>;
  createImportJob(job: ImportJobRow): Promise<void>;
  updateImportJob(id: string, change: Partial<Omit<ImportJobRow, "id">>): Promise<void>;
  importJobById(id: string): Promise<ImportJobRow | undefined>;
  /** A job still running whose node updated it after `since` (a node that died leaves a stale one behind). */
  runningImportJob(since: number): Promise<ImportJobRow | undefined>;
  /** Applies a change and gives the message the room's next rev; undefined when there is no such message. */
  changeMessage(roomId: number, messageId: number, change: MessageChange): Promise<MessageRow | undefined>;
  messageById(roomId: number, id: number): Promise<MessageWithAuthor | undefined>;
  messagesByIds(ids: readonly number[]): Promise<MessageWithAuthor[]>;
  /** Newest first is how keyset pages are read; the result is oldest first. */
  messagesBefore(roomId: number, beforeSeq: number | undefined, limit: number): Promise<MessageWithAuthor[]>;
  messagesAfter(roomId: number, afterSeq: number, limit: number): Promise<MessageWithAuthor[]>;
  /** The seq of the room's first message sent at or after `at` (epoch ms); undefined when none is that new. */
  firstSeqFrom(roomId: number, at: number): Promise<number | undefined>;
  /** Messages up to `uptoSeq` that changed after `sinceRev`, in rev order. */
  messagesChangedSince(roomId: number, sinceRev: number, uptoSeq: number, limit: number): Promise<MessageWithAuthor[]>;
  replies(rootId: number): Promise<MessageWithAuthor[]>;
  reactionsFor(messageIds: readonly number[]): Promise<ReactionRow[]>;

  /** Newest first, only in the user's rooms, never deleted messages. */
  searchMessages(query: SearchQuery): Promise<(MessageWithAuthor & { room_name: string })[]>;

  insertFile(file: FileRow): Promise<void>;
  fileById(id: string): Promise<FileRow | undefined>;
  filesByIds(ids: readonly string[]): Promise<FileRow[]>;
  filesOfMessages(messageIds: readonly number[]): Promise<FileRow[]>;
  /** Removes the files of a message and answers them, so their bytes can be deleted too. */
  deleteFilesOfMessage(messageId: number): Promise<FileRow[]>;
  /** Bytes of the user's files, for the upload quota. */
  bytesUsed(ownerId: number): Promise<number>;

  /** A secret of the server's (VAPID keys): the stored one, else `create()`'s, stored by the first node to ask. */
  serverKey(name: string, create: () => string): Promise<string>;
  /** False when the user already has `max` other subscriptions. */
  savePushSubscription(subscription: NewPushSubscription, max: number): Promise<boolean>;
  deletePushSubscription(userId: number, endpoint: string): Promise<boolean>;
  /** The push service said the subscription is gone (404/410). */
  forgetPushSubscription(id: number): Promise<void>;
  pushSubscriptionsByIds(ids: readonly number[]): Promise<PushSubscriptionRow[]>;
  subscriptionIdsOf(userIds: readonly number[]): Promise<{ id: number; user_id: number }[]>;
  notifyTargets(roomId: number, authorId: number): Promise<NotifyTarget[]>;
  /** Whether anyone at all has a push subscription or a verified email. */
  anyoneToNotify(): Promise<boolean>;
  enqueueJobs(jobs: readonly NewJob[]): Promise<void>;
  /** Due push jobs nobody holds, now held by the caller until `until`. */
  claimPushJobs(now: number, until: number, limit: number): Promise<NotificationJobRow[]>;
  finishJob(id: number): Promise<void>;
  retryJob(id: number, dueAt: number): Promise<void>;
  /** Users with due email work whose last email is older than `windowStart`, now held by the caller until `until`. */
  claimEmailUsers(now: number, windowStart: number, until: number, limit: number): Promise<number[]>;
  emailJobsOf(userId: number): Promise<EmailJob[]>;
  finishEmail(userId: number, upToJobId: number, sentAt: number | undefined): Promise<void>;
  /** Gives the user's email work back, to be claimed again from `retryAt` on. */
  releaseEmail(userId: number, retryAt: number): Promise<void>;
  createEmailToken(token: { tokenHash: string; userId: number; email: string; expiresAt: number }): Promise<void>;
  takeEmailToken(tokenHash: string): Promise<EmailTokensTable | undefined>;

  appendAudit(row: NewAuditRow): Promise<void>;
  listAudit(filter: AuditFilter): Promise<AuditRow[]>;

  // Rooms and moderation (storage/queries/moderation.ts, roomDeletion.ts).
  /** True when the user was not banned before. */
  banUser(roomId: number, userId: number, bannedBy: number, at: number): Promise<boolean>;
  /** True when the user was banned. */
  unbanUser(roomId: number, userId: number): Promise<boolean>;
  isBanned(roomId: number, userId: number): Promise<boolean>;
  bans(roomId: number): Promise<BanListing[]>;
  /** Undefined when the reporter already has an open report of the message. */
  createReport(report: NewReport): Promise<ReportRow | undefined>;
  reportById(id: number): Promise<ReportListing | undefined>;
  openReports(filter: ReportFilter): Promise<ReportListing[]>;
  /** Resolves the open report (or every open report of its message); answers how many were open. */
  resolveReports(reportId: number, change: { status: "dismissed" | "deleted" | "banned"; by: number; at: number; wholeMessage: boolean }): Promise<number>;
  /** Takes a room out of every lookup and list, drops its memberships and bans; answers who was in it. */
  retireRoom(roomId: number, at: number): Promise<number[]>;
  /** Deletes up to `limit` of a retired room's messages (and what hangs on them) in one transaction. */
  purgeRoomMessages(roomId: number, limit: number): Promise<{ messages: number; files: FileRow[] }>;
  /** Deletes a retired room's row once its messages are gone; answers file rows still pointing at it. */
  dropRoom(roomId: number): Promise<FileRow[]>;
  retiredRooms(): Promise<number[]>;
  adminRooms(filter: AdminRoomFilter): Promise<AdminRoomListing[]>;

  // Who gets in and the people (issue 15): queries/access.ts and queries/people.ts.
  readAccessSettings(): Promise<{ value: string; version: number } | undefined>;
  writeAccessSettings(value: string, at: number): Promise<number>;
  readAccessSettingsVersion(): Promise<number>;
  createInvite(invite: NewInvite): Promise<InviteRow>;
  listInvites(limit: number): Promise<InviteRow[]>;
  revokeInvite(id: number, at: number): Promise<boolean>;
  inviteByHash(codeHash: string): Promise<InviteRow | undefined>;
  useInvite(codeHash: string, now: number): Promise<InviteRow | undefined>;
  releaseInvite(id: number): Promise<void>;
  createPasswordReset(reset: { token_hash: string; user_id: number; created_at: number; expires_at: number }): Promise<void>;
  takePasswordReset(tokenHash: string): Promise<{ token_hash: string; user_id: number; created_at: number; expires_at: number } | undefined>;
  searchUsers(text: string, afterKey: string | undefined, limit: number): Promise<UserRow[]>;
  /** The people directory: active accounts in key order (issue 19). */
  directory(query: DirectoryQuery): Promise<UserRow[]>;
  hasMessageFromOthers(roomId: number, userId: number): Promise<boolean>;
  setDeactivated(userId: number, at: number | null): Promise<UserRow | undefined>;
  upgradeGuest(userId: number, passwordHash: string): Promise<UserRow | undefined>;
  overviewCounts(): Promise<{ people: number; deactivated: number; rooms: number; messages: number; storageBytes: number }>;

  // Issue 17: two-factor log-in, password resets, the sessions page (queries/security.ts).
  /** Starts setting 2FA up with a new (encrypted) secret; false while 2FA is on. */
  beginTotp(userId: number, secret: string): Promise<boolean>;
  /** False when there was no secret being set up, or 2FA was already on. */
  enableTotp(userId: number, at: number, step: number, codeHashes: readonly string[]): Promise<boolean>;
  /** False when this time step, or a later one, was already used. */
  takeTotpStep(userId: number, step: number): Promise<boolean>;
  disableTotp(userId: number): Promise<void>;
  takeRecoveryCode(userId: number, codeHash: string): Promise<boolean>;
  recoveryCodesLeft(userId: number): Promise<number>;
  createLoginTicket(ticket: LoginTicketRow): Promise<void>;
  loginTicket(tokenHash: string): Promise<LoginTicketRow | undefined>;
  takeLoginTicket(tokenHash: string): Promise<LoginTicketRow | undefined>;
  /** Forgets expired log-in tickets and reset links. */
  deleteExpiredTickets(now: number): Promise<void>;
  usersByVerifiedEmail(email: string): Promise<UserRow[]>;
  /** Most recently used first. */
  sessionsOf(userId: number): Promise<SessionRow[]>;
  touchSession(tokenHash: string, at: number): Promise<void>;
  deleteSessionsExcept(userId: number, keepTokenHash: string): Promise<string[]>;

  // Issue 19: the room directory, pins and saved messages (queries/roomDirectory.ts, queries/pins.ts).
  roomDirectory(filter: DirectoryFilter): Promise<DirectoryListing[]>;
  addPin(pin: { messageId: number; roomId: number; pinnedBy: number; pinnedAt: number }): Promise<boolean>;
  removePin(messageId: number): Promise<boolean>;
  countPins(roomId: number): Promise<number>;
  /** Newest pin first; deleted messages are left out. */
  pinsOf(roomId: number, limit: number): Promise<PinListing[]>;
  saveMessage(userId: number, messageId: number, savedAt: number): Promise<void>;
  unsaveMessage(userId: number, messageId: number): Promise<void>;
  savedOf(userId: number, after: { savedAt: number; messageId: number } | undefined, limit: number): Promise<SavedListing[]>;
}
