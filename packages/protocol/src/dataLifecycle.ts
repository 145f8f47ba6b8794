import { z } from "zod";

/** Longest per-room retention an admin may set: 100 years, in days. */
export const RETENTION_DAYS_MAX = 36_500;

/** A room's own retention: days of history kept (0 keeps forever), or null to follow the server's RETENTION_DAYS. */
export const roomRetentionBodySchema = z.object({
  days: z.number().int().min(0).max(RETENTION_DAYS_MAX).nullable(),
});
export type RoomRetentionBody = z.input<typeof roomRetentionBodySchema>;

export const roomRetentionSchema = z.object({
  room: z.string(),
  days: z.number().int().nullable().describe("The room's own setting; null follows the server's"),
  effectiveDays: z.number().int().describe("What applies now: 0 keeps everything"),
  historyStartsAt: z.string().nullable().describe("ISO 8601: older messages were deleted by retention; null when none were"),
});
export type RoomRetention = z.infer<typeof roomRetentionSchema>;
export const roomRetentionResponseSchema = z.object({ retention: roomRetentionSchema });

export const dataExportStatusSchema = z.enum(["preparing", "ready", "failed"]);

/** "Download my data": a zip of the person's profile, messages and files, made in the background. */
export const dataExportSchema = z.object({
  id: z.string(),
  status: dataExportStatusSchema,
  createdAt: z.string(),
  expiresAt: z.string().describe("After this the archive is deleted and the link answers not found"),
  size: z.number().int().nullable(),
  url: z.string().nullable().describe("Where the owner downloads it (signed in as themselves) once ready"),
});
export type DataExport = z.infer<typeof dataExportSchema>;
export const dataExportResponseSchema = z.object({ export: dataExportSchema });
export const dataExportParamsSchema = z.object({ id: z.string().regex(/^[0-9a-f-]{36}$/, "an export id") });

/** Deleting one's own account asks for the password again, so an open tab alone cannot do it. */
export const deleteAccountBodySchema = z.object({ password: z.string().min(1).max(256) });
export type DeleteAccountBody = z.input<typeof deleteAccountBodySchema>;
