import { z } from "zod";
import { serverRoleSchema, userSchema } from "./entities.js";
import { isStorableText, passwordSchema } from "./text.js";

/**
 * Who gets in and what guests may do: the console's Settings tab and `GET`/`PATCH /api/admin/settings`.
 * Kept in the database; the environment gives only the first value.
 */
export const registrationModeSchema = z.enum(["open", "invite", "closed"]);
export type RegistrationMode = z.infer<typeof registrationModeSchema>;

export const guestPowersSchema = z.object({
  joinPublicRooms: z.boolean().describe("Join public rooms beyond general (and post there)"),
  createRooms: z.boolean().describe("Create rooms"),
  directMessages: z.boolean().describe("Start direct messages with anyone; when false, only answer people who wrote to them first"),
});
export type GuestPowers = z.infer<typeof guestPowersSchema>;

const emailDomainSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(253)
  .regex(/^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, "a domain like example.com");

export const MAX_EMAIL_DOMAINS = 50;

export const accessSettingsSchema = z.object({
  registration: registrationModeSchema.describe("open: anyone; invite: only with an invite; closed: nobody (admins make accounts)"),
  guests: z.boolean().describe("Whether people may join with a name only"),
  guestPowers: guestPowersSchema,
  allowedEmailDomains: z.array(emailDomainSchema).max(MAX_EMAIL_DOMAINS).describe("Email addresses people may set; empty allows any"),
  personalTokens: z.boolean().describe("Whether people may make their own personal access tokens"),
});
export type AccessSettings = z.infer<typeof accessSettingsSchema>;

/** A change names only what changes. */
export const accessSettingsPatchSchema = accessSettingsSchema.extend({ guestPowers: guestPowersSchema.partial() }).partial().strict();
export type AccessSettingsPatch = z.input<typeof accessSettingsPatchSchema>;

/** What the log-in page needs to know before anyone signs in: public. */
export const INVITE_MAX_USES = 1000;
export const INVITE_MAX_HOURS = 24 * 90;

export const createInviteBodySchema = z.object({
  maxUses: z.number().int().min(1).max(INVITE_MAX_USES).default(1),
  expiresInHours: z.number().int().min(1).max(INVITE_MAX_HOURS).default(72),
});
export type CreateInviteBody = z.input<typeof createInviteBodySchema>;

/** An invite as listed: the code itself is shown once, when made (the server keeps only its hash). */
export const inviteSchema = z.object({
  id: z.number().int().positive(),
  createdBy: z.string(),
  createdAt: z.string().describe("ISO 8601 time"),
  expiresAt: z.string().describe("ISO 8601 time"),
  maxUses: z.number().int(),
  uses: z.number().int(),
  revoked: z.boolean(),
});
export type Invite = z.infer<typeof inviteSchema>;

export const createdInviteSchema = z.object({ invite: inviteSchema, code: z.string(), url: z.string() });
export type CreatedInvite = z.infer<typeof createdInviteSchema>;
export const invitesResponseSchema = z.object({ invites: z.array(inviteSchema).describe("Newest first") });
export const inviteParamsSchema = z.object({ id: z.coerce.number().int().positive() });
/** An invite's code or a reset link's token: 256 random bits, base64url. */
export const linkTokenSchema = z.string().min(1).max(128);

/** A search of people by part of a name, a page at a time: the console's list and the people directory. */
export function nameSearchQuerySchema(defaultLimit: number) {
  return z.object({
    query: z
      .string()
      .max(64)
      .refine(isStorableText, "Text contains NUL or unpaired surrogate characters")
      .default("")
      .describe("Part of the name or display name"),
    cursor: z
      .string()
      .max(300)
      .refine(isStorableText, "Text contains NUL or unpaired surrogate characters")
      .optional()
      .describe("From the previous page's `nextCursor`"),
    limit: z.coerce.number().int().min(1).max(100).default(defaultLimit),
  });
}

export const adminUsersQuerySchema = nameSearchQuerySchema(50);
export type AdminUsersQuery = z.input<typeof adminUsersQuerySchema>;

export const adminUserSchema = userSchema.extend({ email: z.string().nullable() });
export type AdminUser = z.infer<typeof adminUserSchema>;
export const adminUsersResponseSchema = z.object({
  users: z.array(adminUserSchema).describe("In name order"),
  nextCursor: z.string().nullable(),
});
export type AdminUsersResponse = z.infer<typeof adminUsersResponseSchema>;

export const adminUserParamsSchema = z.object({ username: z.string().min(1).max(256) });
export const adminUserPatchSchema = z
  .object({ role: serverRoleSchema.optional(), deactivated: z.boolean().optional() })
  .strict()
  .refine((change) => change.role !== undefined || change.deactivated !== undefined, "change role, deactivated or both");
export type AdminUserPatch = z.infer<typeof adminUserPatchSchema>;
export const adminUserResponseSchema = z.object({ user: adminUserSchema });

export const resetLinkResponseSchema = z.object({ url: z.string(), expiresAt: z.string().describe("ISO 8601 time") });
export type ResetLink = z.infer<typeof resetLinkResponseSchema>;
/** The page of a reset link sets the new password with it; the link works once. */
export const resetPasswordBodySchema = z.object({ token: linkTokenSchema, password: passwordSchema });

/** A guest keeps their name and history and becomes a member with a password. */
export const upgradeBodySchema = z.object({ password: passwordSchema });

export const overviewSchema = z.object({
  people: z.number().int().describe("Accounts, guests included, deactivated not"),
  deactivated: z.number().int(),
  rooms: z.number().int().describe("Public and private rooms, not direct messages"),
  messages: z.number().int(),
  onlineNow: z.number().int(),
  storageBytes: z.number().int().describe("Bytes of uploaded files"),
});
export type Overview = z.infer<typeof overviewSchema>;
