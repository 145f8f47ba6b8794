import type { User, UserRef } from "@natter/protocol";
import type { RoomRow } from "../storage/index.js";
import { announceAvailability, readAvailability } from "./availability.js";
import type { Domain } from "./context.js";
import type { RosterChange } from "./publisher.js";
import { toUserRef } from "./wire.js";

/** A tab opened: returns the rooms it should receive, and tells them if the user just came online. */
export async function connectUser(domain: Domain, user: User, connectionId: string): Promise<RoomRow[]> {
  const [rooms, cameOnline] = await Promise.all([domain.store.roomsOfUser(user.id), domain.presence.connected(toUserRef(user), connectionId)]);
  // A tab opens in use: someone idle in every other tab is back.
  const back = await domain.presence.setIdle(toUserRef(user), connectionId, false);
  if (cameOnline) await announcePresence(domain, user, rooms, true);
  else if (back) await announceAvailability(domain, user, await readAvailability(domain, user.id));
  return rooms;
}

/** A tab closed: when it was the last one, the user is offline and stops typing everywhere. */
export async function disconnectUser(domain: Domain, user: User, connectionId: string): Promise<void> {
  // Closing the one tab in use leaves the others idle: the user turns away, unless they went offline.
  const turnedAway = await domain.presence.setIdle(toUserRef(user), connectionId, true);
  const wentOffline = await domain.presence.disconnected(toUserRef(user), connectionId);
  if (!wentOffline) {
    if (turnedAway) await announceAvailability(domain, user, await readAvailability(domain, user.id));
    return;
  }
  domain.typing.stopEverywhere(user.id);
  await announcePresence(domain, user, await domain.store.roomsOfUser(user.id), false);
}

/** The user's node vanished without saying goodbye: tell their rooms they are gone. */
export async function announceExpired(domain: Domain, user: UserRef): Promise<void> {
  domain.typing.stopEverywhere(user.id);
  await announcePresence(domain, user, await domain.store.roomsOfUser(user.id), false);
}

/** Another node's user came or went: this node's rosters count it too, without waiting to reload them. */
export function applyRosterChange(domain: Domain, change: RosterChange): void {
  for (const roomId of change.roomIds) domain.rosters.changed(roomId, change.user, change.online);
}

async function announcePresence(domain: Domain, user: UserRef, rooms: RoomRow[], online: boolean): Promise<void> {
  const ref = toUserRef(user);
  if (domain.presence.spansNodes) domain.publisher.shareRosterChange({ user: ref, online, roomIds: rooms.map((room) => room.id) });
  await Promise.all(
    rooms.map(async (room) => {
      domain.rosters.changed(room.id, ref, online);
      // Read just before publishing, so of two announcements the one published last carries the newer count.
      const onlineCount = await domain.rosters.count(room.id);
      domain.publisher.toRoom(room.id, "presence", { room: room.name, user: ref, online, onlineCount });
    }),
  );
}
