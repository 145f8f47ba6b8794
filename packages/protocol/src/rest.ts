import { z } from "zod";
import { reactionEmojiSchema } from "./customEmoji.js";
import {
  attachmentSchema,
  availabilitySchema,
  historyPageSchema,
  messageSchema,
  notifyLevelSchema,
  profileSchema,
  roomInfoSchema,
  roomRoleSchema,
  roomSummarySchema,
  seqSchema,
  serverRoleSchema,
  userRefSchema,
  userSchema,
} from "./entities.js";
import {
  clientMsgIdSchema,
  displayNameSchema,
  emojiSchema,
  isStorableText,
  MAX_DM_PEOPLE,
  messageTextSchema,
  nameSchema,
  passwordSchema,
  statusSchema,
  topicSchema,
} from "./text.js";

export const HISTORY_PAGE_DEFAULT = 50;
export const HISTORY_PAGE_MAX = 100;

export const registerBodySchema = z.object({
  username: nameSchema,
  password: passwordSchema,
  invite: z.string().min(1).max(128).optional().describe("An invite's code: needed while registration is by invite"),
});
/** The first admin, made with the one-time link the server logs when it has no admin. */
export const setupBodySchema = z.object({ token: z.string().min(1).max(256), username: nameSchema, password: passwordSchema });
export const loginBodySchema = z.object({ username: z.string().max(256), password: z.string().max(256) });
export const guestBodySchema = z.object({ username: nameSchema });
export const authResponseSchema = z.object({ user: userSchema, token: z.string() });
export const meResponseSchema = z.object({ user: userSchema });
export const okResponseSchema = z.object({ ok: z.literal(true) });

export const onlineUsersResponseSchema = z.object({ users: z.array(userRefSchema) });

const seqParam = z.coerce.number().int().min(0);
/** A jump to a date: the page starts at the first message sent at or after this time. */
export const historyAtSchema = z.iso
  .datetime({ offset: true })
  .describe("Messages sent from this time on (ISO 8601), oldest first: a jump to a date; wins over after and before");
export const historyQuerySchema = z.object({
  room: nameSchema.default("general"),
  limit: z.coerce.number().int().min(1).max(HISTORY_PAGE_MAX).default(HISTORY_PAGE_DEFAULT),
  before: seqParam.optional().describe("Messages with a smaller seq (older)"),
  after: seqParam.optional().describe("Messages with a larger seq (newer); wins over before"),
  at: historyAtSchema.optional(),
});
export type HistoryQuery = z.infer<typeof historyQuerySchema>;
export const historyResponseSchema = historyPageSchema;

export const roomParamsSchema = z.object({ name: nameSchema });
export const roomInfoResponseSchema = z.object({ room: roomInfoSchema });
export const roomsResponseSchema = z.object({ rooms: z.array(roomSummarySchema) });
export const createRoomBodySchema = z.object({ name: nameSchema, topic: topicSchema.default(""), private: z.boolean().default(false) });
export const updateRoomBodySchema = z.object({ name: nameSchema.optional(), topic: topicSchema.optional(), archived: z.boolean().optional() });
export const inviteBodySchema = z.object({ username: nameSchema });
export const memberParamsSchema = z.object({ name: nameSchema, username: nameSchema });
export const memberRoleBodySchema = z.object({ role: z.enum(["admin", "member"]) });
export const memberSchema = z.object({
  user: userRefSchema,
  role: roomRoleSchema,
  online: z.boolean(),
  availability: availabilitySchema.optional().describe("Only when there is something to show: away, do-not-disturb, a custom status"),
});
export type Member = z.infer<typeof memberSchema>;
export const membersResponseSchema = z.object({ members: z.array(memberSchema) });
export const readBodySchema = z.object({ seq: seqSchema });
export const notifyBodySchema = z.object({ level: notifyLevelSchema });
export const directBodySchema = z.object({
  usernames: z
    .array(nameSchema)
    .min(1)
    .max(MAX_DM_PEOPLE - 1)
    .describe("The others in the conversation"),
});
export const changesQuerySchema = z.object({ sinceRev: z.coerce.number().int().min(0) });
export const changesResponseSchema = z.object({
  updated: z.array(messageSchema).describe("Messages changed since sinceRev, oldest change first"),
  lastRev: seqSchema,
  reset: z.boolean().describe("Too much changed: reload the room"),
});
export const roomResponseSchema = z.object({ room: roomSummarySchema });

