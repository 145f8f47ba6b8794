import { z } from "zod";
import { messageSchema, seqSchema } from "./entities.js";

/** How many mentions or threads one page of the catch-up views holds at most, and by default. */
export const CATCH_UP_PAGE_MAX = 100;
export const CATCH_UP_PAGE_DEFAULT = 30;

const pageQuery = {
  limit: z.coerce.number().int().min(1).max(CATCH_UP_PAGE_MAX).default(CATCH_UP_PAGE_DEFAULT),
};

/** A room's read position and what is unread after it: the answer of marking, and the `read` event. */
export const readStateSchema = z.object({
  seq: seqSchema.describe("The last message read"),
  unread: z.number().int().min(0),
  mentions: z.number().int().min(0),
});
export type ReadState = z.infer<typeof readStateSchema>;

export const markUnreadBodySchema = z.object({ seq: z.number().int().min(1).describe("The first message to show as unread again") });

export const mentionsQuerySchema = z.object({
  ...pageQuery,
  before: z.coerce.number().int().positive().optional().describe("Mentions in messages with a smaller id (older)"),
});
export type MentionsQuery = z.input<typeof mentionsQuerySchema>;
export const mentionSchema = z.object({ message: messageSchema, unread: z.boolean().describe("After the reader's read position in its room") });
export type Mention = z.infer<typeof mentionSchema>;
export const mentionsResponseSchema = z.object({ mentions: z.array(mentionSchema).describe("Newest first"), hasMore: z.boolean() });
export type MentionsResponse = z.infer<typeof mentionsResponseSchema>;

export const threadsQuerySchema = z.object({
  ...pageQuery,
  before: z.coerce.number().int().positive().optional().describe("Threads whose newest reply has a smaller id"),
});
export type ThreadsQuery = z.input<typeof threadsQuerySchema>;
export const threadSummarySchema = z.object({
  root: messageSchema,
  lastReplyId: z.number().int().positive(),
  unreadReplies: z.number().int().min(0).describe("Others' replies after the reader's position in this thread"),
});
export type ThreadSummary = z.infer<typeof threadSummarySchema>;
export const threadsResponseSchema = z.object({ threads: z.array(threadSummarySchema).describe("Most recently answered first"), hasMore: z.boolean() });
export type ThreadsResponse = z.infer<typeof threadsResponseSchema>;
