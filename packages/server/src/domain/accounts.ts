import { isStorableText, type TokenScope, type User } from "@natter/protocol";
import { ALL_SCOPES, authenticateApiToken, isApiToken } from "./integrations/apiTokens.js";
import type { NewSession, NewUser, UserRow } from "../storage/index.js";
import { accessSettings } from "./accessSettings.js";
import { recordAudit } from "./audit.js";
import type { Domain } from "./context.js";
import { admitRegistration } from "./invites.js";
import { Refusal } from "./errors.js";
import { admitSignup, tooFast } from "./limits.js";
import { hashPassword, verifyAgainstDecoy, verifyPassword } from "./passwords.js";
import { GENERAL } from "./rooms.js";
import { hashToken, newSessionToken } from "./tokens.js";
import { refuseUnlessPasswordsAllowed } from "./sso/passwords.js";
import { secondStep, type SecondStep } from "./twoFactor/loginTickets.js";
import { toUser } from "./wire.js";
import { isReservedUsername, usernameKey } from "./usernames.js";

export const SESSION_TTL_MS = 30 * 24 * 60 * 60_000;

export interface Session {
  user: User;
  token: string;
}

/** Where a session is opened from, for the sessions page. */
export interface ClientOrigin {
  address: string;
  userAgent: string;
}

/** How often a session's "last seen" is written at most: every request reads the session, few need to write. */
const LAST_SEEN_EVERY_MS = 60_000;

export async function register(
  domain: Domain,
  input: { username: string; password: string; invite?: string | undefined },
  address: string,
  userAgent = "",
): Promise<Session> {
  refuseUnlessPasswordsAllowed(domain, "Registration");
  await admitSignup(domain.limits, address);
  const invite = await admitRegistration(domain, input.invite);
  const passwordHash = await hashPassword(input.password);
  const session = await signUp(domain, input.username, passwordHash, "member", { address, userAgent }).catch(async (error: unknown) => {
    // A taken name should not cost the invite a use.
    if (invite) await domain.store.releaseInvite(invite.id);
    throw error;
  });
  const { user } = session;
  await recordAudit(domain, { actor: user, action: "user.register", target: user.username, address, details: invite ? { invite: invite.id } : {} });
  return session;
}

/** The original chat's flow: a name is enough, when the server allows it. */
export async function joinAsGuest(domain: Domain, input: { username: string }, address: string, userAgent = ""): Promise<Session> {
  refuseUnlessPasswordsAllowed(domain, "Joining as a guest");
  if (!(await accessSettings(domain)).guests) throw new Refusal("GUESTS_DISABLED", "This server does not allow guests; register an account");
  await admitSignup(domain.limits, address);
  return signUp(domain, input.username, null, "guest", { address, userAgent });
}