export const MAX_ATTACHMENTS_CEILING = 20;
export const uploadQuerySchema = z.object({ name: z.string().min(1).max(1000).describe("The file's name as the user knows it") });
export const uploadResponseSchema = z.object({ file: attachmentSchema });
export const fileParamsSchema = z.object({ id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/), name: z.string().max(1000) });
export const thumbnailParamsSchema = fileParamsSchema.pick({ id: true });

export const sendMessageBodySchema = z.object({
  text: messageTextSchema.or(z.literal("")).describe("May be empty when files are attached"),
  attachments: z.array(z.string().max(64)).max(MAX_ATTACHMENTS_CEILING).default([]).describe("Ids of files you uploaded"),
  clientMsgId: clientMsgIdSchema,
  replyTo: z.number().int().positive().optional().describe("Reply to this message (in its thread)"),
  inRoom: z.boolean().default(true).describe("With replyTo: false posts to the thread only"),
});
export const messageResponseSchema = z.object({ message: messageSchema });
export const messageParamsSchema = z.object({ name: nameSchema, id: z.coerce.number().int().positive() });
export const editMessageBodySchema = z.object({ text: messageTextSchema });
export const reactionParamsSchema = messageParamsSchema.extend({ emoji: reactionEmojiSchema });
export const threadResponseSchema = z.object({ root: messageSchema, replies: z.array(messageSchema) });

export const userParamsSchema = z.object({ username: nameSchema });
export const profileResponseSchema = z.object({ user: profileSchema });
const futureTimeSchema = z.iso.datetime({ offset: true }).describe("An absolute time: the browser turns 'tomorrow' into its own local morning");
export const setAvailabilityBodySchema = z.object({
  away: z.boolean().optional().describe("Appear away whatever the tabs do, or stop"),
  dnd: z
    .object({ until: futureTimeSchema.nullable().describe("null: until turned off") })
    .nullable()
    .optional()
    .describe("null turns do-not-disturb off"),
  customStatus: z
    .object({ emoji: emojiSchema.or(z.literal("")), text: statusSchema, expiresAt: futureTimeSchema.nullable() })
    .nullable()
    .optional()
    .describe("null clears it; the text is also `User.status`"),
});
export type SetAvailabilityBody = z.input<typeof setAvailabilityBodySchema>;
export const availabilityResponseSchema = z.object({ availability: availabilitySchema });

export const updateMeBodySchema = z.object({ displayName: displayNameSchema.optional(), status: statusSchema.optional() });
export const changePasswordBodySchema = z.object({ currentPassword: z.string().max(256), newPassword: passwordSchema });
export const serverRoleBodySchema = z.object({ role: serverRoleSchema });

export type RegisterBody = z.infer<typeof registerBodySchema>;
export type LoginBody = z.infer<typeof loginBodySchema>;
export type GuestBody = z.infer<typeof guestBodySchema>;
export type AuthResponse = z.infer<typeof authResponseSchema>;
export type CreateRoomBody = z.input<typeof createRoomBodySchema>;
export type SendMessageBody = z.input<typeof sendMessageBodySchema>;
export type UpdateRoomBody = z.infer<typeof updateRoomBodySchema>;
export type UpdateMeBody = z.infer<typeof updateMeBodySchema>;

export const SEARCH_QUERY_MAX = 200;
export const searchQuerySchema = z.object({
  q: z
    .string()
    .trim()
    .min(1)
    .max(SEARCH_QUERY_MAX)
    .refine(isStorableText, "Query contains invalid characters")
    .describe("Words or fragments, all of which must appear"),
  room: nameSchema.optional(),
  author: nameSchema.optional(),
  from: z.iso.datetime({ offset: true }).or(z.iso.date()).optional().describe("On or after this time"),
  to: z.iso.datetime({ offset: true }).or(z.iso.date()).optional().describe("Before this time"),
  hasFile: z
    .enum(["true", "false"])
    .transform((v) => v === "true")
    .optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
  before: z.coerce.number().int().positive().optional().describe("Continue below this message id"),
});
export type SearchQuery = z.input<typeof searchQuerySchema>;
export const searchHitSchema = z.object({
  message: messageSchema,
  highlights: z.array(z.tuple([z.number().int(), z.number().int()])).describe("[start, end) UTF-16 offsets of the matches in message.text"),
});
export type SearchHit = z.infer<typeof searchHitSchema>;
export const searchResponseSchema = z.object({ results: z.array(searchHitSchema), hasMore: z.boolean() });
export type SearchResponse = z.infer<typeof searchResponseSchema>;
