import { isStorableText, type TokenScope, type User } from "@natter/protocol";
import { ALL_SCOPES, authenticateApiToken, isApiToken } from "./integrations/apiTokens.js";
import type { UserRow } from "../storage/index.js";
import type { Domain } from "./context.js";
import { Refusal } from "./errors.js";
import { admitSignup, tooFast } from "./limits.js";
import { hashPassword, verifyAgainstDecoy, verifyPassword } from "./passwords.js";
import { GENERAL } from "./rooms.js";
import { hashToken, newSessionToken } from "./tokens.js";
import { toUser } from "./wire.js";
import { isReservedUsername, usernameKey } from "./usernames.js";

export const SESSION_TTL_MS = 30 * 24 * 60 * 60_000;

export interface Session {
  user: User;
  token: string;
}

export async function register(domain: Domain, input: { username: string; password: string }, address: string): Promise<Session> {
  await admitSignup(domain.limits, address);
  const user = await createUser(domain, input.username, await hashPassword(input.password), "member");
  return openSession(domain, user);
}

/** The original chat's flow: a name is enough, when the server allows it. */
export async function joinAsGuest(domain: Domain, input: { username: string }, address: string): Promise<Session> {
  if (!domain.settings.allowGuests) throw new Refusal("GUESTS_DISABLED", "This server does not allow guests; register an account");
  await admitSignup(domain.limits, address);
  return openSession(domain, await createUser(domain, input.username, null, "guest"));
}

export async function login(domain: Domain, input: { username: string; password: string }, address: string): Promise<Session> {
  // Looked up by key, so any spelling of a name finds one account at most, and its password still decides.
  const key = usernameKey(input.username.trim().normalize("NFC"));
  const { failedLoginsByAccount, failedLoginsByAddress } = domain.limits;
  const lockedFor = Math.max(await failedLoginsByAccount.lockedFor(key), await failedLoginsByAddress.lockedFor(address));
  if (lockedFor > 0) throw tooFast(`Too many failed log-ins; try again in ${Math.ceil(lockedFor / 60_000)} minutes`, lockedFor);
  // No stored name holds NUL or a lone surrogate (and PostgreSQL cannot even be asked): such a name is simply unknown.
  const row = isStorableText(key) ? await domain.store.userByKey(key) : undefined;
  const valid = row?.password_hash ? await verifyPassword(row.password_hash, input.password) : await verifyAgainstDecoy(input.password);
  if (!row || !valid) {
    await Promise.all([failedLoginsByAccount.record(key), failedLoginsByAddress.record(address)]);
    throw new Refusal("INVALID_CREDENTIALS", "Wrong username or password");
  }
  await failedLoginsByAccount.clear(key);
  return openSession(domain, row);
}

/** Ends the session and closes the connections opened with it, on every node. */
export async function logout(domain: Domain, token: string): Promise<void> {
  const tokenHash = hashToken(token);
  await domain.store.deleteSession(tokenHash);
  domain.publisher.closeSession(tokenHash);
}

/**
 * A new password ends every session of the account (a thief's included) and closes all its
 * connections; the caller gets a fresh session.
 */
export async function changePassword(domain: Domain, user: User, input: { currentPassword: string; newPassword: string }): Promise<Session> {
  const row = await domain.store.userById(user.id);
  if (!row?.password_hash || !(await verifyPassword(row.password_hash, input.currentPassword))) {
    throw new Refusal("INVALID_CREDENTIALS", "The current password is wrong");
  }
  await domain.store.setPasswordHash(user.id, await hashPassword(input.newPassword));
  await domain.store.deleteSessionsOf(user.id);
  domain.publisher.closeUser(user.id);
  return openSession(domain, row);
}

export interface Authenticated {
  user: User;
  expiresAt: number;
  /** What the credential may do: every scope for a session, the token's own for an access token. */
  scopes: readonly TokenScope[];
}

/** The user a session or access token belongs to and until when, or undefined when it is unknown, expired or revoked. */
export async function authenticateSession(domain: Domain, token: string): Promise<Authenticated | undefined> {
  if (isApiToken(token)) {
    const found = await authenticateApiToken(domain, token);
    return found && { user: found.user, expiresAt: Number.POSITIVE_INFINITY, scopes: found.scopes };
  }
  const session = await domain.store.sessionUser(hashToken(token));
  if (!session || session.expiresAt <= domain.now()) return undefined;
  return { user: toUser(session.user), expiresAt: session.expiresAt, scopes: ALL_SCOPES };
}

export async function authenticate(domain: Domain, token: string): Promise<User | undefined> {
  return (await authenticateSession(domain, token))?.user;
}

/** Creates a user (for programs: ChatAPI.createUser) and puts them in general. */
export async function createUser(
  domain: Pick<Domain, "store" | "now">,
  username: string,
  passwordHash: string | null,
  kind: "member" | "guest",
  options: { bot?: boolean } = {},
): Promise<UserRow> {
  if (isReservedUsername(username)) throw new Refusal("USERNAME_RESERVED", `The name "${username}" is reserved`);
  const now = domain.now();
  const bot = options.bot ? { bot: 1 } : {};
  const row = await domain.store.createUser({ username, username_key: usernameKey(username), password_hash: passwordHash, kind, created_at: now, ...bot });
  if (!row) throw new Refusal("USERNAME_TAKEN", `The name "${username}", or one that looks like it, is taken`);
  const general = await domain.store.roomByKey(GENERAL);
  if (general) await domain.store.addMember(general.id, row.id, now);
  return row;
}

export async function openSession(domain: Pick<Domain, "store" | "now">, row: UserRow): Promise<Session> {
  const token = newSessionToken();
  const now = domain.now();
  await domain.store.createSession({ token_hash: hashToken(token), user_id: row.id, created_at: now, expires_at: now + SESSION_TTL_MS });
  return { user: toUser(row), token };
}
