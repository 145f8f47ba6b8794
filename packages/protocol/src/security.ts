import { z } from "zod";
import { userSchema } from "./entities.js";
import { noticeLanguageSchema } from "./notifications.js";

/** The schemas of two-factor log-in, password reset and the sessions page (issue 17). */

/** A TOTP code (6 digits) or a recovery code (xxxxx-xxxxx); spaces people type are dropped. */
export const secondFactorCodeSchema = z
  .string()
  .max(32)
  .transform((code) => code.replace(/\s+/g, "").toLowerCase());

/** The password was right; the log-in waits for a code. `enroll`: the account must set up 2FA first. */
export const secondFactorStepSchema = z.object({ ticket: z.string(), enroll: z.boolean(), expiresAt: z.number().int() });
export const loginResponseSchema = z.union([z.object({ user: userSchema, token: z.string() }), z.object({ secondFactor: secondFactorStepSchema })]);
export const ticketBodySchema = z.object({ ticket: z.string().min(10).max(200) });
export const loginCodeBodySchema = z.object({ ticket: z.string().min(10).max(200), code: secondFactorCodeSchema });
/** A session, and the recovery codes when this log-in also set 2FA up (shown once). */
export const loginCodeResponseSchema = z.object({ user: userSchema, token: z.string(), recoveryCodes: z.array(z.string()).optional() });

/** The secret is shown here once, while setting up; it is never sent again. */
export const totpSetupResponseSchema = z.object({ secret: z.string(), uri: z.string(), qrSvg: z.string() });
export const twoFactorStatusSchema = z.object({
  enabled: z.boolean(),
  recoveryCodesLeft: z.number().int(),
  /** The server requires it of this account's role. */
  required: z.boolean(),
});
export const codeBodySchema = z.object({ code: secondFactorCodeSchema });
export const recoveryCodesResponseSchema = z.object({ recoveryCodes: z.array(z.string()) });

export const sessionInfoSchema = z.object({
  id: z.string(),
  device: z.string(),
  address: z.string(),
  createdAt: z.number().int(),
  lastSeenAt: z.number().int(),
  current: z.boolean(),
});
export const sessionsResponseSchema = z.object({ sessions: z.array(sessionInfoSchema) });
export const sessionParamsSchema = z.object({ id: z.string().min(1).max(64) });
export const endedSessionsResponseSchema = z.object({ ended: z.number().int() });

export const forgotPasswordBodySchema = z.object({ email: z.string().trim().max(254), language: noticeLanguageSchema.optional() });

export type SecondFactorStep = z.infer<typeof secondFactorStepSchema>;
export type LoginResponse = z.infer<typeof loginResponseSchema>;
export type LoginCodeResponse = z.infer<typeof loginCodeResponseSchema>;
export type TotpSetup = z.infer<typeof totpSetupResponseSchema>;
export type TwoFactorStatus = z.infer<typeof twoFactorStatusSchema>;
export type SessionInfo = z.infer<typeof sessionInfoSchema>;
