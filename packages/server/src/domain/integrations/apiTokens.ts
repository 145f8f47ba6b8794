import { tokenScopes, type ApiToken, type TokenScope, type User } from "@natter/protocol";
import type { ApiTokenListing, UserRow } from "../../storage/index.js";
import { createUser } from "../accounts.js";
import type { Domain } from "../context.js";
import { Refusal } from "../errors.js";
import { spend } from "../limits.js";
import { hashToken, newSessionToken } from "../tokens.js";
import { usernameKey } from "../usernames.js";
import { iso, toUser, toUserRef } from "../wire.js";
import { recordAudit } from "../audit.js";

/** Tokens carry this prefix, so a request's token is looked up in one table only, and a leaked one is recognisable. */
export const API_TOKEN_PREFIX = "ntk_";
/** A token's last use is written at most this often: a busy bot does not write on every request. */
const TOUCH_EVERY_MS = 60_000;

export interface TokenCaller {
  user: User;
  /** What the caller's own credential may do: every scope for a browser session. */
  scopes: readonly TokenScope[];
}

export const ALL_SCOPES: readonly TokenScope[] = tokenScopes;

export function isApiToken(token: string): boolean {
  return token.startsWith(API_TOKEN_PREFIX);
}

/**
 * The user a token acts for and what it may do. Without the `admin` scope a server admin's token acts as a
 * plain user, so a leaked read/write token cannot change roles or make bots.
 */
export async function authenticateApiToken(domain: Domain, token: string): Promise<{ user: User; scopes: TokenScope[] } | undefined> {
  const found = await domain.store.apiTokenUser(hashToken(token));
  if (!found) return undefined;
  const now = domain.now();
  if (found.token.last_used_at === null || now - found.token.last_used_at >= TOUCH_EVERY_MS) await domain.store.touchApiToken(found.token.id, now);
  const scopes = parseScopes(found.token.scopes);
  const user = toUser(found.user);
  return { user: scopes.includes("admin") ? user : { ...user, role: "user" }, scopes };
}

/** Shown once: the answer holds the token, the database only its hash. */
export async function createToken(
  domain: Domain,
  caller: TokenCaller,
  input: { name: string; scopes: readonly TokenScope[]; bot?: string | undefined },
  address: string,
): Promise<{ token: string; info: ApiToken }> {
  const { user } = caller;
  const scopes = [...new Set(input.scopes)].sort((a, b) => tokenScopes.indexOf(a) - tokenScopes.indexOf(b));
  // A token never makes a token that can do more than itself.
  if (scopes.some((scope) => !caller.scopes.includes(scope))) throw new Refusal("INSUFFICIENT_SCOPE", "A token cannot grant a scope it does not have");
  let owner: UserRow | undefined;
  if (input.bot !== undefined) {
    if (user.role !== "admin") throw new Refusal("FORBIDDEN", "Only server admins make tokens for bots");
    owner = await domain.store.userByKey(usernameKey(input.bot));
    if (!owner || owner.bot !== 1) throw new Refusal("NOT_FOUND", `No bot named "${input.bot}"`);
  } else {
    if (!domain.settings.allowUserTokens && user.role !== "admin") throw new Refusal("TOKENS_DISABLED", "This server does not let users make access tokens");
    if (scopes.includes("admin") && user.role !== "admin") throw new Refusal("FORBIDDEN", "Only server admins may make admin tokens");
    if (user.kind === "guest") throw new Refusal("FORBIDDEN", "Guests cannot make access tokens; register an account");
    owner = await domain.store.userById(user.id);
  }
  if (!owner) throw new Refusal("UNAUTHORIZED", "Log in first");
  await spend(domain.limits, "integrations", user.id);
  const token = API_TOKEN_PREFIX + newSessionToken();
  const row = await domain.store.insertApiToken({
    token_hash: hashToken(token),
    user_id: owner.id,
    name: input.name,
    scopes: scopes.join(","),
    created_by: user.id,
    created_at: domain.now(),
  });
  await recordAudit(domain, { actor: user, action: "token.create", target: `token:${row.id}`, address, details: { owner: owner.username, scopes } });
  return { token, info: toApiToken(row) };
}

/** The caller's own tokens; a server admin sees every bot's too. */
export async function listTokens(domain: Domain, user: User): Promise<ApiToken[]> {
  const rows = await domain.store.apiTokensFor(user.id, user.role === "admin");
  return rows.map(toApiToken);
}

/** Revoked at once: its connections close on every node, as a logged-out session's do. */
export async function revokeToken(domain: Domain, user: User, id: number, address: string): Promise<void> {
  const row = await domain.store.apiTokenById(id);
  const mayManage = row && (row.user_id === user.id || (row.bot === 1 && user.role === "admin"));
  if (!row || !mayManage) throw new Refusal("NOT_FOUND", `No token ${id}`);
  const tokenHash = await domain.store.deleteApiToken(id);
  if (tokenHash) domain.publisher.closeSession(tokenHash);
  await recordAudit(domain, { actor: user, action: "token.revoke", target: `token:${id}`, address, details: { owner: row.username } });
}

/** A bot is an account with no password, in general like everyone; it acts through tokens an admin makes for it. */
export async function createBot(domain: Domain, admin: User, input: { username: string; displayName: string }, address: string) {
  if (admin.role !== "admin") throw new Refusal("FORBIDDEN", "Only server admins make bots");
  await spend(domain.limits, "integrations", admin.id);
  const row = await createUser(domain, input.username, null, "member", { bot: true });
  const named = input.displayName ? await domain.store.updateUser(row.id, { display_name: input.displayName }) : row;
  await recordAudit(domain, { actor: admin, action: "bot.create", target: `user:${row.id}`, address, details: { username: row.username } });
  return toBot(named ?? row);
}

export async function listBots(domain: Domain, admin: User) {
  if (admin.role !== "admin") throw new Refusal("FORBIDDEN", "Only server admins manage bots");
  return (await domain.store.bots()).map(toBot);
}

function toBot(row: UserRow) {
  return { user: toUserRef(row), displayName: row.display_name || row.username, createdAt: iso(row.created_at) };
}

function toApiToken(row: ApiTokenListing): ApiToken {
  return {
    id: row.id,
    name: row.name,
    user: { id: row.user_id, username: row.username },
    bot: row.bot === 1,
    scopes: parseScopes(row.scopes),
    createdAt: iso(row.created_at),
    lastUsedAt: row.last_used_at === null ? null : iso(row.last_used_at),
  };
}

function parseScopes(stored: string): TokenScope[] {
  return tokenScopes.filter((scope) => stored.split(",").includes(scope));
}
