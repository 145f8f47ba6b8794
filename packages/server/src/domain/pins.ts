import { MAX_PINS_PER_ROOM, type Pin, type SavedResponse, type User } from "@natter/protocol";
import type { PinListing } from "../storage/queries/pins.js";
import { accessMembership, requireWritable } from "./access.js";
import type { Domain } from "./context.js";
import { Refusal } from "./errors.js";
import { hydrateAcrossRooms, hydrateMessages } from "./hydrate.js";
import { spend } from "./limits.js";
import { iso, toUserRef } from "./wire.js";

/*
 * Pins: every member of a room pins and unpins its messages, as in Slack and Mattermost by default; a room holds
 * at most MAX_PINS_PER_ROOM. Saved messages are each person's own; both lists show only what the reader may read.
 */

/** The room's pins, newest first, to its members. */
export async function roomPins(domain: Domain, user: User, roomName: string): Promise<Pin[]> {
  const { room } = await accessMembership(domain, user.id, roomName);
  return toPins(domain, room.name, await domain.store.pinsOf(room.id, MAX_PINS_PER_ROOM));
}

export async function pinMessage(domain: Domain, user: User, roomName: string, messageId: number): Promise<Pin> {
  const { room, row } = await pinnable(domain, user, roomName, messageId);
  if ((await domain.store.countPins(room.id)) >= MAX_PINS_PER_ROOM) {
    throw new Refusal("QUOTA_EXCEEDED", `A room holds at most ${MAX_PINS_PER_ROOM} pins; unpin one first`);
  }
  // Pinning a pinned message again changes nothing: the first pin, and who made it, stays.
  if (await domain.store.addPin({ messageId, roomId: room.id, pinnedBy: user.id, pinnedAt: domain.now() })) {
    domain.publisher.toRoom(room.id, "pin_changed", { room: room.name, messageId, seq: Number(row.seq), pinned: true, by: toUserRef(user) });
  }
  const pin = (await roomPins(domain, user, room.name)).find((known) => known.message.id === messageId);
  if (!pin) throw messageNotFound(messageId);
  return pin;
}

export async function unpinMessage(domain: Domain, user: User, roomName: string, messageId: number): Promise<void> {
  const { room, row } = await pinnable(domain, user, roomName, messageId);
  if (await domain.store.removePin(messageId)) {
    domain.publisher.toRoom(room.id, "pin_changed", { room: room.name, messageId, seq: Number(row.seq), pinned: false, by: toUserRef(user) });
  }
}

export async function saveMessage(domain: Domain, user: User, messageId: number): Promise<void> {
  await readableMessage(domain, user, messageId);
  await spend(domain.limits, "pins", user.id);
  await domain.store.saveMessage(user.id, messageId, domain.now());
}

export async function unsaveMessage(domain: Domain, user: User, messageId: number): Promise<void> {
  await readableMessage(domain, user, messageId);
  await spend(domain.limits, "pins", user.id);
  await domain.store.unsaveMessage(user.id, messageId);
}

/** The person's saved messages, newest saved first, of the rooms they are still in. */
export async function savedMessages(domain: Domain, user: User, query: { before?: string | undefined; limit: number }): Promise<SavedResponse> {
  // The cursor is "savedAt-messageId": two messages saved in the same millisecond are still told apart.
  const [at, id] = (query.before ?? "").split("-").map(Number);
  const before = at !== undefined && id !== undefined && query.before ? { savedAt: at, messageId: id } : undefined;
  const rows = await domain.store.savedOf(user.id, before, query.limit);
  const messages = new Map((await hydrateAcrossRooms(domain, rows)).map((message) => [message.id, message]));
  const last = rows.at(-1);
  return {
    saved: rows.flatMap((row) => {
      const message = messages.get(Number(row.id));
      return message ? [{ message, savedAt: iso(Number(row.saved_at)) }] : [];
    }),
    nextBefore: rows.length === query.limit && last ? `${Number(last.saved_at)}-${Number(last.id)}` : null,
  };
}

async function pinnable(domain: Domain, user: User, roomName: string, messageId: number) {
  const { room } = await accessMembership(domain, user.id, roomName);
  requireWritable(room);
  const row = await domain.store.messageById(room.id, messageId);
  if (!row || row.deleted_at !== null) throw messageNotFound(messageId);
  await spend(domain.limits, "pins", user.id);
  return { room, row };
}

/** A message of a room the user is in; any other answers exactly like one that does not exist. */
async function readableMessage(domain: Domain, user: User, messageId: number): Promise<void> {
  const [row] = await domain.store.messagesByIds([messageId]);
  const member = row && (await domain.store.membership(row.room_id, user.id));
  if (!row || !member || row.deleted_at !== null) throw messageNotFound(messageId);
}

async function toPins(domain: Domain, room: string, rows: readonly PinListing[]): Promise<Pin[]> {
  const messages = await hydrateMessages(domain, room, rows);
  return rows.flatMap((row, index) => {
    const message = messages[index];
    if (!message) return [];
    const pinnedBy = row.pinned_by === null || row.pinner_name === null ? null : toUserRef({ id: Number(row.pinned_by), username: row.pinner_name });
    return [{ message, pinnedBy, pinnedAt: iso(Number(row.pinned_at)) }];
  });
}

function messageNotFound(id: number): Refusal {
  return new Refusal("NOT_FOUND", `No message ${id}`);
}
