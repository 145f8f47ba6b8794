import { nameKey, type Profile, type ServerRole, type UpdateMeBody, type User } from "@natter/protocol";
import type { Domain } from "./context.js";
import { NatterError } from "./errors.js";
import { spend } from "./limits.js";
import { toUser } from "./wire.js";

export async function getProfile(domain: Domain, username: string): Promise<Profile> {
  const row = await domain.store.userByKey(nameKey(username));
  if (!row) throw new NatterError("NOT_FOUND", `No user named "${username}"`);
  const online = (await domain.presence.online()).some((u) => u.id === row.id);
  return { ...toUser(row), online };
}

/** Display name and status; the people who share a room with the user see the change live. */
export async function updateProfile(domain: Domain, user: User, change: UpdateMeBody): Promise<User> {
  await spend(domain.limits, "profile", user.id);
  const row = await domain.store.updateUser(user.id, {
    ...(change.displayName !== undefined && { display_name: change.displayName }),
    ...(change.status !== undefined && { status: change.status }),
  });
  if (!row) throw new NatterError("NOT_FOUND", "Your account no longer exists");
  const updated = toUser(row);
  for (const room of await domain.store.roomsOfUser(user.id)) domain.publisher.toRoom(room.id, "profile_updated", updated);
  return updated;
}

/** Server admins promote (or demote) others; nobody can demote the last admin by demoting themselves. */
export async function setServerRole(domain: Domain, actor: User, username: string, role: ServerRole): Promise<User> {
  if (actor.role !== "admin") throw new NatterError("FORBIDDEN", "Only server admins can change roles");
  const target = await domain.store.userByKey(nameKey(username));
  if (!target) throw new NatterError("NOT_FOUND", `No user named "${username}"`);
  if (target.kind === "guest" && role === "admin") throw new NatterError("BAD_REQUEST", "Guests cannot be admins");
  if (target.id === actor.id && role !== "admin") throw new NatterError("BAD_REQUEST", "Ask another admin to demote you");
  const row = await domain.store.updateUser(target.id, { role });
  if (!row) throw new NatterError("NOT_FOUND", `No user named "${username}"`);
  return toUser(row);
}
