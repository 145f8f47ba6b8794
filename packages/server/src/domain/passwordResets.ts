import type { ResetLink } from "@natter/protocol";
import { resetMail } from "../notify/resetTexts.js";
import type { UserRow } from "../storage/schema.js";
import { recordAudit, type AuditActor } from "./audit.js";
import type { Domain } from "./context.js";
import { Refusal } from "./errors.js";
import { tooFast } from "./limits.js";
import { hashPassword } from "./passwords.js";
import type { PeopleDomain } from "./people.js";
import { hashToken, newSessionToken } from "./tokens.js";

/**
 * One-time links that set a new password, one table and one page (`/reset-password`) for both ways of making
 * them: an admin (or the CLI) hands one over, or "forgot password" mails one to a verified address. A new link
 * voids the account's previous one; using one does not sign in, so two-factor authentication still applies.
 */

/** An admin's link works for a day: long enough to pass it on by chat or mail, short enough to go stale. */
export const ADMIN_LINK_TTL_MS = 24 * 60 * 60_000;
/** A mailed link works for an hour: the mailbox is the only proof, and mail lingers. */
export const MAILED_LINK_TTL_MS = 60 * 60_000;

async function newLink(domain: Pick<Domain, "store" | "now" | "publicUrl">, userId: number, ttlMs: number): Promise<{ url: string; expiresAt: number }> {
  const token = newSessionToken();
  const now = domain.now();
  await domain.store.createPasswordReset({ token_hash: hashToken(token), user_id: userId, created_at: now, expires_at: now + ttlMs });
  return { url: `${domain.publicUrl()}/reset-password?token=${encodeURIComponent(token)}`, expiresAt: now + ttlMs };
}

/** An admin's (or the CLI's) one-time link to a page where the person sets a new password. Only its hash is kept. */
export async function createResetLink(
  domain: PeopleDomain & Pick<Domain, "publicUrl">,
  actor: AuditActor,
  target: UserRow,
  address?: string,
): Promise<ResetLink> {
  if (target.kind === "guest") throw new Refusal("NOT_FOR_GUESTS", `${target.username} is a guest and has no password`);
  const link = await newLink(domain, target.id, ADMIN_LINK_TTL_MS);
  await recordAudit(domain, { actor, action: "user.reset_link", target: target.username, address });
  return { url: link.url, expiresAt: new Date(link.expiresAt).toISOString() };
}

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
  if (!mailer || !user.email || user.deactivated_at !== null) return;
  const link = await newLink(domain, user.id, MAILED_LINK_TTL_MS);
  await mailer.send({ to: user.email, ...resetMail(language ?? user.language, user.username, link.url) });
}

/** Asking for links and using them share one budget per client address, so tokens cannot be guessed at speed. */
async function admitResetRequest(domain: Domain, address: string): Promise<void> {
  const waitMs = await domain.limits.actions.passwordResets.take(`ip:${address}`);
  if (waitMs > 0) throw tooFast("Too many password reset requests; try again later", waitMs);
}

/** The link's page: sets the password once, and ends every session of the account with its sockets. */
export async function resetPassword(domain: Domain, token: string, password: string, address: string): Promise<void> {
  await admitResetRequest(domain, address);
  const passwordHash = await hashPassword(password);
  const row = await domain.store.takePasswordReset(hashToken(token));
  const user = row && row.expires_at > domain.now() ? await domain.store.userById(row.user_id) : undefined;
  if (!row || !user) throw new Refusal("BAD_TOKEN", "This reset link is used, expired or not valid; ask for a new one");
  if (user.deactivated_at !== null) throw new Refusal("ACCOUNT_DISABLED", "This account is deactivated; ask an admin");
  await domain.store.setPasswordHash(user.id, passwordHash);
  await domain.store.deleteSessionsOf(user.id);
  domain.publisher.closeUser(user.id);
  await domain.limits.failedLoginsByAccount.clear(user.username_key);
  await recordAudit(domain, { actor: user, action: "user.password_reset", target: user.username, address });
}
