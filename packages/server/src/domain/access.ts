import { nameKey, type User } from "@natter/protocol";
import type { MembershipRow, RoomRow } from "../storage/index.js";
import type { Domain } from "./context.js";
import { Refusal, roomNotFound } from "./errors.js";

/**
 * The only way to load a room for reading or writing its messages: a room the user is not a member of
 * answers exactly like a room that does not exist.
 */
export async function accessRoom(domain: Domain, userId: number, name: string): Promise<RoomRow> {
  return (await accessMembership(domain, userId, name)).room;
}

export async function accessMembership(domain: Domain, userId: number, name: string): Promise<{ room: RoomRow; membership: MembershipRow }> {
  const found = await domain.store.roomWithMembership(nameKey(name), userId);
  if (!found?.membership) throw roomNotFound(name);
  return { room: found.room, membership: found.membership };
}

/**
 * A room the user may see without being in it, with their membership when they have one: public rooms (to
 * browse and join); private ones only to members and server admins.
 */
export async function findVisibleRoom(domain: Domain, user: User, name: string): Promise<{ room: RoomRow; membership: MembershipRow | undefined }> {
  const found = await domain.store.roomWithMembership(nameKey(name), user.id);
  if (found && (found.room.kind === "public" || found.membership || user.role === "admin")) return found;
  throw roomNotFound(name);
}

/** A room the user may manage: its owners and admins, and server admins. Others who can see it are refused. */
export async function manageRoom(domain: Domain, user: User, name: string): Promise<RoomRow> {
  const { room, membership } = await findVisibleRoom(domain, user, name);
  if (canModerate(user, membership)) return room;
  throw new Refusal("FORBIDDEN", `Only the owners and admins of "${room.name}" can do that`);
}

/** Archived rooms keep their history readable but take no new messages. */
export function requireWritable(room: RoomRow): void {
  if (room.archived_at !== null) throw new Refusal("FORBIDDEN", `"${room.name}" is archived`);
}

export function canModerate(user: User, membership: MembershipRow | undefined): boolean {
  return user.role === "admin" || membership?.role === "owner" || membership?.role === "admin";
}
