import { nameKey, type AdminRoomsResponse, type User } from "@natter/protocol";
import { findVisibleRoom } from "./access.js";
import { requireAdmin } from "./adminAccess.js";
import { recordAudit } from "./audit.js";
import type { Domain } from "./context.js";
import { Refusal } from "./errors.js";
import { spend } from "./limits.js";
import { GENERAL } from "./rooms.js";

/**
 * Deletes a room: at once it is gone from every lookup and list, everyone who could see it is told
 * (`room_deleted`) and every tab on every node stops receiving it; its messages, reactions, search entries and
 * files are then purged in batches (roomPurges.ts). Its owners and server admins may; `general` stays.
 */
export async function deleteRoom(domain: Domain, user: User, name: string, address?: string): Promise<void> {
  const { room, membership } = await findVisibleRoom(domain, user, name);
  if (user.role !== "admin" && membership?.role !== "owner")
    throw new Refusal("FORBIDDEN", `Only the owners of "${room.name}" and server admins can delete it`);
  if (room.name_key === GENERAL) throw new Refusal("FORBIDDEN", "general cannot be deleted");
  if (room.kind === "dm") throw new Refusal("BAD_REQUEST", "Direct conversations cannot be deleted");
  await spend(domain.limits, "roomChanges", user.id);
  const memberIds = await domain.store.retireRoom(room.id, domain.now());
  const event = { room: room.name };
  // A public room is in everyone's list of rooms to join; a private one only in its members' (whose tabs follow it).
  if (room.kind === "public") domain.publisher.toEveryone(null, "room_deleted", event);
  else domain.publisher.toRoom(room.id, "room_deleted", event);
  await domain.publisher.closeRoom(room.id);
  domain.rosters.forget(room.id);
  await recordAudit(domain, {
    actor: user,
    action: "room.delete",
    target: `#${room.name}`,
    address,
    details: { kind: room.kind, members: memberIds.length, messages: Number(room.last_seq) },
  });
  domain.purges.start(room.id);
}

/** The console's Rooms tab: every room but direct conversations, private ones too, by name. Admins only. */
export async function consoleRooms(
  domain: Domain,
  user: User | null,
  query: { query?: string | undefined; after?: string | undefined; limit: number },
): Promise<AdminRoomsResponse> {
  await requireAdmin(domain, user);
  const rows = await domain.store.adminRooms({ contains: query.query ? nameKey(query.query) : undefined, afterKey: query.after, limit: query.limit });
  const last = rows.at(-1);
  return {
    rooms: rows.map((row) => ({
      name: row.name,
      topic: row.topic,
      kind: row.kind,
      archived: row.archived_at !== null,
      createdAt: new Date(Number(row.created_at)).toISOString(),
      memberCount: Number(row.member_count),
      messageCount: Number(row.last_seq),
      lastActivityAt: row.last_activity_at === null ? null : new Date(Number(row.last_activity_at)).toISOString(),
    })),
    nextAfter: rows.length === query.limit && last ? last.name_key : null,
  };
}
