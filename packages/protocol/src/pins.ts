import { z } from "zod";
import { messageSchema, userRefSchema } from "./entities.js";

const timestampSchema = z.string().describe("ISO 8601 time");

/** Pinned messages per room and saved messages per person (issue 19, point 7). */
export const MAX_PINS_PER_ROOM = 100;
export const MAX_SAVED_PAGE = 100;

export const pinSchema = z.object({
  message: messageSchema,
  pinnedBy: userRefSchema.nullable().describe("Null once the account that pinned it is gone"),
  pinnedAt: timestampSchema,
});
export type Pin = z.infer<typeof pinSchema>;
export const pinsResponseSchema = z.object({ pins: z.array(pinSchema).describe(`The room's pins, newest first (at most ${MAX_PINS_PER_ROOM})`) });
export const pinResponseSchema = z.object({ pin: pinSchema });

export const savedParamsSchema = z.object({ id: z.coerce.number().int().positive().describe("The message's id") });
export const savedQuerySchema = z.object({
  before: z
    .string()
    .regex(/^\d{1,16}-\d{1,16}$/)
    .optional()
    .describe("Continue after this cursor (nextBefore)"),
  limit: z.coerce.number().int().min(1).max(MAX_SAVED_PAGE).default(50),
});
export type SavedQuery = z.input<typeof savedQuerySchema>;
export const savedMessageSchema = z.object({ message: messageSchema, savedAt: timestampSchema });
export type SavedMessage = z.infer<typeof savedMessageSchema>;
export const savedResponseSchema = z.object({
  saved: z.array(savedMessageSchema).describe("Newest saved first; only messages of rooms one is still in"),
  nextBefore: z.string().nullable().describe("Pass as `before` for the next page; null at the end"),
});
export type SavedResponse = z.infer<typeof savedResponseSchema>;

/** To the room's members: a message was pinned or unpinned, by whom; the pins panel reloads, the room shows a line. */
export interface PinEvent {
  room: string;
  messageId: number;
  seq: number;
  pinned: boolean;
  by: { id: number; username: string };
}
