import {
  DM_PREFIX,
  nameKey,
  type JoinResult,
  type Member,
  type NotifyLevel,
  type ReadState,
  type RoomInfo,
  type RoomSummary,
  type UpdateRoomBody,
  type User,
  type UserRef,
} from "@natter/protocol";
import type { MembershipRow, RoomListing, RoomRow } from "../storage/index.js";
import { accessMembership, accessRoom, findVisibleRoom, manageRoom, moderateRoom, refuseBanned } from "./access.js";
import { recordAudit } from "./audit.js";
import { availabilityOf } from "./availability.js";
import type { Domain } from "./context.js";
import { requireGuestMay, requireGuestMayJoin } from "./guests.js";
import { Refusal, roomNotFound } from "./errors.js";
import { spend } from "./limits.js";
import { catchUp } from "./messages.js";
import { iso, toRoomSummary, toUserRef } from "./wire.js";
import { usernameKey } from "./usernames.js";

export const GENERAL = "general";

/** `general` exists from the first start. */
export async function ensureGeneral(domain: Pick<Domain, "store" | "now">): Promise<void> {
  await domain.store.createRoom({ name: GENERAL, nameKey: GENERAL, topic: "", createdBy: null, createdAt: domain.now() });
}

/** The sidebar: public rooms, and the private rooms and DMs the user is in, with unread counts. */
export async function listRooms(domain: Domain, user: User): Promise<RoomSummary[]> {
  const listings = await domain.store.listRooms(user.id);
  return Promise.all(listings.map(async (listing) => summarize(listing, listing.kind === "dm" ? await memberRefs(domain, listing.id) : [])));
}

export async function createRoom(domain: Domain, user: User, input: { name: string; topic: string; private?: boolean }): Promise<RoomSummary> {
  if (nameKey(input.name).startsWith(DM_PREFIX)) throw new Refusal("BAD_REQUEST", `Room names may not start with "${DM_PREFIX}"`);
  await requireGuestMay(domain, user, "createRooms");
  await spend(domain.limits, "roomChanges", user.id);
  const kind = input.private ? "private" : "public";
  const room = await domain.store.createRoom({
    name: input.name,
    nameKey: nameKey(input.name),
    topic: input.topic,
    createdBy: user.id,
    createdAt: domain.now(),
    kind,
  });
  if (!room) throw new Refusal("ROOM_EXISTS", `A room named "${input.name}" exists already`);
  await addMember(domain, room.id, user, "owner");
  await domain.publisher.follow(user.id, room.id);
  const summary = toRoomSummary({ ...room, member_count: 1 }, { joined: true, role: "owner" });
  domain.publisher.toUser(user.id, "room_added", summary);
  // Everyone may join a public room, so everyone's list of rooms to join shows it at once; a private one stays unknown.
  if (kind === "public") domain.publisher.toEveryone(user.id, "room_added", toRoomSummary({ ...room, member_count: 1 }));
  return summary;
}

/** Makes the user a member of a public room (a no-op when they are one) and lets all their tabs receive it. */
export async function joinRoom(domain: Domain, user: User, name: string): Promise<RoomRow> {
  return (await enterRoom(domain, user, name)).room;
}

async function enterRoom(domain: Domain, user: User, name: string): Promise<{ room: RoomRow; membership: MembershipRow }> {
  const access = await domain.store.roomWithMembership(nameKey(name), user.id);
  if (!access) throw roomNotFound(name);
  const { room: found, membership } = access;
  if (membership) {
    await domain.publisher.follow(user.id, found.id);
    return { room: found, membership };
  }
  // Private rooms and DMs are joined by invitation only; to others they do not exist.
  if (found.kind !== "public") throw roomNotFound(name);
  if (found.archived_at !== null) throw new Refusal("FORBIDDEN", `"${found.name}" is archived`);
  await refuseBanned(domain, found, user.id);
  await requireGuestMayJoin(domain, user, found);
  await spend(domain.limits, "roomChanges", user.id);
  const joined = await addMember(domain, found.id, user);
  await domain.publisher.follow(user.id, found.id);
  // Read again: the member count changed, and someone may have removed the newcomer already.
  const [room, added] = await Promise.all([domain.store.roomById(found.id), domain.store.membership(found.id, user.id)]);
  if (joined)
    domain.publisher.toRoom(found.id, "user_joined", { room: found.name, user: toUserRef(user), memberCount: room ? Number(room.member_count) : undefined });
  if (!room || !added) throw roomNotFound(name);
  return { room, membership: added };
}

export async function leaveRoom(domain: Domain, user: User, name: string): Promise<void> {
  const room = await accessRoom(domain, user.id, name);
  await spend(domain.limits, "roomChanges", user.id);
  await dropMember(domain, room, user, "left");
}

/** What anyone signed in may know of a room they could see; its messages stay members-only. */
export async function roomInfo(domain: Domain, user: User | undefined, name: string): Promise<RoomInfo> {
  if (user) {
    const { room, membership } = await findVisibleRoom(domain, user, name);
    return describeRoom(domain, room, membership);
  }
  const room = await domain.store.roomByKey(nameKey(name));
  if (!room) throw roomNotFound(name);
  return describeRoom(domain, room, undefined);
}

