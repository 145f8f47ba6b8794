import { z } from "zod";
import { roomKindSchema, userRefSchema } from "./entities.js";
import { characterCount, isStorableText, nameSchema } from "./text.js";

const idSchema = z.number().int().positive();
const timestampSchema = z.string().describe("ISO 8601 time");

/** Rooms and moderation (issue 15): bans, reports, room deletion and the console's list of rooms. */

export const banBodySchema = z.object({ username: nameSchema });
export const banSchema = z.object({
  user: userRefSchema,
  bannedBy: z.string().describe("Who banned them: a username"),
  at: timestampSchema,
});
export type Ban = z.infer<typeof banSchema>;
export const banResponseSchema = z.object({ ban: banSchema });
export const bansResponseSchema = z.object({ bans: z.array(banSchema).describe("Oldest ban first") });

export const REPORT_REASON_MAX = 500;
export const reportParamsSchema = z.object({ id: z.coerce.number().int().positive().describe("The reported message's id") });
export const reportBodySchema = z.object({
  reason: z
    .string()
    .max(REPORT_REASON_MAX * 4)
    .trim()
    .refine(isStorableText, "The reason contains invalid characters")
    .refine((s) => characterCount(s) >= 1 && characterCount(s) <= REPORT_REASON_MAX, `A reason is 1–${REPORT_REASON_MAX} characters`),
});
export type ReportBody = z.infer<typeof reportBodySchema>;

export const reportStatusSchema = z.enum(["open", "dismissed", "deleted", "banned"]);
export type ReportStatus = z.infer<typeof reportStatusSchema>;
export const reportSchema = z.object({
  id: idSchema,
  room: z.string(),
  messageId: idSchema,
  /** The message as it reads now: empty once deleted. */
  excerpt: z.string(),
  messageDeleted: z.boolean(),
  author: userRefSchema,
  reporter: userRefSchema,
  reason: z.string(),
  createdAt: timestampSchema,
  status: reportStatusSchema,
  resolvedBy: z.string().nullable(),
  resolvedAt: timestampSchema.nullable(),
});
export type Report = z.infer<typeof reportSchema>;
export const reportResponseSchema = z.object({ report: reportSchema });

export const reportsQuerySchema = z.object({
  before: z.coerce.number().int().positive().optional().describe("Continue below this report id"),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
export type ReportsQuery = z.input<typeof reportsQuerySchema>;
export const reportsResponseSchema = z.object({
  reports: z.array(reportSchema).describe("Open reports, newest first, in rooms the asker can see"),
  nextBefore: z.number().int().positive().nullable(),
});
export type ReportsResponse = z.infer<typeof reportsResponseSchema>;

/** What a moderator does with a report; each resolves it (and every other open report of that message, but for dismiss). */
export const reportActionSchema = z.enum(["dismiss", "delete", "ban"]);
export type ReportAction = z.infer<typeof reportActionSchema>;
export const reportIdParamsSchema = z.object({ id: z.coerce.number().int().positive().describe("The report's id") });
export const resolveReportBodySchema = z.object({ action: reportActionSchema });

export const adminRoomsQuerySchema = z.object({
  // PostgreSQL refuses a NUL in a comparison: refused here, the two stores answer alike.
  query: z.string().max(128).refine(isStorableText, "Text contains NUL or unpaired surrogate characters").optional().describe("Part of the room's name"),
  after: z
    .string()
    .max(128)
    .refine(isStorableText, "Text contains NUL or unpaired surrogate characters")
    .optional()
    .describe("Continue after this room name key (nextAfter)"),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
export type AdminRoomsQuery = z.input<typeof adminRoomsQuerySchema>;
export const adminRoomSchema = z.object({
  name: z.string(),
  topic: z.string(),
  kind: roomKindSchema,
  archived: z.boolean(),
  createdAt: timestampSchema,
  memberCount: z.number().int(),
  messageCount: z.number().int().describe("Every message the room has had, deleted ones too"),
  lastActivityAt: timestampSchema.nullable().describe("When its newest message was sent"),
});
export type AdminRoom = z.infer<typeof adminRoomSchema>;
export const adminRoomsResponseSchema = z.object({
  rooms: z.array(adminRoomSchema).describe("Every room but direct conversations, by name"),
  nextAfter: z.string().nullable(),
});
export type AdminRoomsResponse = z.infer<typeof adminRoomsResponseSchema>;

/** Told to everyone who could see the room: it is gone, drop it from every list. */
export interface RoomDeletedEvent {
  room: string;
}
