import { z } from "zod";

/** What an import brought in, or (in a dry run) would bring in. */
export const importCountsSchema = z.object({
  users: z.number().int().nonnegative(),
  rooms: z.number().int().nonnegative(),
  members: z.number().int().nonnegative(),
  messages: z.number().int().nonnegative(),
  replies: z.number().int().nonnegative(),
  reactions: z.number().int().nonnegative(),
  /** Files stored with their bytes; those the export only names are named in their message's text. */
  files: z.number().int().nonnegative(),
  filesWithoutBytes: z.number().int().nonnegative(),
  /** Already imported by an earlier run: left as they were. */
  alreadyImported: z.number().int().nonnegative(),
  skipped: z.number().int().nonnegative(),
});

/** One thing left out, and why: a file, a user, a message (by channel and ts). */
export const importSkipSchema = z.object({ what: z.string(), reason: z.string() });

/** The skipped list keeps its first entries; `counts.skipped` counts them all. */
export const IMPORT_SKIPS_KEPT = 500;

export const importJobSchema = z.object({
  id: z.string(),
  source: z.literal("slack"),
  dryRun: z.boolean(),
  state: z.enum(["running", "done", "failed"]),
  /** Which step the import is at ("users", "rooms", or the channel being read) and how far: files read of all. */
  step: z.string(),
  filesDone: z.number().int().nonnegative(),
  filesTotal: z.number().int().nonnegative(),
  counts: importCountsSchema,
  skipped: z.array(importSkipSchema),
  /** Why a failed import stopped; it can be started again and goes on where it stopped. */
  error: z.string().nullable(),
  startedAt: z.number(),
  finishedAt: z.number().nullable(),
});

export const importQuerySchema = z.object({ dryRun: z.enum(["true", "false"]).default("false") });
export const importParamsSchema = z.object({ id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "Not an import id") });
export const importJobResponseSchema = z.object({ job: importJobSchema });

export type ImportCounts = z.infer<typeof importCountsSchema>;
export type ImportSkip = z.infer<typeof importSkipSchema>;
export type ImportJob = z.infer<typeof importJobSchema>;
