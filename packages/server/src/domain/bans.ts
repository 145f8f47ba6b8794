import type { Ban, User } from "@natter/protocol";
import { moderateRoom } from "./access.js";
import { recordAudit } from "./audit.js";
import type { Domain } from "./context.js";
import { Refusal } from "./errors.js";
import { spend } from "./limits.js";
import { dropMember } from "./rooms.js";
import { usernameKey } from "./usernames.js";

/**
 * Bans from a room: the banned person is removed at once (their tabs on every node leave the room) and
 * cannot join it again, even a public one, nor be added, until unbanned. Moderators of the room decide
 * (access.ts `moderateRoom`), and every ban and unban goes to the audit log.
 */
export async function banFromRoom(domain: Domain, user: User, name: string, username: string, address?: string): Promise<Ban> {
  const room = await moderateRoom(domain, user, name);
  if (room.kind === "dm") throw new Refusal("BAD_REQUEST", "Nobody can be banned from a direct conversation");
  const target = await domain.store.userByKey(usernameKey(username));
  if (!target) throw new Refusal("NOT_FOUND", `No user named "${username}"`);
  if (target.id === user.id) throw new Refusal("BAD_REQUEST", "You cannot ban yourself");
  const membership = await domain.store.membership(room.id, target.id);
  // The same rule as removing: an owner goes only by a server admin's hand, and nobody bans a server admin.
  if (target.role === "admin" || (membership?.role === "owner" && user.role !== "admin")) {
    throw new Refusal("FORBIDDEN", `"${target.username}" cannot be banned from "${room.name}"`);
  }
  await spend(domain.limits, "roomChanges", user.id);
  const at = domain.now();
  const banned = await domain.store.banUser(room.id, target.id, user.id, at);
  // Removed after the ban is stored, so a join racing the removal is refused.
  if (membership) await dropMember(domain, room, target, "banned");
  if (banned) await recordAudit(domain, { actor: user, action: "room.ban", target: target.username, address, details: { room: room.name } });
  return { user: { id: target.id, username: target.username }, bannedBy: user.username, at: new Date(at).toISOString() };
}

/** Lifts a ban; lifting one that is not there is no error, so a retry is harmless. */
export async function unbanFromRoom(domain: Domain, user: User, name: string, username: string, address?: string): Promise<void> {
  const room = await moderateRoom(domain, user, name);
  const target = await domain.store.userByKey(usernameKey(username));
  if (!target) throw new Refusal("NOT_FOUND", `No user named "${username}"`);
  await spend(domain.limits, "roomChanges", user.id);
  if (await domain.store.unbanUser(room.id, target.id)) {
    await recordAudit(domain, { actor: user, action: "room.unban", target: target.username, address, details: { room: room.name } });
  }
}

export async function listBans(domain: Domain, user: User, name: string): Promise<Ban[]> {
  const room = await moderateRoom(domain, user, name);
  return (await domain.store.bans(room.id)).map((ban) => ({
    user: { id: Number(ban.user_id), username: ban.username },
    bannedBy: ban.banned_by_name ?? "",
    at: new Date(Number(ban.created_at)).toISOString(),
  }));
}
