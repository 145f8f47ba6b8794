import type { ServerRole } from "@natter/protocol";
import type { Domain } from "./context.js";
import { createUser, openSession, type Session } from "./accounts.js";
import { recordAudit } from "./audit.js";
import { Refusal } from "./errors.js";
import { admitSignup } from "./limits.js";
import { hashPassword } from "./passwords.js";
import { hashToken, newSessionToken } from "./tokens.js";
import { toUser } from "./wire.js";

/**
 * On a server with no admin: a one-time link that creates the first one, or undefined when there is an admin.
 * Each start prints a new link; any of them works until one is used.
 */
export async function offerSetup(domain: Pick<Domain, "store" | "now" | "publicUrl">): Promise<string | undefined> {
  if (await domain.store.hasAdmin()) return undefined;
  const token = newSessionToken();
  await domain.store.addSetupToken(hashToken(token), domain.now());
  return `${domain.publicUrl()}/setup?token=${encodeURIComponent(token)}`;
}

/** Uses a setup link: creates the first admin and opens their session. */
export async function completeSetup(domain: Domain, input: { token: string; username: string; password: string }, address: string): Promise<Session> {
  await admitSignup(domain.limits, address);
  const passwordHash = await hashPassword(input.password);
  const tokenHash = hashToken(input.token);
  if (!(await domain.store.useSetupToken(tokenHash))) throw new Refusal("BAD_TOKEN", "This setup link is wrong or was already used");
  let row;
  try {
    row = await createUser(domain, input.username, passwordHash, "member");
  } catch (error) {
    // A taken name should not cost the operator their link.
    await domain.store.addSetupToken(tokenHash, domain.now());
    throw error;
  }
  const admin = (await setRole(domain, row.id, "admin")) ?? row;
  await recordAudit(domain, { actor: admin, action: "setup.first_admin", target: admin.username, address });
  return openSession(domain, admin);
}

/** The one place a role is written outside the REST rule (the CLI and the setup link). */
export async function setRole(domain: Pick<Domain, "store">, userId: number, role: ServerRole) {
  return domain.store.updateUser(userId, { role });
}

/** The CLI's account: a member or an admin, with a password, made through the same rules as a sign-up. */
export async function createAccount(domain: Pick<Domain, "store" | "now">, input: { username: string; password: string; role: ServerRole }) {
  const row = await createUser(domain, input.username, await hashPassword(input.password), "member");
  const user = input.role === "user" ? row : await setRole(domain, row.id, input.role);
  return toUser(user ?? row);
}

/** Sets a new password and ends every session of the account (the CLI's reset: there is no emailed reset flow yet). */
export async function resetPassword(domain: Pick<Domain, "store">, userId: number, password: string): Promise<number> {
  await domain.store.setPasswordHash(userId, await hashPassword(password));
  return (await domain.store.deleteSessionsOf(userId)).length;
}
