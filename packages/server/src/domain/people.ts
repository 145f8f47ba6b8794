import type { AdminUser, AdminUsersResponse, ServerRole, User } from "@natter/protocol";
import type { UserRow } from "../storage/schema.js";
import { recordAudit, type AuditActor } from "./audit.js";
import type { Domain } from "./context.js";
import { Refusal } from "./errors.js";
import { usernameKey } from "./usernames.js";
import { toUser } from "./wire.js";

/** What acting on people needs: the CLI has no sockets to close, the server has. */
export type PeopleDomain = Pick<Domain, "store" | "now"> & { publisher?: Pick<Domain["publisher"], "closeUser"> };

export function toAdminUser(row: UserRow): AdminUser {
  return { ...toUser(row), email: row.email };
}

/** The People tab: search by part of the name or display name, a page at a time in name order. */
export async function listPeople(domain: Domain, query: { query: string; cursor?: string | undefined; limit: number }): Promise<AdminUsersResponse> {
  const rows = await domain.store.searchUsers(query.query.trim(), query.cursor, query.limit);
  const last = rows.at(-1);
  return { users: rows.map(toAdminUser), nextCursor: rows.length === query.limit && last ? last.username_key : null };
}

export async function personNamed(domain: Pick<Domain, "store">, username: string): Promise<UserRow> {
  const row = await domain.store.userByKey(usernameKey(username.trim().normalize("NFC")));
  if (!row) throw new Refusal("NOT_FOUND", `No user named "${username}"`);
  return row;
}

/**
 * Changes a server role. Guests hold no powers, and the server is never left without an active admin: the
 * change is undone when it would (checked after writing, so two admins demoting each other at once both fail).
 */
export async function changeRole(domain: PeopleDomain, actor: AuditActor, target: UserRow, role: ServerRole, address?: string): Promise<UserRow> {
  if (target.role === role) return target;
  if (target.kind === "guest" && role !== "user") throw new Refusal("NOT_FOR_GUESTS", `${target.username} is a guest; guests cannot be admins or moderators`);
  const changed = (await domain.store.updateUser(target.id, { role })) ?? target;
  if (!(await domain.store.hasAdmin())) {
    await domain.store.updateUser(target.id, { role: target.role });
    throw new Refusal("LAST_ADMIN", `${target.username} is the last admin; make another admin first`);
  }
  await recordAudit(domain, { actor, action: "user.role", target: target.username, address, details: { from: target.role, to: role } });
  return changed;
}

/**
 * Deactivates an account: every session deleted and every connection closed on every node (through the
 * publisher's adapter, as a password change does), sign-in refused with ACCOUNT_DISABLED. Messages stay.
 */
export async function setDeactivated(domain: PeopleDomain, actor: AuditActor, target: UserRow, deactivated: boolean, address?: string): Promise<UserRow> {
  if ((target.deactivated_at !== null) === deactivated) return target;
  const changed = (await domain.store.setDeactivated(target.id, deactivated ? domain.now() : null)) ?? target;
  if (deactivated) {
    if (!(await domain.store.hasAdmin())) {
      await domain.store.setDeactivated(target.id, null);
      throw new Refusal("LAST_ADMIN", `${target.username} is the last admin; make another admin first`);
    }
    await domain.store.deleteSessionsOf(target.id);
    domain.publisher?.closeUser(target.id);
  }
  await recordAudit(domain, { actor, action: deactivated ? "user.deactivate" : "user.reactivate", target: target.username, address });
  return changed;
}

/** `PATCH /api/admin/users/:username`: a role, deactivation, or both (the role first). */
export async function updatePerson(
  domain: Domain,
  admin: User,
  username: string,
  change: { role?: ServerRole | undefined; deactivated?: boolean | undefined },
  address: string,
) {
  let row = await personNamed(domain, username);
  if (change.role !== undefined) row = await changeRole(domain, admin, row, change.role, address);
  if (change.deactivated !== undefined) row = await setDeactivated(domain, admin, row, change.deactivated, address);
  return toAdminUser(row);
}
