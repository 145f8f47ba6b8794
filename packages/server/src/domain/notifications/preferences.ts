import type { NotificationSettings, User } from "@natter/protocol";
import type { Domain } from "../context.js";
import { Refusal } from "../errors.js";
import { spend } from "../limits.js";

export async function notificationSettings(domain: Domain, user: User): Promise<NotificationSettings> {
  const row = await domain.store.userById(user.id);
  if (!row) throw new Refusal("NOT_FOUND", "Your account no longer exists");
  return {
    keywords: row.keywords === "" ? [] : row.keywords.split("\n"),
    email: row.email,
    emailVerified: row.email_verified_at !== null,
    emailAvailable: domain.mailer !== undefined,
  };
}

/** The words that notify the user wherever they are written (see engine.ts); the same word twice is kept once. */
export async function setKeywords(domain: Domain, user: User, keywords: readonly string[]): Promise<NotificationSettings> {
  await spend(domain.limits, "notificationSettings", user.id);
  const unique = [...new Map(keywords.map((keyword) => [keyword.toLocaleLowerCase(), keyword])).values()];
  await domain.store.updateUser(user.id, { keywords: unique.join("\n") });
  return notificationSettings(domain, user);
}