async function describeRoom(domain: Domain, room: RoomRow, membership: MembershipRow | undefined): Promise<RoomInfo> {
  const [online, members, counts] = await Promise.all([
    domain.rosters.online(room.id),
    room.kind === "dm" ? memberRefs(domain, room.id) : Promise.resolve([]),
    // The same counts as the room list, so a page load does not write zeros over them: one indexed count of this room only.
    membership ? domain.store.roomCounts(room.id, membership.user_id, membership.last_read_seq) : Promise.resolve({ unread: 0, mentions: 0 }),
  ]);
  const summary = toRoomSummary(room, {
    joined: membership !== undefined,
    role: membership?.role ?? null,
    last_read_seq: membership?.last_read_seq ?? 0,
    notify: membership?.notify ?? "all",
    members,
    ...counts,
  });
  // Every message takes the next seq, thread replies and deleted ones too, so the last one counts them all.
  return {
    ...summary,
    online: online.page,
    onlineCount: online.count,
    messageCount: room.last_seq,
    historyStartsAt: room.history_starts_at === null ? null : iso(room.history_starts_at),
    retentionDays: room.retention_days,
  };
}

/** The socket's `join`: membership, the history and changes the client lacks, and who is here. */
export async function openRoom(
  domain: Domain,
  user: User,
  input: { room: string; after?: number | undefined; sinceRev?: number | undefined },
): Promise<JoinResult> {
  const { room, membership } = await enterRoom(domain, user, input.room);
  const [history, info] = await Promise.all([catchUp(domain, room, input.after, input.sinceRev), describeRoom(domain, room, membership)]);
  return { ...history, room: info, online: info.online, availability: await availabilityOf(domain, info.online) };
}

export async function listMembers(domain: Domain, user: User, name: string): Promise<Member[]> {
  const { room } = await findVisibleRoom(domain, user, name);
  const [members, online] = await Promise.all([domain.store.members(room.id), domain.presence.online()]);
  const onlineIds = new Set(online.map((u) => u.id));
  const memberIds = new Set(members.map((m) => m.user_id));
  const shown = await availabilityOf(
    domain,
    online.filter((u) => memberIds.has(u.id)),
  );
  return members.map((m) => {
    const availability = shown[String(m.user_id)];
    return { user: { id: m.user_id, username: m.username }, role: m.role, online: onlineIds.has(m.user_id), ...(availability && { availability }) };
  });
}

/** Owners and admins add people to private (or public) rooms; the invitee's tabs start receiving it at once. */
export async function inviteMember(domain: Domain, user: User, name: string, username: string): Promise<Member> {
  const room = await manageRoom(domain, user, name);
  if (room.kind === "dm") throw new Refusal("BAD_REQUEST", "People cannot be added to a direct conversation; start a new one");
  await spend(domain.limits, "roomChanges", user.id);
  const invitee = await domain.store.userByKey(usernameKey(username));
  if (!invitee) throw new Refusal("NOT_FOUND", `No user named "${username}"`);
  await refuseBanned(domain, room, invitee.id);
  if (await addMember(domain, room.id, invitee)) {
    await domain.publisher.follow(invitee.id, room.id);
    domain.publisher.toRoom(room.id, "user_joined", { room: room.name, user: toUserRef(invitee) });
    domain.publisher.toUser(invitee.id, "room_added", await summaryFor(domain, invitee.id, room));
  }
  return { user: toUserRef(invitee), role: "member", online: await domain.rosters.isOnline(room.id, invitee.id) };
}

/** A removed member stops receiving the room at once, on every node, and can no longer read it. Moderators may remove too. */
export async function removeMember(domain: Domain, user: User, name: string, username: string, address?: string): Promise<void> {
  const room = await moderateRoom(domain, user, name);
  const target = await domain.store.userByKey(usernameKey(username));
  const membership = target && (await domain.store.membership(room.id, target.id));
  if (!target || !membership) throw new Refusal("NOT_FOUND", `"${username}" is not a member of "${room.name}"`);
  if (membership.role === "owner" && user.role !== "admin") throw new Refusal("FORBIDDEN", "Owners can only be removed by a server admin");
  await spend(domain.limits, "roomChanges", user.id);
  await dropMember(domain, room, target, "removed");
  await recordAudit(domain, { actor: user, action: "room.remove_member", target: target.username, address, details: { room: room.name } });
}

export async function setMemberRole(domain: Domain, user: User, name: string, username: string, role: "admin" | "member"): Promise<void> {
  const room = await manageRoom(domain, user, name);
  const target = await domain.store.userByKey(usernameKey(username));
  const membership = target && (await domain.store.membership(room.id, target.id));
  if (!target || !membership) throw new Refusal("NOT_FOUND", `"${username}" is not a member of "${room.name}"`);
  if (membership.role === "owner") throw new Refusal("FORBIDDEN", "The owner's role cannot be changed");
  await spend(domain.limits, "roomChanges", user.id);
  await domain.store.updateMembership(room.id, target.id, { role });
}