/** A session, or, for an account with two-factor authentication (or required to set it up), the ticket of the second step. */
export async function login(
  domain: Domain,
  input: { username: string; password: string },
  address: string,
  userAgent = "",
): Promise<Session | { secondFactor: SecondStep }> {
  refuseUnlessPasswordsAllowed(domain, "Logging in with a password");
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
    // An imported account has no password until claimed: say so, rather than let its owner guess at one.
    if (row && row.password_hash === null && row.kind === "member" && (await domain.store.isImportedUser(row.id))) {
      throw new Refusal("ACCOUNT_UNCLAIMED", "This account was imported and has no password yet: ask an admin for a one-time link, or sign in with SSO");
    }
    await recordAudit(domain, { actor: "system", action: "login.failed", target: typedName(input.username), address });
    throw new Refusal("INVALID_CREDENTIALS", "Wrong username or password");
  }
  await failedLoginsByAccount.clear(key);
  // Said only to someone who knows the password, so it tells a guesser nothing.
  if (row.deactivated_at !== null) {
    await recordAudit(domain, { actor: row, action: "login.refused", target: row.username, address, details: { reason: "deactivated" } });
    throw new Refusal("ACCOUNT_DISABLED", "This account is deactivated; ask an admin");
  }
  const second = await secondStep(domain, row, { address, userAgent });
  if (second) return { secondFactor: second };
  // Logged when a session opens: a right password whose second factor never comes is no log-in.
  await recordAudit(domain, { actor: row, action: "login", target: row.username, address });
  return openSession(domain, row, { address, userAgent });
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
export async function changePassword(
  domain: Domain,
  user: User,
  input: { currentPassword: string; newPassword: string },
  origin?: ClientOrigin,
): Promise<Session> {
  const row = await domain.store.userById(user.id);
  if (!row?.password_hash || !(await verifyPassword(row.password_hash, input.currentPassword))) {
    throw new Refusal("INVALID_CREDENTIALS", "The current password is wrong");
  }
  await domain.store.setPasswordHash(user.id, await hashPassword(input.newPassword));
  await domain.store.deleteSessionsOf(user.id);
  domain.publisher.closeUser(user.id);
  return openSession(domain, row, origin);
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
    // A deactivated account's tokens stop with its sessions.
    return found && !found.user.deactivated ? { user: found.user, expiresAt: Number.POSITIVE_INFINITY, scopes: found.scopes } : undefined;
  }
  const tokenHash = hashToken(token);
  const session = await domain.store.sessionUser(tokenHash);
  const now = domain.now();
  // A deactivated account's sessions are deleted too; this covers one opened in the same instant.
  if (!session || session.expiresAt <= now || session.user.deactivated_at !== null) return undefined;
  // Off the request's path: a lost "last seen" costs a minute on the sessions page, never a request.
  if (session.lastSeenAt <= now - LAST_SEEN_EVERY_MS) void domain.store.touchSession(tokenHash, now).catch(() => undefined);
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
  const now = domain.now();
  const bot = options.bot ? { bot: 1 } : {};
  const row = await domain.store.createUser({ ...newUser(username, passwordHash, kind, now), ...bot });
  if (!row) throw nameTaken(username);
  const general = await domain.store.roomByKey(GENERAL);
  if (general) await domain.store.addMember(general.id, row.id, now);
  return row;
}

/**
 * A person signing up: the account, its place in general and its first session in one write, so a crowd
 * arriving at once costs one commit each rather than three.
 */
async function signUp(domain: Domain, username: string, passwordHash: string | null, kind: "member" | "guest", origin: ClientOrigin): Promise<Session> {
  const now = domain.now();
  const token = newSessionToken();
  const row = await domain.store.signUp(newUser(username, passwordHash, kind, now), newSession(token, now, origin), GENERAL);
  if (!row) throw nameTaken(username);
  return { user: toUser(row), token };
}

export async function openSession(domain: Pick<Domain, "store" | "now">, row: UserRow, origin?: ClientOrigin): Promise<Session> {
  const token = newSessionToken();
  await domain.store.createSession({ ...newSession(token, domain.now(), origin), user_id: row.id });
  return { user: toUser(row), token };
}

function newUser(username: string, passwordHash: string | null, kind: "member" | "guest", now: number): NewUser {
  if (isReservedUsername(username)) throw new Refusal("USERNAME_RESERVED", `The name "${username}" is reserved`);
  return { username, username_key: usernameKey(username), password_hash: passwordHash, kind, created_at: now };
}

function nameTaken(username: string): Refusal {
  return new Refusal("USERNAME_TAKEN", `The name "${username}", or one that looks like it, is taken`);
}

function newSession(token: string, now: number, origin: ClientOrigin | undefined): Omit<NewSession, "user_id"> {
  return {
    token_hash: hashToken(token),
    created_at: now,
    expires_at: now + SESSION_TTL_MS,
    last_seen_at: now,
    user_agent: (origin?.userAgent ?? "").slice(0, 512),
    address: origin?.address ?? "",
  };
}

/** The name a failed log-in typed, as the audit log can keep it: capped, and with no NUL or lone surrogate (PostgreSQL refuses both). */
function typedName(name: string): string {
  return [...name].slice(0, 64).join("").toWellFormed().replaceAll("\u0000", "\uFFFD");
}
