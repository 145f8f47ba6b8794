import { z } from "zod";

/**
 * One line of the audit log: who did what to whom, from where. Actions are dotted words (`user.deactivate`,
 * `room.delete`, `login.failed`…); docs/admin.md lists them. Nobody edits an entry through the product.
 */
export const auditEntrySchema = z.object({
  id: z.number().int().positive(),
  at: z.string().describe("ISO 8601 time"),
  actor: z.string().describe('The acting user\'s name at the time; "cli" for the command line, "system" for the server'),
  actorId: z.number().int().positive().nullable(),
  action: z.string(),
  target: z.string().describe("What the action was done to: a username, #room, a message id… or empty"),
  address: z.string().describe("The client's address, or empty"),
  details: z.record(z.string(), z.unknown()),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

/** Dotted lower-case words: what audit actions look like (and what a filter may ask for). */
export const auditActionSchema = z
  .string()
  .max(64)
  .regex(/^[a-z_]+(\.[a-z_]+)*$/, "an action is dotted lower-case words, like user.deactivate");

export const AUDIT_PAGE_MAX = 200;

export const auditQuerySchema = z.object({
  before: z.coerce.number().int().positive().optional().describe("Continue below this entry id"),
  action: auditActionSchema.optional(),
  actor: z.string().min(1).max(64).optional().describe("Only this user's actions (a username, or cli / system)"),
  since: z.iso.datetime({ offset: true }).optional().describe("From this time on (ISO 8601)"),
  until: z.iso.datetime({ offset: true }).optional().describe("Before this time (ISO 8601)"),
  limit: z.coerce.number().int().min(1).max(AUDIT_PAGE_MAX).default(50),
});
export type AuditQuery = z.input<typeof auditQuerySchema>;

export const auditResponseSchema = z.object({
  entries: z.array(auditEntrySchema).describe("Newest first"),
  nextBefore: z.number().int().positive().nullable().describe("Pass as `before` for the next page; null at the end"),
});
export type AuditResponse = z.infer<typeof auditResponseSchema>;