/** Rename, set the topic, archive or unarchive. */
export async function updateRoom(domain: Domain, user: User, name: string, change: UpdateRoomBody, address?: string): Promise<RoomSummary> {
  const room = await manageRoom(domain, user, name);
  if (room.kind === "dm" && change.name !== undefined) throw new Refusal("BAD_REQUEST", "Direct conversations have no name to change");
  if (room.name_key === GENERAL && (change.name !== undefined || change.archived)) throw new Refusal("FORBIDDEN", "general cannot be renamed or archived");
  if (change.name !== undefined && nameKey(change.name).startsWith(DM_PREFIX)) throw new Refusal("BAD_REQUEST", `Room names may not start with "${DM_PREFIX}"`);
  await spend(domain.limits, "roomChanges", user.id);
  const updated = await domain.store.updateRoom(room.id, {
    ...(change.name !== undefined && { name: change.name, name_key: nameKey(change.name) }),
    ...(change.topic !== undefined && { topic: change.topic }),
    ...(change.archived !== undefined && { archived_at: change.archived ? (room.archived_at ?? domain.now()) : null }),
  });
  if (!updated) throw new Refusal("ROOM_EXISTS", `A room named "${change.name ?? ""}" exists already`);
  const event = { previousName: room.name, name: updated.name, topic: updated.topic, archived: updated.archived_at !== null };
  // A public room's name and state are in everyone's list of rooms to join; a private room's reach its members only.
  if (room.kind === "public") domain.publisher.toEveryone(null, "room_updated", event);
  else domain.publisher.toRoom(room.id, "room_updated", event);
  if (change.archived !== undefined && change.archived !== (room.archived_at !== null)) {
    await recordAudit(domain, { actor: user, action: change.archived ? "room.archive" : "room.unarchive", target: `#${updated.name}`, address });
  }
  return summaryFor(domain, user.id, updated);
}

/** Stores how far the user has read (forward only) and tells all their tabs the counts left. */
export async function markRead(domain: Domain, user: User, name: string, seq: number): Promise<number> {
  const { room } = await accessMembership(domain, user.id, name);
  await spend(domain.limits, "readMarks", user.id);
  const stored = await domain.store.markRead(room.id, user.id, Math.min(seq, room.last_seq));
  await announceReadPosition(domain, user, room, stored);
  return stored;
}

/** Every tab of the user learns the read position and what is unread after it. */
export async function announceReadPosition(domain: Domain, user: User, room: RoomRow, seq: number): Promise<ReadState> {
  const counts = await domain.store.roomCounts(room.id, user.id, seq);
  const state = { seq, ...counts };
  domain.publisher.toUser(user.id, "read", { room: room.name, ...state });
  return state;
}

export async function setNotifyLevel(domain: Domain, user: User, name: string, level: NotifyLevel): Promise<void> {
  const { room } = await accessMembership(domain, user.id, name);
  await spend(domain.limits, "roomChanges", user.id);
  await domain.store.updateMembership(room.id, user.id, { notify: level });
}

/**
 * A new membership: true when the user was not a member. The room's roster counts them if they are online;
 * given only an id (a DM's people, a room of two), the roster is read afresh instead.
 */
export async function addMember(domain: Domain, roomId: number, member: UserRef | number, role: MembershipRow["role"] = "member"): Promise<boolean> {
  const userId = typeof member === "number" ? member : member.id;
  const added = await domain.store.addMember(roomId, userId, domain.now(), role);
  if (!added) return false;
  if (typeof member === "number") domain.rosters.forget(roomId);
  else await domain.rosters.memberAdded(roomId, toUserRef(member), (id) => domain.presence.isOnline(id));
  return true;
}

/** One room as one user's sidebar shows it. */
export async function summaryFor(domain: Domain, userId: number, room: RoomRow): Promise<RoomSummary> {
  const listing = (await domain.store.listRooms(userId)).find((r) => r.id === room.id);
  if (!listing) return toRoomSummary(room);
  return summarize(listing, room.kind === "dm" ? await memberRefs(domain, room.id) : []);
}

/** The member is out: their tabs on every node stop receiving the room, and the others see them go. */
export async function dropMember(
  domain: Domain,
  room: RoomRow,
  target: { id: number; username: string },
  reason: "left" | "removed" | "banned",
): Promise<void> {
  await domain.store.removeMember(room.id, target.id);
  domain.rosters.memberRemoved(room.id, toUserRef(target));
  domain.typing.stop(room.id, target.id);
  await domain.publisher.unfollow(target.id, room.id);
  domain.publisher.toUser(target.id, "room_removed", { room: room.name, reason });
  domain.publisher.toRoom(room.id, "user_left", { room: room.name, user: toUserRef(target) });
}

async function memberRefs(domain: Domain, roomId: number): Promise<UserRef[]> {
  return (await domain.store.members(roomId)).map((m) => ({ id: m.user_id, username: m.username }));
}

function summarize(listing: RoomListing, members: UserRef[]): RoomSummary {
  return toRoomSummary(listing, { ...listing, members });
}
