import { z } from "zod";
import { cardSchema } from "./card.js";
import { linkPreviewSchema } from "./linkPreview.js";
import { notifyLevels, ONLINE_PAGE } from "./vocabulary.js";

export const seqSchema = z.number().int().min(0);
const idSchema = z.number().int().positive();
const timestampSchema = z.string().describe("ISO 8601 time");

export const userKindSchema = z.enum(["member", "guest"]);
export type UserKind = z.infer<typeof userKindSchema>;

/** Who someone is, as shown next to their messages and in presence lists. */
export const userRefSchema = z.object({ id: idSchema, username: z.string() });
export type UserRef = z.infer<typeof userRefSchema>;

/** `user` is a member with no server powers; moderators act on messages, bans and reports; admins on everything. */
export const serverRoleSchema = z.enum(["user", "moderator", "admin"]);
export type ServerRole = z.infer<typeof serverRoleSchema>;

export const userSchema = userRefSchema.extend({
  kind: userKindSchema,
  role: serverRoleSchema.describe("Server-wide admins manage every room; the first is made with the setup link or the CLI"),
  displayName: z.string(),
  avatarUrl: z.string().nullable().describe("A square picture; null: draw initials"),
  status: z.string(),
  createdAt: timestampSchema,
  deactivated: z.boolean().describe("An admin closed the account: it cannot sign in; its messages stay"),
});
export type User = z.infer<typeof userSchema>;

/**
 * How someone is, beyond online: shown in the online list, members, profile cards and completion.
 * The custom status is `User.status` (its text, which old clients read alone) with an emoji and an expiry.
 */
export const availabilitySchema = z.object({
  away: z.boolean().describe("No input in any of their tabs for a while, or chosen"),
  awayChosen: z.boolean().describe("They chose to appear away"),
  dnd: z.boolean().describe("Do-not-disturb is on: they get no notifications"),
  dndUntil: timestampSchema.nullable().describe("When do-not-disturb ends; null while off or until turned off"),
  statusEmoji: z.string(),
  statusText: z.string(),
  statusExpiresAt: timestampSchema.nullable().describe("When the custom status lapses; null keeps it until changed"),
});
export type Availability = z.infer<typeof availabilitySchema>;

/** What a profile card shows. */
export const profileSchema = userSchema.extend({ online: z.boolean(), availability: availabilitySchema });
export type Profile = z.infer<typeof profileSchema>;

/** A file attached to a message. Images have a size and a thumbnail; everything else downloads. */
export const attachmentSchema = z.object({
  id: z.string(),
  name: z.string(),
  type: z.string().describe("Checked from the file's bytes, not its name"),
  size: z.number().int(),
  width: z.number().int().nullable(),
  height: z.number().int().nullable(),
  url: z.string(),
  thumbnailUrl: z.string().nullable(),
});
export type Attachment = z.infer<typeof attachmentSchema>;

export const reactionSchema = z.object({ emoji: z.string(), count: z.number().int(), userIds: z.array(idSchema) });
export type Reaction = z.infer<typeof reactionSchema>;

/** The quoted original of a reply: enough to draw the quote and jump to it. */
export const quoteSchema = z.object({ id: idSchema, seq: seqSchema, author: userRefSchema, excerpt: z.string(), deleted: z.boolean() });
export type Quote = z.infer<typeof quoteSchema>;

export const messageSchema = z.object({
  id: idSchema,
  room: z.string(),
  seq: seqSchema.describe("Position in the room: 1, 2, 3… with no gaps"),
  author: userRefSchema,
  text: z.string().describe("Empty once deleted"),
  clientMsgId: z.string(),
  createdAt: timestampSchema,
  rev: seqSchema.describe("The room's change counter when this message last changed (created, edited, deleted, reacted to, replied to)"),
  editedAt: timestampSchema.nullable(),
  deleted: z.boolean(),
  replyTo: quoteSchema.nullable().describe("The thread's first message, when this is a reply"),
  inRoom: z.boolean().describe("False for a reply posted to its thread only"),
  replyCount: z.number().int(),
  reactions: z.array(reactionSchema),
  attachments: z.array(attachmentSchema),
  mentions: z.array(idSchema).describe("Users mentioned by @name"),
  mentionsRoom: z.boolean().describe("Whether the text says @room"),
  card: cardSchema.optional().describe("Posted by an integration: its name, emoji, attachments and blocks (Slack's format)"),
  preview: linkPreviewSchema.optional().describe("The card of the message's first link, added by the server after the send; gone once the author removes it"),
});
export type Message = z.infer<typeof messageSchema>;

export const roomKindSchema = z.enum(["public", "private", "dm"]);
export type RoomKind = z.infer<typeof roomKindSchema>;
export const roomRoleSchema = z.enum(["owner", "admin", "member"]);
export type RoomRole = z.infer<typeof roomRoleSchema>;
export const notifyLevelSchema = z.enum(notifyLevels);
export type NotifyLevel = z.infer<typeof notifyLevelSchema>;

export const roomSummarySchema = z.object({
  name: z.string(),
  topic: z.string(),
  kind: roomKindSchema,
  archived: z.boolean(),
  createdAt: timestampSchema,
  memberCount: z.number().int(),
  lastSeq: seqSchema,
  lastRev: seqSchema,
  joined: z.boolean().describe("Whether the asking user is a member"),
  role: roomRoleSchema.nullable().describe("The asking user's role, when a member"),
  lastReadSeq: seqSchema,
  unread: z.number().int().describe("Messages by others after lastReadSeq"),
  mentions: z.number().int().describe("Unread messages that mention the asking user or @room"),
  notify: notifyLevelSchema,
  members: z.array(userRefSchema).describe("For direct messages: everyone in it"),
});
export type RoomSummary = z.infer<typeof roomSummarySchema>;

export const roomInfoSchema = roomSummarySchema.extend({
  online: z.array(userRefSchema).describe(`Up to ${ONLINE_PAGE} of the members with at least one open connection`),
  onlineCount: z.number().int().describe("How many members have at least one open connection"),
  messageCount: z.number().int(),
  historyStartsAt: timestampSchema.nullable().describe("Older messages were deleted by retention; null when none were"),
  retentionDays: z.number().int().nullable().describe("The room's own retention in days (0 keeps all); null follows the server's"),
});
export type RoomInfo = z.infer<typeof roomInfoSchema>;

/** A page of a room's history, oldest first. */
export const historyPageSchema = z.object({
  messages: z.array(messageSchema),
  hasOlder: z.boolean(),
  hasNewer: z.boolean(),
});
export type HistoryPage = z.infer<typeof historyPageSchema>;
