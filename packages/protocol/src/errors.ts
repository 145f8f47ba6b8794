import { z } from "zod";
import { errorCodes, validationRules } from "./vocabulary.js";

export const errorCodeSchema = z.enum(errorCodes);

export const errorBodySchema = z.object({
  code: errorCodeSchema,
  message: z.string(),
  retryAfterMs: z.number().int().min(0).optional().describe("With RATE_LIMITED: how long to wait before trying again"),
  field: z.string().optional().describe("With BAD_REQUEST: the refused field, as a dotted path inside the body, query or address"),
  rule: z.enum(validationRules).optional().describe("With `field`: what is wrong with it"),
  limit: z.number().optional().describe("With a too_* rule: the bound the field missed"),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;

/** The body of every failed HTTP request. */
export const errorResponseSchema = z.object({ error: errorBodySchema });
export type ErrorResponse = z.infer<typeof errorResponseSchema>;
