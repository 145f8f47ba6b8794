import { z } from "zod";

/** What this server accepts, as its settings say: a client checks before sending instead of copying numbers. */
export const serverLimitsSchema = z.object({
  maxMessageLength: z.number().int().positive().describe("Longest message text, in characters (code points)"),
  maxAttachments: z.number().int().positive().describe("Files per message"),
  maxUploadBytes: z.number().int().positive().describe("Largest file one may upload, in bytes"),
});
export type ServerLimits = z.infer<typeof serverLimitsSchema>;

export const limitsResponseSchema = z.object({ limits: serverLimitsSchema });
