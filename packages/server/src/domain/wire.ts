import {
  pathOf,
  routes,
  type Attachment,
  type Card,
  type LinkPreview,
  type Message,
  type Quote,
  type Reaction,
  type RoomSummary,
  type User,
  type UserRef,
} from "@natter/protocol";
import type { MessageWithAuthor, ReactionRow, RoomListing, RoomRow, UserRow } from "../storage/index.js";

/** Rows to the shapes the protocol promises. */
export function toUser(row: UserRow): User {
  return {
    id: row.id,
    username: row.username,
    kind: row.kind,
    role: row.role,
    displayName: row.display_name || row.username,
    avatarUrl: avatarUrl(row),
    // A lapsed custom status reads as none everywhere, old clients included, with no job to clear it.
    status: row.status_expires_at === null || row.status_expires_at > Date.now() ? row.status : "",
    createdAt: iso(row.created_at),
    deactivated: row.deactivated_at !== null,
  };
}

/** The versioned address of someone's picture: a new picture is a new address, so browsers cache each for good. */
export function avatarUrl(row: Pick<UserRow, "id" | "avatar">): string | null {
  return row.avatar === null ? null : pathOf(routes.avatar, { id: row.id, version: row.avatar });
}

export function toUserRef(user: { id: number; username: string }): UserRef {
  return { id: user.id, username: user.username };
}

const QUOTE_LENGTH = 140;

export function toQuote(row: MessageWithAuthor): Quote {
  return {
    id: row.id,
    seq: row.seq,
    author: { id: row.author_id, username: row.author_name },
    excerpt: [...row.text].slice(0, QUOTE_LENGTH).join(""),
    deleted: row.deleted_at !== null,
  };
}

export function toMessage(
  row: MessageWithAuthor,
  room: string,
  extras: { reactions?: Reaction[]; replyTo?: Quote | null; attachments?: Attachment[] } = {},
): Message {
  return {
    id: row.id,
    room,
    seq: row.seq,
    author: { id: row.author_id, username: row.author_name },
    text: row.text,
    clientMsgId: row.client_msg_id,
    createdAt: iso(row.created_at),
    rev: row.rev,
    editedAt: row.edited_at === null ? null : iso(row.edited_at),
    deleted: row.deleted_at !== null,
    replyTo: extras.replyTo ?? null,
    inRoom: row.in_room !== 0,
    replyCount: row.reply_count,
    reactions: extras.reactions ?? [],
    attachments: extras.attachments ?? [],
    mentions: row.mention_ids ? row.mention_ids.split(",").map(Number) : [],
    mentionsRoom: row.mentions_room !== 0,
    // Validated against cardSchema before it was stored; a deleted message keeps no card.
    ...(row.card && row.deleted_at === null ? { card: JSON.parse(row.card) as Card } : {}),
    // Made by the preview job from linkPreviewSchema; '' is a preview its author removed.
    ...(row.preview && row.deleted_at === null ? { preview: JSON.parse(row.preview) as LinkPreview } : {}),
  };
}

/** Reactions grouped by emoji, in the order each emoji was first used. */
export function groupReactions(rows: readonly ReactionRow[]): Map<number, Reaction[]> {
  const byMessage = new Map<number, Map<string, Reaction>>();
  for (const row of rows) {
    const byEmoji = byMessage.get(row.message_id) ?? new Map<string, Reaction>();
    byMessage.set(row.message_id, byEmoji);
    const reaction = byEmoji.get(row.emoji) ?? { emoji: row.emoji, count: 0, userIds: [] };
    byEmoji.set(row.emoji, reaction);
    reaction.count++;
    reaction.userIds.push(row.user_id);
  }
  return new Map([...byMessage].map(([id, byEmoji]) => [id, [...byEmoji.values()]]));
}

export function toRoomSummary(
  row: RoomRow,
  fields: Partial<Pick<RoomListing, "joined" | "role" | "last_read_seq" | "notify" | "unread" | "mentions">> & { members?: UserRef[] } = {},
): RoomSummary {
  return {
    name: row.name,
    topic: row.topic,
    kind: row.kind,
    archived: row.archived_at !== null,
    createdAt: iso(row.created_at),
    memberCount: row.member_count,
    lastSeq: row.last_seq,
    lastRev: row.last_rev,
    joined: fields.joined ?? false,
    role: fields.role ?? null,
    lastReadSeq: fields.last_read_seq ?? 0,
    unread: fields.unread ?? 0,
    mentions: fields.mentions ?? 0,
    notify: fields.notify ?? "all",
    members: fields.members ?? [],
  };
}

export function iso(ms: number): string {
  return new Date(ms).toISOString();
}
