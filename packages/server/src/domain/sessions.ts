import type { SessionInfo, User } from "@natter/protocol";
import Bowser from "bowser";
import { createHash } from "node:crypto";
import type { Domain } from "./context.js";
import { Refusal } from "./errors.js";
import { spend } from "./limits.js";

/**
 * The sessions page: each of the user's sessions by a public id (a hash of the token's hash, so the page
 * never shows what authenticates), and ending them, which closes their sockets on every node at once.
 */
export async function listSessions(domain: Domain, user: User, currentTokenHash: string | null): Promise<SessionInfo[]> {
  const now = domain.now();
  const rows = await domain.store.sessionsOf(user.id);
  return rows
    .filter((row) => row.expires_at > now)
    .map((row) => ({
      id: sessionId(row.token_hash),
      device: deviceName(row.user_agent),
      address: row.address,
      createdAt: row.created_at,
      lastSeenAt: Math.max(row.last_seen_at, row.created_at),
      current: row.token_hash === currentTokenHash,
    }));
}

/** Ends one session of the user's (this one too: that is logging out). */
export async function endSession(domain: Domain, user: User, id: string): Promise<void> {
  await spend(domain.limits, "accountSecurity", user.id);
  const row = (await domain.store.sessionsOf(user.id)).find((session) => sessionId(session.token_hash) === id);
  if (!row) throw new Refusal("NOT_FOUND", "No such session");
  await domain.store.deleteSession(row.token_hash);
  domain.publisher.closeSession(row.token_hash);
}

/** Ends every session of the user but the one asking; answers how many. */
export async function endOtherSessions(domain: Domain, user: User, currentTokenHash: string): Promise<number> {
  await spend(domain.limits, "accountSecurity", user.id);
  return (await closeOtherSessions(domain, user.id, currentTokenHash)).length;
}

/** A change of password or email ends the other sessions, and their sockets, on every node. */
export async function closeOtherSessions(domain: Domain, userId: number, keepTokenHash: string): Promise<string[]> {
  const ended = await domain.store.deleteSessionsExcept(userId, keepTokenHash);
  for (const tokenHash of ended) domain.publisher.closeSession(tokenHash);
  return ended;
}

export function sessionId(tokenHash: string): string {
  return createHash("sha256").update(`session:${tokenHash}`).digest("base64url").slice(0, 22);
}

/** "Chrome 131 on Linux" from a user agent; programs and unknown agents as what they say, shortened. */
export function deviceName(userAgent: string): string {
  if (userAgent.trim() === "") return "Unknown device";
  const { browser, os } = Bowser.parse(userAgent);
  const major = browser.version?.split(".")[0];
  if (!browser.name) return userAgent.slice(0, 60);
  return [browser.name, major, os.name ? `on ${os.name}` : undefined].filter(Boolean).join(" ");
}
