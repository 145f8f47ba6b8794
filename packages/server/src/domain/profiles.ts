import { type Profile, type ServerRole, type UpdateMeBody, type User } from "@natter/protocol";
import { announceAvailability, toAvailability } from "./availability.js";
import type { Domain } from "./context.js";
import { changeRole } from "./people.js";
import { Refusal } from "./errors.js";
import { spend } from "./limits.js";
import type { UserRow } from "../storage/index.js";
import { toUser } from "./wire.js";
import { usernameKey } from "./usernames.js";

export async function getProfile(domain: Domain, username: string): Promise<Profile> {
  const row = await domain.store.userByKey(usernameKey(username));
  if (!row) throw new Refusal("NOT_FOUND", `No user named "${username}"`);
  const online = (await domain.presence.online()).some((u) => u.id === row.id);
  const idle = online && (await domain.presence.idle([row.id])).has(row.id);
  return { ...toUser(row), online, availability: toAvailability(row, idle, domain.now()) };
}

/** Display name and status; the people who share a room with the user see the change live. */
export async function updateProfile(domain: Domain, user: User, change: UpdateMeBody): Promise<User> {
  await spend(domain.limits, "profile", user.id);
  const row = await domain.store.updateUser(user.id, {
    ...(change.displayName !== undefined && { display_name: change.displayName }),
    // An old client's status is the text alone: it keeps no earlier expiry.
    ...(change.status !== undefined && { status: change.status, status_expires_at: null }),
  });
  if (!row) throw new Refusal("NOT_FOUND", "Your account no longer exists");
  const updated = await announceProfile(domain, row);
  if (change.status !== undefined)
    await announceAvailability(domain, user, toAvailability(row, (await domain.presence.idle([user.id])).has(user.id), domain.now()));
  return updated;
}

/** The people who share a room with the user see their new name, status or picture live. */
export async function announceProfile(domain: Domain, row: UserRow): Promise<User> {
  const updated = toUser(row);
  for (const room of await domain.store.roomsOfUser(row.id)) domain.publisher.toRoom(room.id, "profile_updated", updated);
  return updated;
}

/** Server admins promote (or demote) others; nobody can demote the last admin by demoting themselves. */
export async function setServerRole(domain: Domain, actor: User, username: string, role: ServerRole): Promise<User> {
  if (actor.role !== "admin") throw new Refusal("FORBIDDEN", "Only server admins can change roles");
  const target = await domain.store.userByKey(usernameKey(username));
  if (!target) throw new Refusal("NOT_FOUND", `No user named "${username}"`);
  if (target.id === actor.id && role !== "admin") throw new Refusal("BAD_REQUEST", "Ask another admin to demote you");
  // The console's rule (guests hold no role, the last admin stays) and its audit entry.
  return toUser(await changeRole(domain, actor, target, role));
}
