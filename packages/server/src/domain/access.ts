import { nameKey, type User } from "@natter/protocol";
import type { MembershipRow, RoomRow } from "../storage/index.js";
import type { Domain } from "./context.js";
import { NatterError, roomNotFound } from "./errors.js";

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

/** A room the user may see without being in it: public ones (to browse and join); private ones only to members. */
export async function findVisibleRoom(domain: Domain, user: User | undefined, name: string): Promise<RoomRow> {
  const room = await domain.store.roomByKey(nameKey(name));
  if (!room) throw roomNotFound(name);
  if (room.kind === "public") return room;
  if (user && (user.role === "admin" || (await domain.store.isMember(room.id, user.id)))) return room;
  throw roomNotFound(name);
}

/** A room the user may manage: its owners and admins, and server admins. Others who can see it are refused. */
export async function manageRoom(domain: Domain, user: User, name: string): Promise<RoomRow> {
  const room = await findVisibleRoom(domain, user, name);
  if (user.role === "admin") return room;
  const membership = await domain.store.membership(room.id, user.id);
  if (membership?.role === "owner" || membership?.role === "admin") return room;
  throw new NatterError("FORBIDDEN", `Only the owners and admins of "${room.name}" can do that`);
}

/** Archived rooms keep their history readable but take no new messages. */
export function requireWritable(room: RoomRow): void {
  if (room.archived_at !== null) throw new NatterError("FORBIDDEN", `"${room.name}" is archived`);
}

export function canModerate(user: User, membership: MembershipRow): boolean {
  return user.role === "admin" || membership.role === "owner" || membership.role === "admin";
}
