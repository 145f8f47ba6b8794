import type { CreatedInvite, Invite, User } from "@natter/protocol";
import type { InviteRow } from "../storage/schema.js";
import { accessSettings } from "./accessSettings.js";
import { recordAudit } from "./audit.js";
import type { Domain } from "./context.js";
import { Refusal } from "./errors.js";
import { hashToken, newSessionToken } from "./tokens.js";

const HOUR_MS = 60 * 60_000;
/** The console lists this many, newest first: enough for any team, and a fixed cost. */
const LISTED = 200;

export async function createInvite(domain: Domain, admin: User, input: { maxUses: number; expiresInHours: number }, address: string): Promise<CreatedInvite> {
  const code = newSessionToken();
  const now = domain.now();
  const row = await domain.store.createInvite({
    code_hash: hashToken(code),
    created_by: admin.id,
    created_by_name: admin.username,
    created_at: now,
    expires_at: now + input.expiresInHours * HOUR_MS,
    max_uses: input.maxUses,
  });
  await recordAudit(domain, { actor: admin, action: "invite.create", target: `invite:${row.id}`, address, details: { ...input } });
  return { invite: toInvite(row), code, url: `${domain.publicUrl()}/invite/${encodeURIComponent(code)}` };
}

export async function listInvites(domain: Domain): Promise<Invite[]> {
  return (await domain.store.listInvites(LISTED)).map(toInvite);
}

export async function revokeInvite(domain: Domain, admin: User, id: number, address: string): Promise<void> {
  if (!(await domain.store.revokeInvite(id, domain.now()))) throw new Refusal("NOT_FOUND", "No such invite, or it is revoked already");
  await recordAudit(domain, { actor: admin, action: "invite.revoke", target: `invite:${id}`, address });
}

/**
 * Whether a sign-up may go ahead under the registration setting; by invite, takes one use of it (atomically:
 * two people cannot share the last use). The caller gives the use back if the account is not made.
 */
export async function admitRegistration(domain: Domain, code: string | undefined): Promise<InviteRow | undefined> {
  const { registration } = await accessSettings(domain);
  if (registration === "closed") throw new Refusal("REGISTRATION_CLOSED", "Registration is closed on this server; ask an admin for an account");
  if (registration === "open") return undefined;
  if (!code) throw new Refusal("INVITE_REQUIRED", "Registration on this server needs an invite");
  const codeHash = hashToken(code);
  const taken = await domain.store.useInvite(codeHash, domain.now());
  if (taken) return taken;
  // Read only to say why: the update above is what decides.
  const invite = await domain.store.inviteByHash(codeHash);
  if (!invite || invite.revoked_at !== null) throw new Refusal("INVITE_INVALID", "This invite is not valid");
  if (invite.expires_at <= domain.now()) throw new Refusal("INVITE_EXPIRED", "This invite has expired");
  throw new Refusal("INVITE_USED_UP", "This invite has been used as many times as it allows");
}

function toInvite(row: InviteRow): Invite {
  return {
    id: Number(row.id),
    createdBy: row.created_by_name,
    createdAt: new Date(Number(row.created_at)).toISOString(),
    expiresAt: new Date(Number(row.expires_at)).toISOString(),
    maxUses: Number(row.max_uses),
    uses: Number(row.uses),
    revoked: row.revoked_at !== null,
  };
}
