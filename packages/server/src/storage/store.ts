import type { IntegrationQueries } from "./queries/integrations.js";
import type { AuditFilter, NewAuditRow } from "./queries/audit.js";
import type { BanListing, NewReport, ReportFilter, ReportListing } from "./queries/moderation.js";
import type { AdminRoomFilter, AdminRoomListing } from "./queries/roomDeletion.js";
import type {
  AuditRow,
  EmailTokensTable,
  FileRow,
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
import type { OidcStore } from "./queries/oidc.js";
import type { LifecycleStore } from "./lifecycleStore.js";
import type { LinkPreviewStore } from "./queries/linkPreviews.js";
import type { CustomEmojiStore } from "./queries/customEmoji.js";
import type { TeamStore } from "./teamStore.js";

export type * from "./storeTypes.js";
import type {
  AvailabilityRow,
  EmailJob,
  ImportedMessage,
  ImportedResult,
  MemberListing,
  MentionListing,
  MessageChange,
  MessageWithAuthor,
  NewJob,
  NewMessage,
  NewPushSubscription,
  NewRoom,
  NotifyTarget,
  RoomChange,
  RoomListing,
  SearchQuery,
  ThreadListing,
  UserChange,
} from "./storeTypes.js";

/**
 * Everything Natter keeps. One contract, implemented over SQLite and PostgreSQL; the contract suite
 * in test/storage runs against each.
 */
export interface Store extends OidcStore, IntegrationQueries, LifecycleStore, LinkPreviewStore, CustomEmojiStore, TeamStore {
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
}
