import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import type { NotificationSettings, User } from "@natter/protocol";
import { emailTexts } from "../../notify/emailTexts.js";
import type { Domain } from "../context.js";
import { requireAllowedDomain } from "../emailDomains.js";
import { Refusal } from "../errors.js";
import { spend } from "../limits.js";
import { closeOtherSessions } from "../sessions.js";
import { hashToken } from "../tokens.js";
import { notificationSettings } from "./preferences.js";

/** A verification link works for a day, once. */
const VERIFY_TTL_MS = 24 * 3600_000;
/** Roughly what RFC 5321 allows, without the corners no real address uses. */
/** What Natter takes for an email address (an import checks Slack's by it too). */
export const ADDRESS = /^[^\s@"<>,;:()[\]\\]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;

/**
 * A new address waits for its owner to open the link mailed to it; null stops emails and forgets the address.
 * A changed address (it may reset the password) ends the user's other sessions, kept only `keepTokenHash`'s.
 */
export async function setEmail(domain: Domain, user: User, email: string | null, language?: string, keepTokenHash?: string): Promise<NotificationSettings> {
  const mailer = domain.mailer;
  if (!mailer && email !== null) throw new Refusal("EMAIL_DISABLED", "This server sends no email (SMTP_URL is unset)");
  if (email !== null && !ADDRESS.test(email)) throw new Refusal("BAD_EMAIL", "That is not an email address");
  if (email !== null) await requireAllowedDomain(domain, email);
  await spend(domain.limits, email === null ? "notificationSettings" : "verificationEmails", user.id);
  const before = await domain.store.userById(user.id);
  await domain.store.updateUser(user.id, { email, email_verified_at: null, ...(language ? { language } : {}) });
  if (keepTokenHash !== undefined && before?.email !== email) await closeOtherSessions(domain, user.id, keepTokenHash);
  if (mailer && email !== null) {
    const token = randomBytes(24).toString("base64url");
    await domain.store.createEmailToken({ tokenHash: hashToken(token), userId: user.id, email, expiresAt: domain.now() + VERIFY_TTL_MS });
    const row = await domain.store.userById(user.id);
    const texts = emailTexts(row?.language ?? "en");
    const link = `${domain.publicUrl()}/api/email/verify?token=${token}`;
    await mailer.send({ to: email, ...texts.verify(user.username, link) }).catch((error: unknown) => {
      throw new Refusal("UNAVAILABLE", `The verification email could not be sent: ${error instanceof Error ? error.message : "mail server error"}`);
    });
  }
  return notificationSettings(domain, user);
}

/** The mailed token proves the address; it is used once, and only for the address it was mailed to. */
export async function verifyEmail(domain: Domain, token: string): Promise<string> {
  const row = await domain.store.takeEmailToken(hashToken(token));
  const user = row && row.expires_at > domain.now() ? await domain.store.userById(row.user_id) : undefined;
  if (!row || !user || user.email !== row.email) throw new Refusal("BAD_TOKEN", "This link is used, expired or for another address");
  await domain.store.updateUser(user.id, { email_verified_at: domain.now() });
  domain.notices.forgetReachable();
  return user.language;
}

/** The token in each email's unsubscribe link: whose, signed, and void once the address changes. */
export async function unsubscribeToken(domain: Domain, userId: number, email: string): Promise<string> {
  return `${userId}.${await signature(domain, userId, email)}`;
}

export async function unsubscribe(domain: Domain, token: string): Promise<string> {
  const [id, given] = token.split(".");
  const userId = Number(id);
  const user = Number.isSafeInteger(userId) && userId > 0 ? await domain.store.userById(userId) : undefined;
  const expected = user?.email ? Buffer.from(await signature(domain, user.id, user.email)) : undefined;
  const sent = Buffer.from(given ?? "");
  if (!user || !expected || expected.length !== sent.length || !timingSafeEqual(expected, sent))
    throw new Refusal("BAD_TOKEN", "This unsubscribe link is not valid any more");
  await domain.store.updateUser(user.id, { email: null, email_verified_at: null });
  return user.language;
}

async function signature(domain: Domain, userId: number, email: string): Promise<string> {
  const secret = await domain.store.serverKey("mail-secret", () => randomBytes(32).toString("base64url"));
  return createHmac("sha256", secret).update(`unsubscribe:${userId}:${email}`).digest("base64url");
}
