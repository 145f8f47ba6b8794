import { NAME_MAX, nameSchema, type ServerRole } from "@natter/protocol";
import type { UserRow } from "../../storage/index.js";
import { createUser } from "../accounts.js";
import { recordAudit } from "../audit.js";
import type { Domain } from "../context.js";
import { Refusal } from "../errors.js";
import { admitSignup } from "../limits.js";
import { setRole } from "../setup.js";
import type { SingleSignOn, VerifiedIdentity } from "./provider.js";

/**
 * The Natter account of a provider's account: the one linked to it; else the one account whose verified email
 * the provider vouches for too (linked from then on); else a new one. Its role follows the claim when one is mapped.
 */
export async function ssoAccount(domain: Domain, sso: SingleSignOn, identity: VerifiedIdentity, address: string): Promise<UserRow> {
  const row = (await linkedAccount(domain, identity)) ?? (await accountByEmail(domain, identity)) ?? (await newAccount(domain, sso, identity, address));
  // The provider vouches for the person, not for their place here: an admin's deactivation holds for SSO too.
  if (row.deactivated_at !== null) {
    await recordAudit(domain, { actor: row, action: "login.refused", target: row.username, address, details: { reason: "deactivated", via: "sso" } });
    throw new Refusal("ACCOUNT_DISABLED", "This account is deactivated; ask an admin");
  }
  return syncRole(domain, sso, row, identity.claims);
}

async function linkedAccount(domain: Domain, identity: VerifiedIdentity): Promise<UserRow | undefined> {
  const userId = await domain.store.oidcIdentityUser(identity.issuer, identity.subject);
  return userId === undefined ? undefined : domain.store.userById(userId);
}

/**
 * Only when both sides have verified the address: the provider (`email_verified: true`) and Natter (the mailed
 * link). An unverified address on either side could be anybody's, and linking would hand them the account.
 * Nor to an account already linked to another subject of this issuer: an address that moved to someone new there
 * (a leaver's, given to a new hire) must not bring the old account with it.
 */
async function accountByEmail(domain: Domain, identity: VerifiedIdentity): Promise<UserRow | undefined> {
  const email = verifiedEmail(identity.claims);
  if (!email) return undefined;
  const matches = (await domain.store.usersByVerifiedEmail(email)).filter((row) => row.kind === "member" && asciiLower(row.email ?? "") === asciiLower(email));
  // Two accounts with one address: which is theirs is not ours to guess, so neither is linked.
  const [account] = matches;
  if (matches.length !== 1 || !account || (await domain.store.hasOidcIdentity(account.id, identity.issuer))) return undefined;
  const linked = await link(domain, identity, account);
  if (linked.id === account.id)
    await recordAudit(domain, { actor: "system", action: "sso.link", target: account.username, details: { issuer: identity.issuer, by: "email" } });
  return linked;
}

async function newAccount(domain: Domain, sso: SingleSignOn, identity: VerifiedIdentity, address: string): Promise<UserRow> {
  await admitSignup(domain.limits, address);
  let row: UserRow | undefined;
  for (const name of candidateNames(preferredName(sso, identity.claims))) {
    row = await createUser(domain, name, null, "member").catch((error: unknown) => {
      if (error instanceof Refusal && (error.code === "USERNAME_TAKEN" || error.code === "USERNAME_RESERVED")) return undefined;
      throw error;
    });
    if (row) break;
  }
  if (!row) throw new Refusal("USERNAME_TAKEN", "No free username could be made from your account's name");
  const email = verifiedEmail(identity.claims);
  // The provider vouched for the address, so it is verified here too (emails of missed messages can go there).
  if (email) row = (await domain.store.updateUser(row.id, { email, email_verified_at: domain.now() })) ?? row;
  return link(domain, identity, row);
}

/** Links the provider's account; when a sign-in racing this one linked it first, that one's account wins. */
async function link(domain: Domain, identity: VerifiedIdentity, row: UserRow): Promise<UserRow> {
  const linked = await domain.store.linkOidcIdentity({ issuer: identity.issuer, subject: identity.subject, user_id: row.id, created_at: domain.now() });
  if (linked) return row;
  return (await linkedAccount(domain, identity)) ?? row;
}

async function syncRole(domain: Domain, sso: SingleSignOn, row: UserRow, claims: VerifiedIdentity["claims"]): Promise<UserRow> {
  if (!sso.rolesClaim) return row;
  const role = roleFromClaim(claims[sso.rolesClaim], sso);
  if (row.role === role) return row;
  const updated = (await setRole(domain, row.id, role)) ?? row;
  await recordAudit(domain, { actor: "system", action: "sso.role", target: row.username, details: { from: row.role, to: role, claim: sso.rolesClaim } });
  return updated;
}

/** The claim may be one value or a list (groups usually are); admin wins over moderator. */
export function roleFromClaim(claim: unknown, mapping: Pick<SingleSignOn, "adminValues" | "moderatorValues">): ServerRole {
  const values = new Set((Array.isArray(claim) ? claim : [claim]).filter((value): value is string => typeof value === "string"));
  if (mapping.adminValues.some((value) => values.has(value))) return "admin";
  if (mapping.moderatorValues.some((value) => values.has(value))) return "moderator";
  return "user";
}

/** Lower case for A–Z only: the same on every store, and no Unicode folding to argue about in an address. */
function asciiLower(text: string): string {
  return text.replace(/[A-Z]/g, (c) => c.toLowerCase());
}

function verifiedEmail(claims: VerifiedIdentity["claims"]): string | undefined {
  const { email, email_verified: verified } = claims;
  return typeof email === "string" && email.length <= 254 && verified === true ? email : undefined;
}

/** The configured claim, else the email's local part, else "user". */
function preferredName(sso: SingleSignOn, claims: VerifiedIdentity["claims"]): string {
  const fromClaim = typeof claims[sso.usernameClaim] === "string" ? usernameFrom(claims[sso.usernameClaim] as string) : undefined;
  const fromEmail = typeof claims.email === "string" ? usernameFrom(claims.email.split("@")[0] ?? "") : undefined;
  return fromClaim ?? fromEmail ?? "user";
}

/**
 * A valid username made of a provider's name: the characters usernames may not hold become "_" ("Ada Lovelace"
 * → "Ada_Lovelace"), cut to the longest length with room for a number; undefined when too little is left.
 */
export function usernameFrom(raw: string): string | undefined {
  const cleaned = raw
    .normalize("NFC")
    .replace(/[^\p{L}\p{M}\p{N}_.-]+/gu, "_")
    .replace(/^[_.-]+|[_.-]+$/g, "");
  const cut = [...cleaned].slice(0, NAME_MAX - SUFFIX_ROOM).join("");
  return nameSchema.safeParse(cut).success ? cut : undefined;
}

/** Room for a number after the name, up to 9999. */
const SUFFIX_ROOM = 4;
const NUMBERED_TRIES = 50;

/** The name, then name2, name3 …, then a few random numbers: the usernames' own rules (key, reserved) decide. */
export function* candidateNames(base: string): Generator<string> {
  yield base;
  for (let n = 2; n <= NUMBERED_TRIES; n++) yield `${base}${n}`;
  for (let i = 0; i < 5; i++) yield `${base}${1000 + Math.floor(Math.random() * 9000)}`;
}
