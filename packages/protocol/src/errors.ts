import { z } from "zod";
import { errorCodes } from "./vocabulary.js";

export const errorCodeSchema = z.enum(errorCodes);
export type ErrorCode = z.infer<typeof errorCodeSchema>;

export const errorBodySchema = z.object({
  code: errorCodeSchema,
  message: z.string(),
  retryAfterMs: z.number().int().min(0).optional().describe("With RATE_LIMITED: how long to wait before trying again"),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;

/** The body of every failed HTTP request. */
export const errorResponseSchema = z.object({ error: errorBodySchema });
export type ErrorResponse = z.infer<typeof errorResponseSchema>;
