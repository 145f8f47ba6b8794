import { nameKey, type User } from "@natter/protocol";
import type { MembershipRow, RoomRow } from "../storage/index.js";
import { isStaff } from "./adminAccess.js";
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

/** A room the user may manage (rename, archive, invite, set roles): its owners and admins, and server admins. */
export async function manageRoom(domain: Domain, user: User, name: string): Promise<RoomRow> {
  const { room, membership } = await findVisibleRoom(domain, user, name);
  if (canManage(user, membership)) return room;
  throw new Refusal("FORBIDDEN", `Only the owners and admins of "${room.name}" can do that`);
}

/** A room whose people the user may remove and ban: its managers, and server moderators who can see it. */
export async function moderateRoom(domain: Domain, user: User, name: string): Promise<RoomRow> {
  const { room, membership } = await findVisibleRoom(domain, user, name);
  if (canModerate(user, membership)) return room;
  throw new Refusal("FORBIDDEN", `Only the owners and admins of "${room.name}" and moderators can do that`);
}

/**
 * A room's messages for acting on them: its members, and server moderators and admins who can see the room
 * (a public one, or a private one they are in; admins any). Everyone else gets "not found".
 */
export async function accessMessages(
  domain: Domain,
  user: User,
  name: string,
): Promise<{ room: RoomRow; membership: MembershipRow | undefined; moderates: boolean }> {
  const [found, row] = await Promise.all([domain.store.roomWithMembership(nameKey(name), user.id), domain.store.userById(user.id)]);
  // A socket keeps the user it was opened with: the server role is read afresh, so a promotion or demotion counts at once.
  if (row) user = { ...user, role: row.role };
  const visible = found && (found.membership || (isStaff(user) && (found.room.kind === "public" || user.role === "admin")));
  if (!found || !visible) throw roomNotFound(name);
  return { ...found, moderates: canModerate(user, found.membership) };
}

/** Archived rooms keep their history readable but take no new messages. */
export function requireWritable(room: RoomRow): void {
  if (room.archived_at !== null) throw new Refusal("FORBIDDEN", `"${room.name}" is archived`);
}

/** The one rule of who manages a room: server admins, and the room's owners and admins. */
export function canManage(user: User, membership: MembershipRow | undefined): boolean {
  return user.role === "admin" || membership?.role === "owner" || membership?.role === "admin";
}

/** The one rule of who moderates a room they can see (deletes anyone's messages, removes and bans): managers and server moderators. */
export function canModerate(user: User, membership: MembershipRow | undefined): boolean {
  return canManage(user, membership) || user.role === "moderator";
}

/** Joining a room or being added to it: refused while banned from it, with a code the client can explain. */
export async function refuseBanned(domain: Domain, room: RoomRow, userId: number): Promise<void> {
  if (await domain.store.isBanned(room.id, userId)) throw new Refusal("BANNED", `Banned from "${room.name}"`);
}
