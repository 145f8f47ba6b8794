import { randomBytes } from "node:crypto";
import { resetMail } from "../notify/resetTexts.js";
import type { UserRow } from "../storage/index.js";
import type { Domain } from "./context.js";
import { Refusal } from "./errors.js";
import { tooFast } from "./limits.js";
import { hashPassword } from "./passwords.js";
import { hashToken } from "./tokens.js";

/** A reset link works for an hour, once; a newer one voids it. */
export const RESET_TTL_MS = 3600_000;

/**
 * "Forgot password": the answer is the same, and as quick, whether or not the address is anyone's: the
 * lookup, the link and the mail happen after the answer. Only verified addresses get a link (one per
 * account with that address). Limited per client address (refused) and per email asked for (silently).
 */
export async function forgotPassword(domain: Domain, email: string, language: string | undefined, address: string): Promise<void> {
  if (!domain.mailer) throw new Refusal("EMAIL_DISABLED", "This server sends no email (SMTP_URL is unset); ask an admin to reset your password");
  await admitResetRequest(domain, address);
  const wanted = email.trim().toLowerCase();
  const deliver = async () => {
    if ((await domain.limits.actions.passwordResets.take(`to:${wanted}`)) > 0) return;
    for (const user of await domain.store.usersByVerifiedEmail(wanted)) await mailLink(domain, user, language);
  };
  // Not awaited: a mail server's delay must not tell a known address from an unknown one. A failure is
  // the same as no mail for the asker, who may ask again.
  void deliver().catch(() => undefined);
}

async function mailLink(domain: Domain, user: UserRow, language: string | undefined): Promise<void> {
  const mailer = domain.mailer;
  if (!mailer || !user.email) return;
  const token = randomBytes(32).toString("base64url");
  await domain.store.createPasswordReset({ tokenHash: hashToken(token), userId: user.id, expiresAt: domain.now() + RESET_TTL_MS });
  const link = `${domain.publicUrl()}/reset?token=${token}`;
  await mailer.send({ to: user.email, ...resetMail(language ?? user.language, user.username, link) });
}

/** Asking for links and using them share one budget per client address. */
async function admitResetRequest(domain: Domain, address: string): Promise<void> {
  const waitMs = await domain.limits.actions.passwordResets.take(`ip:${address}`);
  if (waitMs > 0) throw tooFast("Too many password reset requests; try again later", waitMs);
}

/** The mailed token sets a new password once, and ends every session of the account with its sockets. */
export async function resetPassword(domain: Domain, token: string, password: string, address: string): Promise<void> {
  await admitResetRequest(domain, address);
  const row = await domain.store.takePasswordReset(hashToken(token));
  const user = row && row.expires_at > domain.now() ? await domain.store.userById(row.user_id) : undefined;
  if (!row || !user) throw new Refusal("BAD_TOKEN", "This reset link is used, expired or not valid; ask for a new one");
  await domain.store.setPasswordHash(user.id, await hashPassword(password));
  await domain.store.deleteSessionsOf(user.id);
  domain.publisher.closeUser(user.id);
  await domain.limits.failedLoginsByAccount.clear(user.username_key);
}
