import type { ResetLink } from "@natter/protocol";
import type { UserRow } from "../storage/schema.js";
import { openSession, type Session } from "./accounts.js";
import { recordAudit, type AuditActor } from "./audit.js";
import type { Domain } from "./context.js";
import { Refusal } from "./errors.js";
import { admitSignup } from "./limits.js";
import { hashPassword } from "./passwords.js";
import type { PeopleDomain } from "./people.js";
import { hashToken, newSessionToken } from "./tokens.js";

/** A reset link works once, for a day: long enough to pass it on by chat or mail, short enough to go stale. */
export const RESET_TTL_MS = 24 * 60 * 60_000;

/** An admin's (or the CLI's) one-time link to a page where the person sets a new password. Only its hash is kept. */
export async function createResetLink(
  domain: PeopleDomain & Pick<Domain, "publicUrl">,
  actor: AuditActor,
  target: UserRow,
  address?: string,
): Promise<ResetLink> {
  if (target.kind === "guest") throw new Refusal("NOT_FOR_GUESTS", `${target.username} is a guest and has no password`);
  const token = newSessionToken();
  const now = domain.now();
  await domain.store.createPasswordReset({ token_hash: hashToken(token), user_id: target.id, created_at: now, expires_at: now + RESET_TTL_MS });
  await recordAudit(domain, { actor, action: "user.reset_link", target: target.username, address });
  return { url: `${domain.publicUrl()}/reset-password?token=${encodeURIComponent(token)}`, expiresAt: new Date(now + RESET_TTL_MS).toISOString() };
}

/** The link's page: sets the password, ends every other session and connection, and signs in. */
export async function completeReset(domain: Domain, input: { token: string; password: string }, address: string): Promise<Session> {
  // Counted like a sign-up, so tokens cannot be guessed at speed.
  await admitSignup(domain.limits, address);
  const passwordHash = await hashPassword(input.password);
  const reset = await domain.store.takePasswordReset(hashToken(input.token));
  if (!reset || reset.expires_at <= domain.now()) throw new Refusal("BAD_TOKEN", "This reset link is wrong, used or expired");
  const row = await domain.store.userById(reset.user_id);
  if (!row) throw new Refusal("BAD_TOKEN", "This reset link is wrong, used or expired");
  if (row.deactivated_at !== null) throw new Refusal("ACCOUNT_DISABLED", "This account is deactivated; ask an admin");
  await domain.store.setPasswordHash(row.id, passwordHash);
  await domain.store.deleteSessionsOf(row.id);
  domain.publisher.closeUser(row.id);
  await recordAudit(domain, { actor: row, action: "user.password_reset", target: row.username, address });
  return openSession(domain, row);
}
