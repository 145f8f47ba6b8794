import type { FileRow, MembershipRow, MessageRow, NotificationJobRow, RoomRow, UserRow } from "./schema.js";

/** The values the Store takes and gives back beyond its rows (store.ts re-exports them, so callers import from there). */

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
