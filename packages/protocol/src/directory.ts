import { z } from "zod";

const timestampSchema = z.string().describe("ISO 8601 time");

/** The room directory (issue 19, point 10): every public room one may join, found by part of its name or topic. */
export const MAX_DIRECTORY_ROOMS = 200;

export const directoryQuerySchema = z.object({
  q: z.string().max(128).optional().describe("Part of the room's name or topic"),
  limit: z.coerce.number().int().min(1).max(MAX_DIRECTORY_ROOMS).default(100),
});
export type DirectoryQuery = z.input<typeof directoryQuerySchema>;

export const directoryRoomSchema = z.object({
  name: z.string(),
  topic: z.string(),
  memberCount: z.number().int(),
  lastActivityAt: timestampSchema.nullable().describe("When its newest message was sent; null while it has none"),
  joined: z.boolean().describe("Whether the asking user is a member"),
});
export type DirectoryRoom = z.infer<typeof directoryRoomSchema>;

export const directoryResponseSchema = z.object({
  rooms: z.array(directoryRoomSchema).describe("Public rooms that are not archived, most recently active first"),
});
export type DirectoryResponse = z.infer<typeof directoryResponseSchema>;
